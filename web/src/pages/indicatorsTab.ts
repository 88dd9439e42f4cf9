// The indicators tab: members, main core and the autonomy index over time.
import { api, type IndicatorPoint } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatNumber, formatPercent } from '../format';
import { lineChart } from '../charts/charts';
import { section, empty, stat } from '../ui';

export async function indicatorsTab(id: string): Promise<HTMLElement> {
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
