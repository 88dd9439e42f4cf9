import L from 'leaflet';
import { api, ApiError, type Candidate, type KdCurve, type Lineage, type SimulationResult } from '../api';
import { h, clear, textTip } from '../dom';
import { getLang, t } from '../i18n';
import { formatDistance, formatNumber, formatPValue, formatPercent, formatSignificant, headcountBand } from '../format';
import { createFranceMap, removeMap } from '../map/franceMap';
import { sortMembers, toCsv, scoreColor, type SortKey } from '../transforms';
import { placeOf, regionName, tradeName } from '../trades';
import { navigate } from '../router';
import { lineChart } from '../charts/charts';
import { lineageTree } from '../charts/graphs';
import { download, section, stat, card, empty, messageBox } from '../ui';
import { scenarioQuery } from './simulation';
import { createInitiativeChecked } from '../contactsApi';
import { lensesCard } from './candidateLenses';
import type { PageContext } from '../main';
import type { Member } from '../api';

async function loadCandidate(index: string): Promise<Candidate> {
  try {
    return await api.candidate(index);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(404, 'not_found', t('candidate.notFound'));
    throw e;
  }
}

/** Launching = the initiative from the candidate's firms, then its launch survey opened with
 *  one personal link per firm, so the animator can send invitations at once. */
async function launch(c: Candidate, name: string): Promise<number> {
  const ini = await createInitiativeChecked({ name, trade: c.trade, candidate_index: c.index });
  if (ini.existing) return ini.id; // the animator chose the initiative already launched
  try {
    const survey = await api.createSurvey(ini.id);
    await api.createInvitations(survey.id);
    await api.openSurvey(survey.id);
  } catch (e) {
    console.warn('the launch survey could not be prepared', e); // the workspace page offers it again
  }
  return ini.id;
}

function membersTable(c: Candidate): HTMLElement {
  let key: SortKey = 'name';
  let asc = true;
  const tbody = h('tbody');
  const cols: Array<[SortKey, string, boolean]> = [['name', t('members.name'), false], ['siret', 'SIRET', false], ['address', t('members.address'), false], ['commune', t('members.commune'), false], ['headcount', t('members.headcount'), true]];
  const heads = cols.map(([k, label, num]) => {
    const btn = h('button', { type: 'button', class: 'sort', onclick: () => { asc = key === k ? !asc : true; key = k; draw(); } }, label);
    return h('th', { scope: 'col', class: num ? 'num' : '', 'data-key': k }, btn);
  });
  function draw() {
    clear(tbody);
    heads.forEach((th) => th.setAttribute('aria-sort', th.dataset.key === key ? (asc ? 'ascending' : 'descending') : 'none'));
    for (const m of sortMembers(c.members, key, asc, getLang())) {
      tbody.append(h('tr', null, h('td', null, m.name), h('td', { class: 'mono' }, m.siret), h('td', null, m.address ?? ''), h('td', null, m.commune_name || m.commune || ''),
        headcountCell(m.headcount)));
    }
  }
  draw();
  return h('div', { class: 'table-wrap tall', tabindex: '0', role: 'region', 'aria-label': t('members.caption') }, h('table', { class: 'data', id: 'members-table' },
    h('caption', { class: 'sr-only' }, t('members.caption')), h('thead', null, h('tr', null, heads)), tbody));
}

function headcountCell(mid: Member['headcount']): HTMLElement {
  const band = headcountBand(mid);
  return band ? h('td', { class: 'num' }, band) : h('td', { class: 'num muted', title: t('members.headcountUnknown') }, t('members.headcountNone'));
}

