// Map responsiveness measurement: n synthetic establishments over France on the canvas layer.
// #/perf?n=100000 ; results in window.__perf and in the page (read by the browser test).
import L from 'leaflet';
import { h } from '../dom';
import { createFranceMap, removeMap } from '../map/franceMap';
import { PointsLayer } from '../map/pointsLayer';
import type { PageContext } from '../main';

declare global { interface Window { __perf?: Record<string, number> } }

function splitmix(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s + 0x9e3779b9) >>> 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return ((z ^ (z >>> 16)) >>> 0) / 4294967296; };
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export function renderPerf(ctx: PageContext): () => void {
  const n = Number(ctx.match.query.get('n') ?? 100000);
  ctx.setTitle(`perf ${n}`);
  const out = h('pre', { id: 'perf-out' }, 'running');
  const el = h('div', { class: 'map', style: { height: '600px' } });
  ctx.root.append(h('div', { class: 'container wide' }, h('h1', null, `Map: ${n} points`), el, out));
  const rnd = splitmix(2154);
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  for (let i = 0; i < n; i++) { // clustered around 40 centres, like establishments around towns
    const c = Math.floor(rnd() * 40);
    const cr = splitmix(c + 1);
    lons[i] = -1.5 + cr() * 8 + (rnd() - 0.5) * 1.2;
    lats[i] = 43.5 + cr() * 5.5 + (rnd() - 0.5) * 0.9;
  }
  const t0 = performance.now();
  const map = createFranceMap(el);
  // mode=leaflet draws the same points as Leaflet circle markers on its canvas renderer (the
  // baseline the custom layer is measured against, docs/web.md).
  const baseline = ctx.match.query.get('mode') === 'leaflet';
  const layer = baseline ? null : new PointsLayer(lons, lats).addTo(map);
  if (baseline) {
    const renderer = L.canvas({ padding: 0 });
    const group = L.layerGroup();
    for (let i = 0; i < n; i++) L.circleMarker([lats[i], lons[i]], { renderer, radius: 1.5, stroke: false, fillOpacity: 0.8, interactive: false }).addTo(group);
    group.addTo(map);
  }
  void (async () => {
    await frame(); await frame();
    const firstRender = performance.now() - t0;
    const pans: number[] = [];
    for (let i = 0; i < 10; i++) {
      const p0 = performance.now();
      map.panBy([i % 2 ? -150 : 150, 80 * (i % 3 - 1)], { animate: false });
      await frame();
      pans.push(performance.now() - p0);
    }
    const zooms: number[] = [];
    for (const z of [7, 6]) {
      const z0 = performance.now();
      map.setZoom(z, { animate: false });
      await frame();
      zooms.push(performance.now() - z0);
    }
    pans.sort((a, b) => a - b);
    window.__perf = { points: n, first_render_ms: firstRender, pan_median_ms: pans[5], pan_max_ms: pans[9], zoom_max_ms: Math.max(...zooms), last_draw_ms: layer?.lastDrawMs ?? NaN, draws: layer?.draws ?? NaN };
    out.textContent = JSON.stringify(window.__perf, null, 1);
  })();
  return () => removeMap(map);
}
