// Hand-written SVG charts (no chart library: a few KB instead of a few hundred).
import { h, s } from '../dom';
import { niceTicks } from '../transforms';

export interface Series { label: string; y: number[]; color: string; dash?: string }
export interface Band { label: string; lo: number[]; hi: number[]; color: string }
export interface LineChartSpec {
  x: number[]; series: Series[]; bands?: Band[]; xLabel: string; yLabel: string; title: string;
  formatX?: (v: number) => string; formatY?: (v: number) => string; yMin?: number; yMax?: number; height?: number;
  /** Show the values under the pointer (and under keyboard focus with ←/→). */
  hover?: boolean;
  /** A horizontal reference line (e.g. 1 = "as chance would give") with its label. */
  reference?: { y: number; label: string };
  /** A dot on every value: a series of one or a few points still shows (indicators of a young initiative). */
  markers?: boolean;
}

const W = 640;
const M = { top: 16, right: 16, bottom: 44, left: 60 };

export function lineChart(spec: LineChartSpec): HTMLElement {
  const H = spec.height ?? 280;
  const fx = spec.formatX ?? ((v) => String(v));
  const fy = spec.formatY ?? ((v) => String(v));
  const xs = spec.x;
  const allY = [...spec.series.flatMap((q) => q.y), ...(spec.bands ?? []).flatMap((b) => [...b.lo, ...b.hi])].filter(Number.isFinite);
  const xmin = Math.min(...xs);
  const xmax = Math.max(...xs);
  const ymin = spec.yMin ?? Math.min(0, ...allY);
  const ymax = spec.yMax ?? (Math.max(...allY) * 1.05 || 1);
  const X = (v: number) => (xmax === xmin ? (M.left + W - M.right) / 2 : M.left + ((v - xmin) / (xmax - xmin)) * (W - M.left - M.right));
  const Y = (v: number) => H - M.bottom - ((v - ymin) / (ymax - ymin || 1)) * (H - M.top - M.bottom);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': spec.title });
  svg.append(s('title', {}, spec.title));
  for (const v of niceTicks(ymin, ymax, 5)) {
    svg.append(s('line', { x1: M.left, x2: W - M.right, y1: Y(v), y2: Y(v), class: 'grid' }),
      s('text', { x: M.left - 8, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fy(v)));
  }
  for (const v of niceTicks(xmin, xmax, 6)) {
    svg.append(s('line', { x1: X(v), x2: X(v), y1: H - M.bottom, y2: H - M.bottom + 5, class: 'axis' }),
      s('text', { x: X(v), y: H - M.bottom + 18, 'text-anchor': 'middle', class: 'tick' }, fx(v)));
  }
  svg.append(s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }),
    s('text', { x: (M.left + W - M.right) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-label' }, spec.xLabel),
    s('text', { x: 14, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 14 ${(M.top + H - M.bottom) / 2})` }, spec.yLabel));
  for (const b of spec.bands ?? []) {
    const up = xs.map((x, i) => `${X(x)},${Y(b.hi[i])}`);
    const down = xs.map((x, i) => `${X(x)},${Y(b.lo[i])}`).reverse();
    // Outlined as well as filled: a band only a few pixels high must stay visible.
    svg.append(s('polygon', { points: [...up, ...down].join(' '), fill: b.color, 'fill-opacity': 0.35, stroke: b.color, 'stroke-width': 1.2 }));
  }
  if (spec.reference && spec.reference.y >= ymin && spec.reference.y <= ymax) {
    const y = Y(spec.reference.y);
    svg.append(s('line', { x1: M.left, x2: W - M.right, y1: y, y2: y, class: 'reference', stroke: '#52606d', 'stroke-dasharray': '4 3' }),
      s('text', { x: W - M.right - 4, y: y - 4, 'text-anchor': 'end', class: 'tick' }, spec.reference.label));
  }
  for (const q of spec.series) {
    const pts = xs.map((x, i) => (Number.isFinite(q.y[i]) ? `${X(x)},${Y(q.y[i])}` : null)).filter(Boolean).join(' ');
    svg.append(s('polyline', { points: pts, fill: 'none', stroke: q.color, 'stroke-width': 2.2, 'stroke-dasharray': q.dash ?? '' }));
    if (spec.markers) xs.forEach((x, i) => { if (Number.isFinite(q.y[i])) svg.append(s('circle', { cx: X(x), cy: Y(q.y[i]), r: 3.5, fill: q.color })); });
  }
  const legend = h('div', { class: 'chart-legend' },
    spec.series.map((q) => h('span', null, h('i', { class: 'key line', style: { borderColor: q.color, borderTopStyle: q.dash ? 'dashed' : 'solid' } }), q.label)),
    (spec.bands ?? []).map((b) => h('span', null, h('i', { class: 'key band', style: { background: b.color } }), b.label)));
  const fig = h('figure', { class: 'chart-fig' }, svg, legend);
  if (spec.hover) addHover(fig, svg, spec, X, Y, H);
  return fig;
}

/** A vertical rule and a read-out of every series and band at the x nearest the pointer. */
function addHover(fig: HTMLElement, svg: SVGElement, spec: LineChartSpec, X: (v: number) => number, Y: (v: number) => number, H: number): void {
  const fx = spec.formatX ?? ((v) => String(v));
  const fy = spec.formatY ?? ((v) => String(v));
  const rule = s('line', { y1: M.top, y2: H - M.bottom, class: 'hover-rule', stroke: '#1b2733', visibility: 'hidden' });
  const dot = s('circle', { r: 4, fill: spec.series[0]?.color ?? '#000', visibility: 'hidden' });
  svg.append(rule, dot);
  const readout = h('p', { class: 'chart-readout small', 'aria-live': 'polite' }, '\u00a0');
  fig.append(readout);
  let current = -1;
  const show = (i: number) => {
    current = Math.max(0, Math.min(spec.x.length - 1, i));
    const x = X(spec.x[current]);
    rule.setAttribute('x1', String(x)); rule.setAttribute('x2', String(x)); rule.setAttribute('visibility', 'visible');
    const y0 = spec.series[0]?.y[current];
    if (y0 !== undefined && Number.isFinite(y0)) { dot.setAttribute('cx', String(x)); dot.setAttribute('cy', String(Y(y0))); dot.setAttribute('visibility', 'visible'); }
    const parts = [`${fx(spec.x[current])}`,
      ...spec.series.map((q) => `${q.label}: ${fy(q.y[current])}`),
      ...(spec.bands ?? []).map((b) => `${b.label}: ${fy(b.lo[current])} – ${fy(b.hi[current])}`)];
    readout.textContent = parts.join(' · ');
  };
  svg.addEventListener('pointermove', (e: PointerEvent) => {
    const box = svg.getBoundingClientRect();
    const vx = ((e.clientX - box.left) / box.width) * W;
    let best = 0;
    spec.x.forEach((v, i) => { if (Math.abs(X(v) - vx) < Math.abs(X(spec.x[best]) - vx)) best = i; });
    show(best);
  });
  svg.setAttribute('tabindex', '0');
  svg.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { e.preventDefault(); show(current + (e.key === 'ArrowRight' ? 1 : -1)); }
  });
  svg.addEventListener('focus', () => show(current < 0 ? 0 : current));
}

export interface Bar { label: string; value: number; note?: string }
/** Horizontal bars: readable on a phone, labels never rotated. */
export function barChart(bars: Bar[], title: string, format: (v: number) => string, color = '#1f5fa8'): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return h('figure', { class: 'bars', 'aria-label': title },
    h('figcaption', { class: 'sr-only' }, title),
    bars.map((b) => h('div', { class: 'bar-row' },
      h('span', { class: 'bar-label' }, b.label),
      h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: { width: `${(100 * b.value) / max}%`, background: color } })),
      h('span', { class: 'bar-value' }, format(b.value), b.note ? h('span', { class: 'muted' }, ` ${b.note}`) : null))));
}

/** Estimate with its interval as a dot-and-whisker row (probabilities with uncertainty). */
export function intervalChart(rows: Array<{ label: string; p: number; lo: number; hi: number }>, title: string, format: (v: number) => string): HTMLElement {
  const H = 36 * rows.length + 40;
  const x0 = 150; const x1 = W - 70;
  const X = (v: number) => x0 + v * (x1 - x0);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: X(v), x2: X(v), y1: 8, y2: H - 26, class: 'grid' }),
      s('text', { x: X(v), y: H - 10, 'text-anchor': 'middle', class: 'tick' }, format(v)));
  }
  rows.forEach((r, i) => {
    const y = 28 + i * 36;
    svg.append(s('text', { x: x0 - 12, y: y + 4, 'text-anchor': 'end', class: 'tick strong' }, r.label),
      s('line', { x1: X(r.lo), x2: X(r.hi), y1: y, y2: y, stroke: '#1f5fa8', 'stroke-width': 3 }),
      s('line', { x1: X(r.lo), x2: X(r.lo), y1: y - 7, y2: y + 7, stroke: '#1f5fa8', 'stroke-width': 2 }),
      s('line', { x1: X(r.hi), x2: X(r.hi), y1: y - 7, y2: y + 7, stroke: '#1f5fa8', 'stroke-width': 2 }),
      s('circle', { cx: X(r.p), cy: y, r: 6, fill: '#0d2c54' }),
      s('text', { x: X(r.hi) + 10, y: y + 4, class: 'tick' }, format(r.p)));
  });
  return h('figure', { class: 'chart-fig' }, svg);
}