/** The commune holding most members: where the cluster is, in a word. */
function mainCommune(c: Candidate): string {
  const counts = new Map<string, number>();
  for (const m of c.members) { const k = m.commune_name || m.commune || ''; if (k) counts.set(k, (counts.get(k) ?? 0) + 1); }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** One sentence: what, where, how unusual, how sure (from the q-value, which allows for the many
 *  trades and places tested). */
export function verdict(c: Candidate, place: string): string {
  const n = c.members.length || c.member_count;
  const ratio = c.expected && c.expected > 0 ? n / c.expected : c.lq;
  const q = c.q_value ?? c.p_value ?? 1;
  const sure = q < 0.001 ? t('verdict.sureVery') : q < 0.05 ? t('verdict.sure') : t('verdict.unsure');
  return t('verdict.sentence', {
    n, trade: tradeName(c.trade, c.trade_name), radius: formatDistance(c.radius_m), place: place || '—',
    unusual: ratio && Number.isFinite(ratio) ? t('verdict.times', { x: formatNumber(ratio, ratio < 10 ? 1 : 0) }) : t('verdict.noRatio'), sure,
  });
}

function explain(c: Candidate): HTMLElement {
  const rows: Array<[string, string, string]> = [
    [t('score.score'), formatNumber(c.score, 1), t('score.scoreHelp')],
    [t('score.p'), formatPValue(c.p_value), t('score.pHelp')],
    [t('score.q'), formatPValue(c.q_value), t('score.qHelp')],
    [t('score.radius'), formatDistance(c.radius_m), t('score.radiusHelp')],
  ];
  if (c.llr !== undefined) rows.push([t('score.llr'), formatNumber(c.llr, 1), t('score.llrHelp')]);
  if (c.establishments !== undefined && c.expected !== undefined) rows.push([t('score.observed'), t('score.observedValue', { n: c.members.length, expected: formatSignificant(c.expected, 2), all: formatNumber(c.establishments) }), t('score.observedHelp')]);
  if (c.relative_risk !== undefined && c.relative_risk !== null) rows.push([t('score.rr'), formatNumber(c.relative_risk, 1), t('score.rrHelp')]);
  if (c.lq !== undefined) rows.push([t('score.lq'), formatNumber(c.lq, c.lq >= 100 ? 0 : 2), t('score.lqHelp')]);
  if (c.rarity !== undefined) rows.push([t('score.rarity'), formatPercent(c.rarity, 1), c.national_trade ? t('score.rarityOf', { n: formatNumber(c.national_trade) }) : t('score.rarityHelp')]);
  if (c.strong !== undefined) rows.push([t('score.strong'), c.strong ? t('common.yes') : t('common.no'), t('score.strongHelp')]);
  if (c.codes?.length) rows.push([t('score.codes'), c.codes.join(', '), t('score.codesHelp')]);
  return h('dl', { class: 'explain' }, rows.map(([k, v, help]) => h('div', null, h('dt', null, k), h('dd', null, h('strong', null, v), h('span', { class: 'muted' }, help)))));
}

function launchForm(c: Candidate): HTMLElement {
  const name = h('input', { id: 'initiative-name', value: `${tradeName(c.trade, c.trade_name)} — ${placeOf(c).dept ?? ''}`.replace(/ — $/, ''), required: true });
  const msg = h('div', { role: 'status', class: 'form-error' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'launch' }, t('candidate.launch'));
  return h('form', { class: 'launch', onsubmit: async (e: Event) => {
    e.preventDefault();
    button.disabled = true;
    try {
      navigate(`#/initiatives/${await launch(c, name.value.trim())}`);
    } catch (err) {
      msg.textContent = err instanceof ApiError && err.notAvailable ? t('common.notAvailable') : `${t('common.error')}: ${(err as Error).message}`;
      button.disabled = false;
    }
  } }, h('div', { class: 'field' }, h('label', { for: 'initiative-name' }, t('candidate.initiativeName')), name), button, msg);
}

/** The K-density read as "how many times closer than chance": the observed density divided by
 *  the middle of the global envelope (what random placement among all establishments gives), so
 *  that 1 is chance and the envelopes stay visible near zero instead of being crushed by the peak. */
function kdChart(d: KdCurve): HTMLElement {
  const km = d.r.map((r) => r / 1000);
  const lo = d.global_lower ?? d.lower; const hi = d.global_upper ?? d.upper;
  const level = formatPercent(d.confidence ?? 0.9, 0); // the server's confidence level (DO 2005: 90%)
  if (!lo || !hi) {
    return lineChart({ x: km, title: t('candidate.kd'), xLabel: t('candidate.kdX'), yLabel: t('candidate.kdYRaw'), hover: true,
      formatX: (v) => formatNumber(v, 1), formatY: (v) => formatSignificant(v * 1000, 2), series: [{ label: t('candidate.kdObserved'), y: d.kd, color: '#0d2c54' }] });
  }
  const mid = lo.map((l, i) => (l + hi[i]) / 2);
  const ratio = (a: number[]) => a.map((v, i) => (mid[i] > 0 ? v / mid[i] : NaN));
  const bands = [d.global_lower && d.global_upper ? { label: t('candidate.kdGlobal', { level }), lo: ratio(d.global_lower), hi: ratio(d.global_upper), color: '#9fb3c8' } : null,
    d.lower && d.upper ? { label: t('candidate.kdLocal', { level }), lo: ratio(d.lower), hi: ratio(d.upper), color: '#5b8fc7' } : null].filter((b): b is NonNullable<typeof b> => !!b);
  return h('div', null, lineChart({
    x: km, title: t('candidate.kd'), xLabel: t('candidate.kdX'), yLabel: t('candidate.kdY'), hover: true,
    formatX: (v) => t('candidate.kdAtKm', { km: formatNumber(v, 1) }), formatY: (v) => t('candidate.kdTimes', { x: formatSignificant(v, 2) }),
    series: [{ label: t('candidate.kdObserved'), y: ratio(d.kd), color: '#0d2c54' }], bands,
    reference: { y: 1, label: t('candidate.kdChance') },
  }), h('p', { class: 'muted small' }, t('candidate.kdHelp')));
}

/** Take-off odds for this candidate: a short simulation run from its own firms, with the
 *  assumptions shown and editable, and a link to the full simulation page with the same scenario. */
function takeOff(c: Candidate): HTMLElement {
  const fields = [
    { name: 'animator_hours_per_month', label: t('sim.hours'), value: 34, min: 0, max: 200, help: t('sim.hoursHelp') },
    { name: 'core_size', label: t('sim.core'), value: Math.min(5, c.members.length || c.member_count), min: 0, max: Math.max(1, c.members.length || c.member_count), help: t('sim.coreHelp') },
    { name: 'sponsor_withdrawal_month', label: t('sim.withdrawal'), value: 0, min: 0, max: 180, help: t('sim.withdrawalHelp') },
  ];
  const inputs = fields.map((f) => h('input', { id: `odds-${f.name}`, name: f.name, type: 'number', min: f.min, max: f.max, step: 1, value: f.value, required: true, 'aria-describedby': `odds-${f.name}-help` }));
  const out = h('div', { class: 'odds-result', 'aria-live': 'polite' });
  const link = h('a', { href: '#/simulation', id: 'odds-more' }, t('odds.more'));
  const run = h('button', { type: 'submit', class: 'primary' }, t('odds.run'));
  const scenario = () => {
    const sc: Record<string, number> = { candidate_index: c.index, horizon_months: 180, replications: 200 };
    inputs.forEach((i) => { sc[i.name] = Number(i.value); });
    return sc;
  };
  async function go(): Promise<void> {
    for (const i of inputs) if (!i.checkValidity()) { i.focus(); i.reportValidity(); return; }
    const sc = scenario();
    link.setAttribute('href', `#/simulation?${scenarioQuery(sc)}`);
    run.disabled = true;
    clear(out);
    out.append(h('p', { class: 'muted' }, t('sim.running')));
    try {
      const r: SimulationResult = await api.simulate(sc);
      clear(out);
      const cm = r.critical_mass ?? [];
      out.append(h('p', { class: 'odds-sentence' }, cm.length ? t('odds.sentence', {
        p5: formatPercent(cm.find((x) => x.years === 5)?.p ?? NaN), p10: formatPercent(cm.find((x) => x.years === 10)?.p ?? NaN), p15: formatPercent(cm.find((x) => x.years === 15)?.p ?? NaN),
      }) : t('sim.noOutputs')), h('p', { class: 'muted small' }, t('sim.criticalMassHelp', { m: r.critical_mass_members ?? '?' })));
      if (cm.length && cm.every((x) => x.p === 0)) out.append(h('p', { class: 'notice' }, t('sim.allZero')));
    } catch (ex) {
      clear(out);
      out.append(ex instanceof ApiError && ex.notAvailable ? h('p', { class: 'muted' }, t('common.notAvailable')) : messageBox(ex));
    } finally { run.disabled = false; }
  }
  const form = h('form', { class: 'odds-form', onsubmit: (e: Event) => { e.preventDefault(); void go(); } },
    h('p', { class: 'muted small' }, t('odds.assumptions', { n: c.members.length || c.member_count })),
    h('div', { class: 'form-grid' }, fields.map((f, i) => h('div', { class: 'field' }, h('label', { for: `odds-${f.name}` }, f.label), inputs[i], h('span', { class: 'hint', id: `odds-${f.name}-help` }, f.help)))),
    h('div', { class: 'row' }, run, link));
  queueMicrotask(() => void go());
  return card(t('odds.title'), form, out);
}

export async function renderCandidate(ctx: PageContext): Promise<() => void> {
  const c = await loadCandidate(ctx.match.params.index);
  const place = placeOf(c);
  ctx.setTitle(`#${c.rank} ${tradeName(c.trade, c.trade_name)}`);
  const mapEl = h('div', { class: 'map small-map', role: 'region', 'aria-label': t('candidate.footprint') });
  const csv = () => download(`candidate-${c.rank}-members.csv`, toCsv(['siret', 'name', 'address', 'commune', 'headcount', 'lon', 'lat'],
    c.members.map((m) => [m.siret, m.name, m.address, m.commune_name || m.commune, m.headcount, m.lon, m.lat])));
  const kdCard = h('div');
  const lineageCard = h('div');
  ctx.root.append(h('div', { class: 'container' },
    h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') }, h('a', { href: '#/map' }, t('nav.map')), ' / ', `#${c.rank}`),
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, `${tradeName(c.trade, c.trade_name)}`, h('span', { class: 'muted' }, ` · ${place.dept ?? ''}`)),
        h('p', { class: 'muted' }, place.region ? regionName(place.region) : '', ' · ', t('candidate.rankOf', { rank: c.rank })),
        h('p', { class: 'verdict', id: 'verdict' }, verdict(c, mainCommune(c)), ' ', h('a', { href: '#statistics', onclick: (e: Event) => {
          e.preventDefault();
          const d = document.getElementById('statistics') as HTMLDetailsElement | null;
          if (d) { d.open = true; d.scrollIntoView({ block: 'start' }); d.querySelector('summary')?.focus(); }
        } }, t('candidate.seeStatistics')))),
      launchForm(c)),
    h('div', { class: 'stats' },
      stat(t('map.members'), formatNumber(c.members.length)),
      stat(t('score.score'), formatNumber(c.score, 1)),
      stat(t('score.q'), formatPValue(c.q_value ?? c.p_value)),
      stat(t('score.radius'), formatDistance(c.radius_m))),
    h('div', { class: 'grid two' }, card(t('candidate.footprint'), mapEl), kdCard),
    h('details', { class: 'card stats-details', id: 'statistics' },
      h('summary', { class: 'card-head' }, h('h2', null, t('candidate.scores'))),
      h('div', { class: 'card-body' }, h('p', { class: 'muted small' }, t('candidate.scoresIntro')), explain(c))),
    takeOff(c),
    lensesCard(c),
    h('section', { class: 'card', 'aria-label': t('candidate.members') },
      h('div', { class: 'card-head' }, h('h2', null, t('candidate.members')), h('button', { type: 'button', id: 'export-csv', onclick: csv }, t('common.exportCsv'))),
      h('div', { class: 'card-body' }, c.members.length ? membersTable(c) : empty(t('candidate.noMembers')))),
    lineageCard));

  const map = createFranceMap(mapEl, { scrollWheelZoom: false });
  const color = scoreColor(1);
  L.circle([c.center.lat, c.center.lon], { radius: c.radius_m, color, weight: 2, fillOpacity: 0.08, dashArray: '6 4' }).addTo(map);
  if (c.footprint?.coordinates?.length) {
    L.geoJSON(c.footprint as GeoJSON.MultiPolygon, { style: { color: '#2a7d6b', weight: 2, fillColor: '#2a7d6b', fillOpacity: 0.15 } }).addTo(map);
  }
  const pts = c.members.map((m) => L.circleMarker([m.lat, m.lon], { radius: 5, color: '#fff', weight: 1, fillColor: '#1f4e8c', fillOpacity: 0.95 }).bindTooltip(textTip(`${m.name} — ${m.commune_name || m.commune || ''}`)));
  const group = L.featureGroup(pts).addTo(map);
  const bounds = group.getBounds().extend(L.latLng(c.center.lat, c.center.lon).toBounds(c.radius_m * 2));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });

  const [kd, lin] = await Promise.all([
    section(t('candidate.kd'), () => api.kd(c.index), (d: KdCurve, body) => body.append(kdChart(d))),
    section(t('candidate.lineage'), () => api.lineage(c.index), (d: Lineage, body) => {
      const names = new Map<string, string>(Object.entries(d.names ?? {}));
      d.ancestors.forEach((a) => a.name && names.set(a.siren, a.name));
      d.roots?.forEach((r) => r.name && !names.has(r.siren) && names.set(r.siren, r.name));
      c.members.forEach((m) => names.has(m.siret.slice(0, 9)) || names.set(m.siret.slice(0, 9), m.name));
      if (!d.edges.length) { body.append(empty(t('candidate.noLineage'))); return; }
      body.append(h('ol', { class: 'ancestors' }, d.ancestors.slice(0, 3).map((a) => h('li', null,
        t('candidate.ancestorLine', { n: a.descendants, total: c.members.length, name: names.get(a.siren) ?? a.siren, year: a.created ? a.created.slice(0, 4) : '?' })))),
      lineageTree(d.edges, (id) => names.get(id) ?? id, new Set(d.ancestors.slice(0, 1).map((a) => a.siren)),
        { title: t('candidate.lineage'), transfer: t('lineage.transfer'), spinoff: t('lineage.spinoff'), declared: t('lineage.declared'), zoomIn: t('lineage.zoomIn'), zoomOut: t('lineage.zoomOut') }));
    }),
  ]);
  kdCard.replaceWith(kd);
  lineageCard.replaceWith(lin);
  return () => removeMap(map);
}
