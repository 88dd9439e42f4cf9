import { api, ApiError, type InitiativeMember, type Initiative, type SurveyResults, type Need, type Referral, type NetworkGraph, type IndicatorPoint, type Invitation, type Survey } from '../api';
import { h } from '../dom';
import { local, t, type Key } from '../i18n';
import { formatDate, formatNumber, formatPercent } from '../format';
import { barChart, lineChart } from '../charts/charts';
import { networkGraph } from '../charts/graphs';
import { section, empty, stat, messageBox } from '../ui';
import { tradeName } from '../trades';
import { renderBoard } from './board';
import { contactsCard, mailingPanel, mailLogCard } from './contacts';
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

export async function renderWorkspace(ctx: PageContext): Promise<() => void> {
  const id = ctx.match.params.id;
  const tab = ctx.match.params.tab ?? 'members';
  const ini = await api.initiative(id);
  ctx.setTitle(ini.name);
  const body = h('div', { class: 'tab-body' });
  ctx.root.append(h('div', { class: 'container wide' },
    h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') }, h('a', { href: '#/initiatives' }, t('ws.initiatives')), ' / ', ini.name),
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, ini.name),
      h('p', { class: 'muted' }, [ini.trade ? tradeName(ini.trade) : '', ini.created_at ? t('ws.createdOn', { date: formatDate(ini.created_at) }) : ''].filter(Boolean).join(' · ')))),
    h('nav', { class: 'tabs', 'aria-label': t('ws.sections') }, TABS.map(([k, label]) =>
      h('a', { href: `#/initiatives/${id}/${k}`, class: k === tab ? 'active' : '', 'aria-current': k === tab ? 'page' : undefined, 'data-tab': k }, t(label)))),
    body));
  let cleanup: (() => void) | void;
  switch (tab) {
    case 'members': body.append(await membersTab(ini)); break;
    case 'survey': body.append(await surveyTab(id)); break;
    case 'needs': body.append(await needsTab(id)); break;
    case 'topics': cleanup = await renderBoard(body, id); break;
    case 'network': body.append(...await networkTab(id)); break;
    case 'indicators': body.append(await indicatorsTab(id)); break;
  }
  return () => { if (cleanup) cleanup(); };
}

async function latestSurvey(id: number | string): Promise<Survey | undefined> {
  const surveys = await api.surveys(id);
  return surveys[surveys.length - 1];
}

export function surveyLink(token: string): string {
  return `${location.origin}/survey/${token}`;
}

