// Node-link drawings: the cooperation network (force-directed) and the lineage forest (layered).
import { h, s } from '../dom';
import { layoutForest } from '../transforms';

export interface GraphNode { id: string; label: string; group?: number }
export interface GraphEdge { source: string; target: string; kind?: string }

/** Fruchterman & Reingold (1991) with a fixed iteration count and deterministic start (circle). */
export function forceLayout(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number, iterations = 250): Map<string, { x: number; y: number }> {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: width / 2 + (width / 3) * Math.cos((2 * Math.PI * i) / Math.max(1, n)), y: height / 2 + (height / 3) * Math.sin((2 * Math.PI * i) / Math.max(1, n)) }));
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 1.1;
  let temp = width / 10;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = pos[i].x - pos[j].x; const dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy)); const f = (k * k) / d;
      disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f; disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
    }
    for (const e of edges) {
      const a = index.get(e.source); const b = index.get(e.target);
      if (a === undefined || b === undefined || a === b) continue;
      const dx = pos[a].x - pos[b].x; const dy = pos[a].y - pos[b].y;
      const d = Math.max(0.01, Math.hypot(dx, dy)); const f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f; disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x = Math.min(width - 120, Math.max(20, pos[i].x + (disp[i].x / d) * Math.min(d, temp)));
      pos[i].y = Math.min(height - 20, Math.max(20, pos[i].y + (disp[i].y / d) * Math.min(d, temp)));
    }
    temp *= 0.98;
  }
  return new Map(nodes.map((nd, i) => [nd.id, pos[i]]));
}

const GROUP_COLORS = ['#9fb3c8', '#5b8fc7', '#1f5fa8', '#0d2c54'];

export function networkGraph(nodes: GraphNode[], edges: GraphEdge[], title: string): HTMLElement {
  const W = 640; const H = 420;
  const pos = forceLayout(nodes, edges, W, H);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart graph', role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  for (const e of edges) {
    const a = pos.get(e.source); const b = pos.get(e.target);
    if (a && b) svg.append(s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${e.kind ?? ''}` }));
  }
  const maxGroup = Math.max(1, ...nodes.map((n) => n.group ?? 0));
  for (const nd of nodes) {
    const p = pos.get(nd.id)!;
    const g = Math.round(((nd.group ?? 0) / maxGroup) * (GROUP_COLORS.length - 1));
    svg.append(s('g', {}, s('circle', { cx: p.x, cy: p.y, r: 7, fill: GROUP_COLORS[g], stroke: '#fff', 'stroke-width': 1.5 }, s('title', {}, nd.label)),
      s('text', { x: p.x + 10, y: p.y + 4, class: 'node-label' }, nd.label.length > 22 ? `${nd.label.slice(0, 21)}…` : nd.label)));
  }
  return h('figure', { class: 'chart-fig' }, svg);
}

export interface LineageEdge { parent: string; child: string; source?: string }
export interface TreeLabels { title: string; transfer: string; spinoff: string; declared: string; zoomIn: string; zoomOut: string }

/** The lineage as layers (oldest left); names in full on hover and in the accessible list, edges
 *  drawn by kind (transfer of an establishment solid, spin-off by a founder dashed), zoomable. */
export function lineageTree(edges: LineageEdge[], labelOf: (id: string) => string, highlight: Set<string>, labels: TreeLabels): HTMLElement {
  const { nodes } = layoutForest(edges);
  const depthCount: number[] = [];
  nodes.forEach((n) => { depthCount[n.depth] = Math.max(depthCount[n.depth] ?? 0, n.order + 1); });
  const boxW = 200; const colW = 240; const rowH = 30;
  const W = Math.max(400, depthCount.length * colW + 20);
  const H = Math.max(120, Math.max(...depthCount, 1) * rowH + 20);
  const P = (id: string) => { const n = nodes.get(id)!; return { x: 12 + n.depth * colW, y: 20 + n.order * rowH }; };
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart tree', role: 'img', 'aria-label': labels.title });
  svg.append(s('title', {}, labels.title));
  for (const e of edges) {
    if (!nodes.has(e.parent) || !nodes.has(e.child) || e.parent === e.child) continue;
    const a = P(e.parent); const b = P(e.child);
    const mx = (a.x + boxW + b.x) / 2;
    svg.append(s('path', { d: `M${a.x + boxW},${a.y} C${mx},${a.y} ${mx},${b.y} ${b.x},${b.y}`, class: `edge edge-${e.source ?? 'succession'}` }));
  }
  nodes.forEach((_, id) => {
    const p = P(id);
    const hl = highlight.has(id);
    const label = labelOf(id);
    const short = label.length > 28 ? `${label.slice(0, 27)}…` : label;
    svg.append(s('g', { class: 'tree-node' }, s('title', {}, label === id ? id : `${label} (SIREN ${id})`),
      s('rect', { x: p.x, y: p.y - 11, width: boxW, height: 22, rx: 4, class: hl ? 'node hl' : 'node' }),
      s('text', { x: p.x + 8, y: p.y + 4, class: 'node-label' }, short)));
  });
  let scale = 1;
  const zoom = (f: number) => {
    scale = Math.max(0.4, Math.min(2.5, scale * f));
    svg.setAttribute('width', String(Math.round(W * scale)));
    svg.setAttribute('height', String(Math.round(H * scale)));
  };
  const key = (cls: string, text: string) => h('span', null, s('svg', { width: 28, height: 10, 'aria-hidden': 'true' }, s('line', { x1: 0, x2: 28, y1: 5, y2: 5, class: `edge ${cls}` })), text);
  const used = new Set(edges.map((e) => e.source ?? 'succession'));
  return h('div', { class: 'tree-wrap' },
    h('div', { class: 'tree-tools' },
      h('div', { class: 'chart-legend' }, used.has('succession') ? key('edge-succession', labels.transfer) : null,
        used.has('founder') ? key('edge-founder', labels.spinoff) : null, used.has('declared') ? key('edge-declared', labels.declared) : null),
      h('div', { class: 'zoom-buttons' },
        h('button', { type: 'button', class: 'small', 'aria-label': labels.zoomOut, onclick: () => zoom(1 / 1.25) }, '−'),
        h('button', { type: 'button', class: 'small', 'aria-label': labels.zoomIn, onclick: () => zoom(1.25) }, '+'))),
    h('div', { class: 'tree-scroll', tabindex: '0', role: 'region', 'aria-label': labels.title }, svg));
}

