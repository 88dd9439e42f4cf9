// The network tab: the cooperation network (or the firms' centralities) and the referrals.
import { api, ApiError, type Referral, type NetworkGraph } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatDate, formatNumber } from '../format';
import { networkGraph } from '../charts/graphs';
import { section, empty } from '../ui';
import { firmNamer } from './workspaceShared';

export async function networkTab(id: string): Promise<HTMLElement[]> {
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