async function membersTab(ini: Initiative): Promise<HTMLElement> {
  const [contacts, log] = await Promise.all([contactsCard(ini), mailLogCard(ini.id)]);
  const invitations = await section(t('ws.invitations'), async () => {
    const survey = await latestSurvey(ini.id);
    return { survey, items: survey ? await api.invitations(survey.id) : [] };
  }, ({ survey, items }: { survey?: Survey; items: Invitation[] }, b) => {
    if (!survey) {
      const btn = h('button', { type: 'button', class: 'primary', id: 'create-survey', onclick: async () => {
        btn.disabled = true;
        const sv = await api.createSurvey(ini.id);
        await api.createInvitations(sv.id);
        await api.openSurvey(sv.id);
        location.reload();
      } }, t('ws.createSurvey'));
      b.append(empty(t('ws.noSurvey')), btn);
      return;
    }
    const toggle = h('button', { type: 'button', class: 'small-button', id: 'survey-toggle', onclick: async () => {
      toggle.disabled = true;
      try { await (survey.status === 'open' ? api.closeSurvey(survey.id) : api.openSurvey(survey.id)); location.reload(); } catch (e) { toggle.disabled = false; b.prepend(messageBox(e)); }
    } }, survey.status === 'open' ? t('ws.closeSurvey') : t('ws.openSurvey'));
    b.append(h('div', { class: 'survey-status' }, h('p', { class: 'muted small' }, h('span', { class: `pill ${survey.status === 'open' ? 'ok' : ''}` }, t(`ws.status_${survey.status}` as Key)), ' ',
      t('ws.respondedOf', { n: items.filter((i) => i.responded_at).length, total: items.length })), survey.anonymised ? null : toggle));
    if (!items.length) { b.append(empty(t('ws.noInvitations'))); return; }
    b.append(h('div', { class: 'table-wrap tall', tabindex: '0', role: 'region', 'aria-label': t('ws.invitations') }, h('table', { class: 'data', id: 'invitations' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('members.name')), h('th', { scope: 'col' }, t('ws.responded')), h('th', { scope: 'col' }, t('ws.personalLink')))),
      h('tbody', null, items.map((i) => h('tr', null, h('td', null, i.firm, i.name ? h('div', { class: 'muted small' }, i.name) : null),
        h('td', null, i.responded_at ? h('span', { class: 'pill ok' }, formatDate(i.responded_at)) : h('span', { class: 'pill' }, t('common.no'))),
        h('td', null, h('a', { href: surveyLink(i.token), class: 'survey-link', 'data-token': i.token, target: '_blank', rel: 'noopener' }, t('ws.openLink')), ' ',
          h('button', { type: 'button', class: 'link', onclick: async (e: Event) => {
            const btn = e.currentTarget as HTMLButtonElement;
            try { await navigator.clipboard.writeText(surveyLink(i.token)); btn.textContent = t('ws.copied'); } catch { window.prompt(t('ws.personalLink'), surveyLink(i.token)); }
          } }, t('ws.copyLink')))))))),
    h('p', null, h('a', { class: 'button', href: api.mailMergeUrl(survey.id) }, t('ws.mailMerge'))),
    mailingPanel(survey, () => void (log as HTMLElement & { refresh: () => Promise<void> }).refresh()));
  });
  return h('div', null, h('div', { class: 'grid two' }, contacts, invitations), log);
}

async function surveyTab(id: string): Promise<HTMLElement> {
  let exportUrl = '';
  const card = await section(t('ws.results'), async () => {
    const survey = await latestSurvey(id);
    if (!survey) return null;
    exportUrl = api.surveyExportUrl(survey.id);
    return api.surveyResults(survey.id);
  }, (r: SurveyResults | null, b) => {
    if (!r) { b.append(empty(t('ws.noSurvey'))); return; }
    b.append(h('div', { class: 'stats' },
      stat(t('ws.invited'), formatNumber(r.invited)), stat(t('ws.respondedN'), formatNumber(r.responded)),
      stat(t('ws.rate'), formatPercent(r.response_rate ?? (r.invited ? r.responded / r.invited : 0)))));
    if (!r.responded) { b.append(empty(t('ws.noResponses'))); return; }
    const grid = h('div', { class: 'results-grid' });
    for (const q of r.questions) {
      const block = h('div', { class: 'result-block', 'data-qid': q.id }, h('h3', null, local(q.label)));
      if (q.counts && Object.keys(q.counts).length) {
        const labelOf = (v: string) => local(q.options?.find((o) => o.value === v)?.label) || v;
        // Single choices and scales keep the questionnaire's order; multiple choices rank by count.
        const order = q.options?.map((o) => o.value) ?? [];
        const entries = Object.entries(q.counts).sort((a, b2) => (q.type === 'multiple' || q.type === 'firms' || !order.length
          ? b2[1] - a[1] : order.indexOf(a[0]) - order.indexOf(b2[0])));
        const shown = q.type === 'firms' ? entries.filter(([, v]) => v > 0).slice(0, 12) : entries;
        block.append(shown.length ? barChart(shown.map(([k, v]) => ({ label: labelOf(k), value: v })), local(q.label), (v) => formatNumber(v)) : empty(t('ws.noAnswers')));
      }
      if (q.mean !== undefined && q.mean !== null) block.append(h('p', null, t('ws.mean', { v: formatNumber(q.mean, 1) })));
      if (q.texts?.length) block.append(h('ul', { class: 'quotes' }, q.texts.slice(0, 8).map((x) => h('li', null, x))));
      else if (q.type === 'text') block.append(empty(t('ws.noAnswers')));
      grid.append(block);
    }
    b.append(grid);
    if (exportUrl) b.append(h('p', null, h('a', { href: exportUrl, class: 'button' }, t('common.exportCsv'))));
  });
  return card;
}

