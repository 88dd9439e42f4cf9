import { api, roleIn, type Initiative } from '../api';
import { h } from '../dom';
import { t, type Key } from '../i18n';
import { formatDate } from '../format';
import { section, empty } from '../ui';
import { tradeName } from '../trades';
import { renderBoard } from './board';
import { renderTopic } from './topic';
import { membersTab, surveyTab } from './membersTab';
import { needsTab } from './needsTab';
import { stateNeedForm } from './stateNeed';
import { networkTab } from './networkTab';
import { indicatorsTab } from './indicatorsTab';
import type { PageContext } from '../main';

export async function renderInitiatives(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('ws.initiatives'));
  const list = await section(t('ws.initiatives'), () => api.initiatives(), (items: Initiative[], body) => {
    if (!items.length) { body.append(empty(t('ws.noInitiatives'))); return; }
    body.append(h('ul', { class: 'cards-list' }, items.map((i) => h('li', null,
      h('a', { href: `#/initiatives/${i.id}`, class: 'tile' }, h('strong', null, i.name),
        h('span', { class: 'muted small' }, [i.trade ? tradeName(i.trade) : '', i.created_at ? formatDate(i.created_at) : '',
          i.member_count !== undefined ? t('map.nMembers', { n: i.member_count }) : ''].filter(Boolean).join(' · ')))))));
  });
  ctx.root.append(h('div', { class: 'container' }, h('h1', null, t('ws.initiatives')), h('p', { class: 'muted' }, t('ws.initiativesIntro')), list));
}

const TABS: Array<[string, Key]> = [['members', 'ws.tabMembers'], ['survey', 'ws.tabSurvey'], ['needs', 'ws.tabNeeds'], ['topics', 'ws.tabTopics'], ['network', 'ws.tabNetwork'], ['indicators', 'ws.tabIndicators']];

/** Member users (a firm's representatives) see the animation tabs only. */
const MEMBER_TABS = new Set(['topics', 'needs', 'network', 'indicators']);

export async function renderWorkspace(ctx: PageContext): Promise<() => void> {
  const id = ctx.match.params.id;
  // The role granted on this initiative counts: an animator of this one only sees every tab.
  const member = roleIn(ctx.user, id) === 'member';
  const tabs = TABS.filter(([k]) => !member || MEMBER_TABS.has(k));
  const tab = ctx.match.params.tab ?? (member ? 'topics' : 'members');
  const topic = ctx.match.query.get('topic');
  const ini = await api.initiative(id);
  // One title per tab ("Needs · Initiative"), so the browser history and tabs tell them apart.
  const tabLabel = tabs.find(([k]) => k === tab)?.[1];
  ctx.setTitle(tabLabel ? `${t(tabLabel)} · ${ini.name}` : ini.name);
  const body = h('div', { class: 'tab-body' });
  ctx.root.append(h('div', { class: 'container wide' },
    h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') }, h('a', { href: '#/initiatives' }, t('ws.initiatives')), ' / ', ini.name),
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, ini.name),
      h('p', { class: 'muted' }, [ini.trade ? tradeName(ini.trade) : '', ini.created_at ? t('ws.createdOn', { date: formatDate(ini.created_at) }) : ''].filter(Boolean).join(' · ')))),
    h('nav', { class: 'tabs', 'aria-label': t('ws.sections') }, tabs.map(([k, label]) =>
      h('a', { href: `#/initiatives/${id}/${k}`, class: k === tab ? 'active' : '', 'aria-current': k === tab ? 'page' : undefined, 'data-tab': k }, t(label)))),
    body));
  let cleanup: (() => void) | void;
  switch (tab) {
    case 'members': body.append(await membersTab(ini)); break;
    case 'survey': body.append(await surveyTab(id)); break;
    case 'needs': body.append(await needsTab(id), await stateNeedForm(id, () => undefined)); break;
    case 'topics': cleanup = topic ? await renderTopic(body, id, topic) : await renderBoard(body, id); break;
    case 'network': body.append(...await networkTab(id)); break;
    case 'indicators': body.append(await indicatorsTab(id)); break;
  }
  return () => { if (cleanup) cleanup(); };
}

