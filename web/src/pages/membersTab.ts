// The members tab (firms, representatives, invitations) and the survey results tab.
import { api, type Initiative, type SurveyResults, type Invitation, type Survey } from '../api';
import { h } from '../dom';
import { local, t, type Key } from '../i18n';
import { formatDate, formatNumber, formatPercent } from '../format';
import { barChart } from '../charts/charts';
import { section, empty, stat, messageBox } from '../ui';
import { latestSurvey, surveyLink } from './workspaceShared';
import { contactsCard, mailingPanel, mailLogCard } from './contacts';

export async function membersTab(ini: Initiative): Promise<HTMLElement> {
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
    b.append(h('div', { class: 'table-wrap tall', tabindex: '0', role: 'region', 'aria-label': t('ws.invitations') }, h('table', { class: 'data stack', id: 'invitations' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('members.name')), h('th', { scope: 'col' }, t('ws.responded')), h('th', { scope: 'col' }, t('ws.personalLink')))),
      h('tbody', null, items.map((i) => h('tr', null, h('td', { 'data-label': t('members.name') }, i.firm, i.name ? h('div', { class: 'muted small' }, i.name) : null),
        h('td', { 'data-label': t('ws.responded') }, i.responded_at ? h('span', { class: 'pill ok' }, formatDate(i.responded_at)) : h('span', { class: 'pill' }, t('common.no'))),
        h('td', { 'data-label': t('ws.personalLink') }, h('a', { href: surveyLink(i.token), class: 'survey-link', 'data-token': i.token, target: '_blank', rel: 'noopener' }, t('ws.openLink')), ' ',
          h('button', { type: 'button', class: 'link', onclick: async (e: Event) => {
            const btn = e.currentTarget as HTMLButtonElement;
            try { await navigator.clipboard.writeText(surveyLink(i.token)); btn.textContent = t('ws.copied'); } catch { window.prompt(t('ws.personalLink'), surveyLink(i.token)); }
          } }, t('ws.copyLink')))))))),
    h('p', null, h('a', { class: 'button', href: api.mailMergeUrl(survey.id) }, t('ws.mailMerge'))),
    mailingPanel(survey, () => void (log as HTMLElement & { refresh: () => Promise<void> }).refresh()));
  });
  return h('div', null, h('div', { class: 'grid two' }, contacts, invitations), log);
}

export async function surveyTab(id: string): Promise<HTMLElement> {
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