/** Firm ids in the animation API are member ids: names come from the members list. */
async function firmNamer(id: string): Promise<(firm: string) => string> {
  const members = await api.members(id).catch(() => [] as InitiativeMember[]);
  const byId = new Map(members.map((m) => [String(m.id), m.name]));
  return (firm: string) => byId.get(String(firm)) ?? firm;
}

async function needsTab(id: string): Promise<HTMLElement> {
  const name = await firmNamer(id);
  const run = async (btn: HTMLButtonElement, f: () => Promise<unknown>) => {
    btn.disabled = true;
    try { await f(); location.reload(); } catch (e) { btn.disabled = false; btn.after(messageBox(e)); }
  };
  const importBtn = h('button', { type: 'button', class: 'small-button', onclick: () => void run(importBtn, async () => {
    const survey = await latestSurvey(id);
    if (survey) await api.importNeeds(id, survey.id);
    await api.groupNeeds(id);
  }) }, t('ws.importNeeds'));
  return section(t('ws.needs'), () => api.needs(id), (needs: Need[], b) => {
    if (!needs.length) { b.append(empty(t('ws.noNeeds'))); return; }
    const toTopic = (n: Need) => {
      const btn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button', onclick: () => void run(btn, async () => {
        await api.needToTopic(id, n.id);
        location.hash = `#/initiatives/${id}/topics`;
      }) }, t('ws.makeTopic'));
      return btn;
    };
    b.append(h('p', { class: 'muted' }, t('ws.needsIntro')),
      barChart(needs.slice(0, 15).map((n) => ({ label: n.label, value: n.firms?.length ?? n.support ?? 0 })), t('ws.needs'), (v) => t('ws.nFirms', { n: v }), '#2a7d6b'),
      h('div', { class: 'needs' }, needs.map((n) => h('details', { class: 'need' },
        h('summary', null, h('strong', null, n.label), n.theme && n.theme !== n.label ? h('span', { class: 'pill' }, n.theme) : null, h('span', { class: 'muted' }, ` · ${t('ws.nFirms', { n: n.firms?.length ?? n.support ?? 0 })}`)),
        n.texts?.length ? h('ul', { class: 'quotes' }, n.texts.slice(0, 5).map((x) => h('li', null, x))) : null,
        n.firms?.length ? h('p', { class: 'muted small' }, n.firms.map(name).join(', ')) : null,
        n.grouped ? toTopic(n) : null))));
  }, t('ws.needs'), importBtn);
}

