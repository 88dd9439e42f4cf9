import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candidate, Member } from './api';
import { departementAt, filterCandidates, layoutForest, memberRadius, niceTicks, scoreColor, sortMembers, toCsv, type DeptFeature } from './transforms';
import { simplifyCollection, douglasPeucker } from '../tools/simplify';

const member = (name: string, headcount: number | null, commune = 'Blois'): Member => ({ siret: `${name.length}`.padStart(14, '0'), name, commune, headcount, lon: 1, lat: 47 });
const cand = (rank: number, trade: string, score: number, lon = 1.3, lat = 47.6): Candidate =>
  ({ index: rank - 1, rank, trade, score, center: { lon, lat }, radius_m: 1000, members: [], member_count: 10 });

describe('map encodings', () => {
  it('score colour runs from light (low) to dark (high)', () => {
    expect(scoreColor(0, 0, 1)).toBe('#fde725');
    expect(scoreColor(1, 0, 1)).toBe('#440154');
    expect(scoreColor(5, 0, 1)).toBe('#440154'); // clamped
    expect(scoreColor(0.5, 0.5, 0.5)).toBe('#440154'); // degenerate range
  });
  it('circle area grows with members', () => {
    expect(memberRadius(0)).toBe(6);
    expect(memberRadius(100)).toBeGreaterThan(memberRadius(25));
    expect((memberRadius(100) - 6) / (memberRadius(25) - 6)).toBeCloseTo(2, 10);
  });
});

describe('candidate filters', () => {
  const list = [cand(1, 'shop-fitting', 0.9), cand(2, 'cutlery', 0.5, 3.5, 45.8), cand(3, 'shop-fitting', 0.2, 6.5, 46)];
  const region = (c: Candidate) => (c.center.lon < 2 ? 'FR-CVL' : 'FR-ARA');
  it('by trade, region and minimum score together', () => {
    expect(filterCandidates(list, { trade: 'shop-fitting' }, region).map((c) => c.rank)).toEqual([1, 3]);
    expect(filterCandidates(list, { region: 'FR-ARA' }, region).map((c) => c.rank)).toEqual([2, 3]);
    expect(filterCandidates(list, { minScore: 0.5 }, region).map((c) => c.rank)).toEqual([1, 2]);
    expect(filterCandidates(list, { trade: 'shop-fitting', minScore: 0.5, region: 'FR-ARA' }, region)).toEqual([]);
  });
  it('by département', () => {
    const dept = (c: Candidate) => (c.center.lon < 2 ? '41' : c.center.lon < 5 ? '69' : '74');
    expect(filterCandidates(list, { dept: '74' }, region, dept).map((c) => c.rank)).toEqual([3]);
    expect(filterCandidates(list, { dept: '74', trade: 'cutlery' }, region, dept)).toEqual([]);
  });
});

describe('members table', () => {
  const ms = [member('Écrin', 12), member('atelier', null), member('Zèbre', 3), member('Bois 10', 40), member('Bois 9', 7)];
  it('sorts names with the locale collation (accents, case, numbers)', () => {
    expect(sortMembers(ms, 'name', true, 'fr').map((m) => m.name)).toEqual(['atelier', 'Bois 9', 'Bois 10', 'Écrin', 'Zèbre']);
  });
  it('sorts numbers numerically, missing values last in both directions', () => {
    expect(sortMembers(ms, 'headcount', false).map((m) => m.headcount)).toEqual([40, 12, 7, 3, null]);
    expect(sortMembers(ms, 'headcount', true).map((m) => m.headcount)).toEqual([3, 7, 12, 40, null]);
  });
});

describe('CSV export', () => {
  it('quotes separators, quotes and newlines (RFC 4180)', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], ['-12.5'], ['@SUM(A1)']])).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n-12.5\r\n\'@SUM(A1)\r\n');
  });
});

describe('départements layer', () => {
  const raw = JSON.parse(readFileSync(join(__dirname, '../../data/departements.geojson'), 'utf8'));
  const simplified = simplifyCollection(raw);
  const features = simplified.features as unknown as DeptFeature[];
  it('keeps every département and shrinks the file', () => {
    expect(features.length).toBe(raw.features.length);
    expect(JSON.stringify(simplified).length).toBeLessThan(JSON.stringify(raw).length / 3);
  });
  it('places known points in the right département and region', () => {
    expect(departementAt(2.3522, 48.8566, features)?.properties.code).toBe('75'); // Paris
    expect(departementAt(1.3359, 47.5861, features)?.properties.code).toBe('41'); // Blois
    expect(departementAt(3.5475, 45.8564, features)?.properties.region).toBe('FR-ARA'); // Thiers
    expect(departementAt(-30, 40, features)).toBeUndefined(); // Atlantic
  });
  it('Douglas–Peucker keeps the end points and drops collinear ones', () => {
    expect(douglasPeucker([[0, 0], [1, 0.0001], [2, 0], [3, 5]], 0.01)).toEqual([[0, 0], [2, 0], [3, 5]]);
  });
});

describe('lineage layout', () => {
  it('layers generations and survives cycles and self-links', () => {
    const { nodes, roots } = layoutForest([{ parent: 'A', child: 'B' }, { parent: 'B', child: 'C' }, { parent: 'A', child: 'D' },
      { parent: 'X', child: 'Y' }, { parent: 'Y', child: 'X' }, { parent: 'C', child: 'C' }]);
    expect(roots).toEqual(['A']);
    expect(nodes.get('C')?.depth).toBe(2);
    expect(nodes.get('D')?.depth).toBe(1);
    expect(nodes.has('X') && nodes.has('Y')).toBe(true);
    expect(nodes.size).toBe(6);
  });
});

describe('axis ticks', () => {
  it('are round numbers covering the range', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});
