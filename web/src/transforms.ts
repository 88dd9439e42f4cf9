// Pure data transforms used by the pages (unit-tested without a browser).
import type { Candidate, Member } from './api';

/** Viridis stops (colour-blind safe, monotone in lightness) for scores in [0, 1]. */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
export function scoreColor(score: number, min = 0, max = 1): string {
  const t = max > min ? Math.min(1, Math.max(0, (score - min) / (max - min))) : 1;
  // High scores get the dark end so the strongest clusters stand out on a light map.
  const x = (1 - t) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(VIRIDIS[i]);
  const b = hexToRgb(VIRIDIS[i + 1]);
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Circle radius in pixels, area proportional to member count (Bertin: size encodes quantity). */
export function memberRadius(count: number, minR = 6, scale = 2.2): number {
  return minR + scale * Math.sqrt(Math.max(0, count));
}

export interface CandidateFilter { trade?: string; region?: string; dept?: string; minScore?: number }
export function filterCandidates(cands: Candidate[], f: CandidateFilter, regionOf: (c: Candidate) => string | undefined,
  deptOf: (c: Candidate) => string | undefined = () => undefined): Candidate[] {
  return cands.filter((c) => (!f.trade || c.trade === f.trade)
    && (f.minScore === undefined || c.score >= f.minScore)
    && (!f.region || regionOf(c) === f.region)
    && (!f.dept || deptOf(c) === f.dept));
}

export type SortKey = keyof Pick<Member, 'siret' | 'name' | 'commune' | 'headcount' | 'address'>;
export function sortMembers(members: Member[], key: SortKey, ascending: boolean, locale = 'fr'): Member[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = ascending ? 1 : -1;
  return members.slice().sort((a, b) => {
    const va = a[key];
    const vb = b[key];
    if (va === vb) return 0;
    if (va === undefined || va === null || va === '') return 1;
    if (vb === undefined || vb === null || vb === '') return -1;
    if (typeof va === 'number' && typeof vb === 'number') return sign * (va - vb);
    return sign * collator.compare(String(va), String(vb));
  });
}

/** RFC 4180 CSV; cells starting with = + - @ are prefixed with ' (spreadsheet formula injection). */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

type Ring = number[][];
function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
export function inMultiPolygon(lon: number, lat: number, polys: Ring[][]): boolean {
  return polys.some((poly) => inRing(lon, lat, poly[0]) && !poly.slice(1).some((hole) => inRing(lon, lat, hole)));
}

export interface DeptFeature { properties: { code: string; nom: string; region: string }; geometry: { coordinates: Ring[][] } }
export function departementAt(lon: number, lat: number, features: DeptFeature[]): DeptFeature | undefined {
  return features.find((f) => inMultiPolygon(lon, lat, f.geometry.coordinates));
}

/** Lineage forest → layered layout (depth by generation, order by first visit). */
export function layoutForest(edges: Array<{ parent: string; child: string }>): { nodes: Map<string, { depth: number; order: number }>; roots: string[] } {
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  const all = new Set<string>();
  for (const e of edges) {
    if (e.parent === e.child) continue;
    (children.get(e.parent) ?? children.set(e.parent, []).get(e.parent)!).push(e.child);
    hasParent.add(e.child);
    all.add(e.parent); all.add(e.child);
  }
  const roots = [...all].filter((n) => !hasParent.has(n)).sort();
  const nodes = new Map<string, { depth: number; order: number }>();
  const nextOrder: number[] = [];
  const visit = (id: string, depth: number) => {
    if (nodes.has(id)) return; // first placement wins; guards against cycles
    nextOrder[depth] = (nextOrder[depth] ?? 0);
    nodes.set(id, { depth, order: nextOrder[depth]++ });
    for (const c of children.get(id) ?? []) visit(c, depth + 1);
  };
  roots.forEach((r) => visit(r, 0));
  [...all].sort().forEach((n) => visit(n, 0)); // nodes only reachable through a cycle
  return { nodes, roots };
}

/** Evenly spaced "nice" ticks for chart axes. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}