async function networkTab(id: string): Promise<HTMLElement[]> {
  const name = await firmNamer(id);
  return Promise.all([
    section(t('ws.network'), async () => {
      try {
        return { graph: await api.network(id), firms: [] };
      } catch (e) {
        if (!(e instanceof ApiError) || !e.notAvailable) throw e;
        return { graph: null, firms: (await api.indicators(id)).firms }; // centralities without the drawing
      }
    }, ({ graph, firms }: { graph: NetworkGraph | null; firms: Array<{ firm: string; degree: number; betweenness: number; core_number: number }> }, b) => {
      if (graph) {
        // Firms without a tie yet would crowd the drawing's edges: they are listed below it.
        const tied = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
        const isolated = graph.nodes.filter((n) => !tied.has(n.id));
        if (!graph.edges.length) b.append(empty(t('ws.noNetwork')));
        else b.append(networkGraph(graph.nodes.filter((n) => tied.has(n.id)).map((n) => ({ id: n.id, label: n.name, group: n.core })), graph.edges, t('ws.network')));
        if (isolated.length && graph.edges.length) b.append(h('p', { class: 'muted small' }, t('ws.isolated', { n: isolated.length }), ' ', isolated.map((n) => n.name).join(', ')));
        b.append(h('p', { class: 'muted small' }, t('ws.networkHelp')));
        return;
      }
      if (!firms.length) { b.append(empty(t('ws.noNetwork'))); return; }
      const rows = firms.slice().sort((a, c) => c.core_number - a.core_number || c.degree - a.degree);
      b.append(h('div', { class: 'table-wrap tall', tabindex: '0', role: 'region', 'aria-label': t('ws.centrality') }, h('table', { class: 'data', id: 'centrality' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('members.name')), h('th', { scope: 'col', class: 'num' }, t('ws.coreNumber')),
          h('th', { scope: 'col', class: 'num' }, t('ws.degree')), h('th', { scope: 'col', class: 'num' }, t('ws.betweenness')))),
        h('tbody', null, rows.map((f) => h('tr', null, h('td', null, name(f.firm)), h('td', { class: 'num' }, formatNumber(f.core_number)),
          h('td', { class: 'num' }, formatNumber(f.degree)), h('td', { class: 'num' }, formatNumber(f.betweenness, 3))))))),
      h('p', { class: 'muted small' }, t('ws.centralityHelp')));
    }),
    section(t('ws.referrals'), () => api.referrals(id), (refs: Referral[], b) => {
      if (!refs.length) { b.append(empty(t('ws.noReferrals'))); return; }
      b.append(h('table', { class: 'data' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('ws.referrer')), h('th', { scope: 'col' }, t('ws.referred')), h('th', { scope: 'col' }, t('ws.date')))),
        h('tbody', null, refs.map((r) => h('tr', null, h('td', null, name(r.from)), h('td', null, r.to), h('td', null, formatDate(r.date)))))));
    }),
  ]);
}

async function indicatorsTab(id: string): Promise<HTMLElement> {
  return section(t('ws.indicators'), async () => (await api.indicators(id)).points, (pts: IndicatorPoint[], b) => {
    if (!pts.length) { b.append(empty(t('ws.noIndicators'))); return; }
    const last = pts[pts.length - 1];
    const x = pts.map((p) => new Date(p.date).getTime());
    const fx = (v: number) => new Intl.DateTimeFormat(document.documentElement.lang, { year: 'numeric', month: 'short' }).format(new Date(v));
    const charts = [lineChart({ x, title: t('ws.members'), xLabel: t('ws.date'), yLabel: t('ws.members'), formatX: fx, formatY: (v) => formatNumber(v),
      series: [{ label: t('ws.members'), y: pts.map((p) => p.members ?? NaN), color: '#1f5fa8' },
        { label: t('ws.mainCore'), y: pts.map((p) => p.main_core ?? NaN), color: '#b3541e', dash: '5 4' }] })];
    if (pts.some((p) => p.autonomy_index !== undefined)) {
      charts.unshift(lineChart({ x, title: t('ws.autonomy'), xLabel: t('ws.date'), yLabel: t('ws.autonomy'), formatX: fx, formatY: (v) => formatPercent(v), yMin: 0, yMax: 1,
        series: [{ label: t('ws.autonomy'), y: pts.map((p) => p.autonomy_index ?? NaN), color: '#2a7d6b' }] }));
    }
    b.append(h('div', { class: 'stats' },
      stat(t('ws.members'), formatNumber(last.members)), stat(t('ws.autonomy'), formatPercent(last.autonomy_index)),
      stat(t('ws.density'), formatNumber(last.density, 2)), stat(t('ws.mainCore'), formatNumber(last.main_core))),
    h('div', { class: 'grid two' }, charts),
    h('p', { class: 'muted small' }, t('ws.autonomyHelp')));
  });
}
