// The collective needs tab: need statements grouped into collective needs, and need → topic.
import { api, type Need } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { barChart } from '../charts/charts';
import { section, empty, messageBox } from '../ui';
import { firmNamer, latestSurvey } from './workspaceShared';
import { actingBody, loadActing } from './acting';

export async function needsTab(id: string): Promise<HTMLElement> {
  const name = await firmNamer(id);
  // After an action the card is drawn again in place (or the new topic opens): no page reload.
  let card: HTMLElement;
  const run = async (btn: HTMLButtonElement, f: () => Promise<unknown>) => {
    btn.disabled = true;
    try { if ((await f()) !== 'navigated') card.replaceWith(await needsTab(id)); } catch (e) { btn.disabled = false; btn.after(messageBox(e)); }
  };
  const importBtn = h('button', { type: 'button', class: 'small-button', onclick: () => void run(importBtn, async () => {
    const survey = await latestSurvey(id);
    if (survey) await api.importNeeds(id, survey.id);
    await api.groupNeeds(id);
  }) }, t('ws.importNeeds'));
  card = await section(t('ws.needs'), () => api.needs(id), (needs: Need[], b) => {
    if (!needs.length) { b.append(empty(t('ws.noNeeds'))); return; }
    const toTopic = (n: Need) => {
      const btn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button', onclick: () => void run(btn, async () => {
        const topic = await api.needToTopic(id, n.id, actingBody(await loadActing(id)));
        location.hash = `#/initiatives/${id}/topics?topic=${encodeURIComponent(String(topic.id))}`;
        return 'navigated';
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
  return card;
}

