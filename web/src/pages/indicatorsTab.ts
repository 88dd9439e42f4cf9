// The indicators tab: members, ties and the main core, and the autonomy index over time
// (month ends, docs/animation.md §3), with each indicator's definition beside it.
import { api, type IndicatorPoint } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatNumber, formatPercent } from '../format';
import { lineChart } from '../charts/charts';
import { section, empty, stat } from '../ui';

export async function indicatorsTab(id: string): Promise<HTMLElement> {
  return section(t('ws.indicators'), () => api.indicators(id), (pts: IndicatorPoint[], b) => {
    if (!pts.length) { b.append(empty(t('ws.noIndicators'))); return; }
    const last = pts[pts.length - 1];
    const x = pts.map((p) => new Date(p.date).getTime());
    const fx = (v: number) => new Intl.DateTimeFormat(document.documentElement.lang, { year: 'numeric', month: 'short' }).format(new Date(v));
    // Without a tie every firm is its own 0-core: a "main core" then says nothing.
    const tied = pts.some((p) => (p.ties ?? 0) > 0);
    const charts = [lineChart({ x, title: t('ws.members'), xLabel: t('ws.date'), yLabel: t('ws.firms'), formatX: fx, formatY: (v) => formatNumber(v), markers: true,
      series: [{ label: t('ws.members'), y: pts.map((p) => p.members ?? NaN), color: '#1f5fa8' },
        ...(tied ? [{ label: t('ws.mainCore'), y: pts.map((p) => ((p.ties ?? 0) > 0 ? p.main_core ?? NaN : NaN)), color: '#b3541e', dash: '5 4' }] : [])] })];
    if (pts.some((p) => p.autonomy_index !== undefined)) {
      charts.unshift(lineChart({ x, title: t('ws.autonomy'), xLabel: t('ws.date'), yLabel: t('ws.autonomy'), formatX: fx, formatY: (v) => formatPercent(v), yMin: 0, yMax: 1, markers: true,
        series: [{ label: t('ws.autonomy'), y: pts.map((p) => p.autonomy_index ?? NaN), color: '#2a7d6b' }] }));
    }
    const lastTied = (last.ties ?? 0) > 0;
    b.append(h('div', { class: 'stats', id: 'indicator-stats' },
      stat(t('ws.members'), formatNumber(last.members)),
      stat(t('ws.autonomy'), last.autonomy_index === undefined ? '—' : formatPercent(last.autonomy_index), last.autonomy_index === undefined ? t('ws.noTopicsYet') : undefined),
      stat(t('ws.ties'), formatNumber(last.ties ?? 0)),
      stat(t('ws.density'), formatNumber(last.density, 3)),
      stat(t('ws.mainCore'), lastTied ? t('ws.mainCoreValue', { n: last.main_core ?? 0, k: last.main_core_k ?? 0 }) : '—', lastTied ? undefined : t('ws.noTiesYet'))),
    h('div', { class: `grid two charts ${charts.length === 1 ? 'lone' : ''}` }, charts),
    pts.length === 1 ? h('p', { class: 'muted small' }, t('ws.firstMonth')) : '',
    h('dl', { class: 'definitions small', id: 'indicator-definitions' },
      ([['ws.members', 'ws.defMembers'], ['ws.autonomy', 'ws.defAutonomy'], ['ws.ties', 'ws.defTies'], ['ws.density', 'ws.defDensity'], ['ws.mainCore', 'ws.defMainCore']] as const)
        .map(([term, def]) => [h('dt', null, t(term)), h('dd', null, t(def))])));
  });
}
