import L from 'leaflet';
import { api, type Candidate } from '../api';
import { h, clear, textTip } from '../dom';
import { t } from '../i18n';
import { formatNumber, formatPValue } from '../format';
import { createFranceMap, removeMap, setTileUrl, tileUrl } from '../map/franceMap';
import { filterCandidates, memberRadius, scoreColor, type CandidateFilter } from '../transforms';
import { placeOf, regionName, tradeName } from '../trades';
import { navigate } from '../router';
import { empty } from '../ui';
import type { PageContext } from '../main';

const MEMBERS_ZOOM = 9;

export async function renderMapPage(ctx: PageContext): Promise<() => void> {
  ctx.setTitle(t('map.title'));
  const candidates = (await api.candidates()).slice().sort((a, b) => a.rank - b.rank);
  const scores = candidates.map((c) => c.score);
  const smin = Math.min(...scores, 0);
  const smax = Math.max(...scores, 1);
  const filter: CandidateFilter = {};
  const regionOf = (c: Candidate) => placeOf(c).region;
  const deptOf = (c: Candidate) => placeOf(c).deptCode;

  const mapEl = h('div', { class: 'map', id: 'map', role: 'region', 'aria-label': t('map.mapLabel') });
  const tbody = h('tbody');
  const count = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const trades = [...new Set(candidates.map((c) => c.trade))].sort();
  const tradeLabel = new Map(candidates.map((c) => [c.trade, tradeName(c.trade, c.trade_name)]));
  const regions = [...new Set(candidates.map(regionOf).filter((r): r is string => !!r))].sort();
  const tradeSel = h('select', { id: 'f-trade' }, h('option', { value: '' }, t('map.allTrades')),
    trades.map((x) => h('option', { value: x }, tradeLabel.get(x) ?? x)));
  const regionSel = h('select', { id: 'f-region' }, h('option', { value: '' }, t('map.allRegions')),
    regions.map((x) => h('option', { value: x }, regionName(x))));
  const depts = new Map<string, { name: string; region?: string }>();
  for (const c of candidates) { const p = placeOf(c); if (p.deptCode) depts.set(p.deptCode, { name: p.dept ?? p.deptCode, region: p.region }); }
  const deptSel = h('select', { id: 'f-dept' });
  // The départements offered follow the chosen region.
  const fillDepts = () => {
    clear(deptSel);
    deptSel.append(h('option', { value: '' }, t('map.allDepts')),
      ...[...depts.entries()].filter(([, d]) => !filter.region || d.region === filter.region).sort(([a], [b]) => a.localeCompare(b))
        .map(([code, d]) => h('option', { value: code, selected: code === filter.dept }, `${code} ${d.name}`)));
  };
  fillDepts();
  const tileIn = h('input', { id: 'f-tiles', type: 'url', value: tileUrl(), placeholder: 'https://tile.example.org/{z}/{x}/{y}.png' });
  const step = (smax - smin) / 100 || 0.01;
  const scoreIn = h('input', { id: 'f-score', type: 'range', min: smin, max: smax, step, value: smin });
  const scoreOut = h('output', { for: 'f-score' }, formatNumber(smin, 1));

  const legend = h('div', { class: 'legend', 'aria-hidden': 'true' },
    h('span', null, t('map.scoreLow')),
    h('span', { class: 'ramp', style: { background: `linear-gradient(90deg, ${[0, 0.25, 0.5, 0.75, 1].map((x) => scoreColor(smin + x * (smax - smin), smin, smax)).join(',')})` } }),
    h('span', null, t('map.scoreHigh')),
    h('span', { class: 'legend-size' }, t('map.sizeLegend')));

  ctx.root.append(
    h('div', { class: 'map-layout' },
      h('aside', { class: 'side' },
        h('h1', null, t('map.title')),
        h('p', { class: 'muted' }, t('map.intro')),
        h('div', { class: 'filters', role: 'search', 'aria-label': t('map.filters') },
          h('div', { class: 'field' }, h('label', { for: 'f-trade' }, t('map.trade')), tradeSel),
          h('div', { class: 'field' }, h('label', { for: 'f-region' }, t('map.region')), regionSel),
          h('div', { class: 'field' }, h('label', { for: 'f-dept' }, t('map.dept')), deptSel),
          h('div', { class: 'field' }, h('label', { for: 'f-score' }, t('map.minScore'), ' ', scoreOut), scoreIn)),
        count,
        candidates.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data ranked', id: 'candidates-table' },
          h('caption', { class: 'sr-only' }, t('map.tableCaption')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col', class: 'num' }, t('map.rank')), h('th', { scope: 'col' }, t('map.trade')),
            h('th', { scope: 'col', class: 'num' }, t('map.members')), h('th', { scope: 'col', class: 'num' }, t('map.score')),
            h('th', { scope: 'col', class: 'num', title: t('map.qHelp') }, t('map.q')))),
          tbody)) : empty(t('map.none'))),
      h('div', { class: 'map-col' }, mapEl, legend,
        h('details', { class: 'map-settings' }, h('summary', null, t('map.background')),
          h('form', { class: 'row', onsubmit: (e: Event) => { e.preventDefault(); setTileUrl(tileIn.value.trim()); location.reload(); } },
            h('div', { class: 'field' }, h('label', { for: 'f-tiles' }, t('map.tileUrl')), tileIn, h('span', { class: 'hint' }, t('map.tileHelp'))),
            h('button', { type: 'submit' }, t('map.tileApply')))))));
  const map = createFranceMap(mapEl);
  const circles = L.layerGroup().addTo(map);
  const members = L.layerGroup();
  const markerByRank = new Map<number, L.CircleMarker>();

  // The list endpoint gives counts only: members are fetched per candidate when zoomed in.
  const details = new Map<number, Promise<Candidate>>();
  let drawSeq = 0;
  async function drawMembers(list: Candidate[]): Promise<void> {
    const seq = ++drawSeq;
    const view = map.getBounds().pad(0.5);
    const near = list.filter((c) => view.contains([c.center.lat, c.center.lon]));
    const full = await Promise.all(near.map((c) => {
      if (!details.has(c.index)) details.set(c.index, c.members.length ? Promise.resolve(c) : api.candidate(c.index).catch(() => c));
      return details.get(c.index)!;
    }));
    if (seq !== drawSeq) return;
    members.clearLayers();
    for (const c of full) {
      L.circle([c.center.lat, c.center.lon], { radius: c.radius_m, color: '#1b2733', weight: 1, dashArray: '5 4', fill: false, interactive: false }).addTo(members);
      if (c.footprint?.coordinates?.length) L.geoJSON(c.footprint as GeoJSON.MultiPolygon, { interactive: false, style: { color: '#2a7d6b', weight: 1.5, fillOpacity: 0.1 } }).addTo(members);
    }
    for (const c of full) for (const m of c.members) {
      L.circleMarker([m.lat, m.lon], { radius: 4, color: '#ffffff', weight: 1, fillColor: '#1f4e8c', fillOpacity: 0.9 })
        .bindTooltip(textTip(`${m.name} — ${m.commune_name || m.commune || ''}`)).addTo(members);
    }
  }

  function update(): void {
    const list = filterCandidates(candidates, filter, regionOf, deptOf);
    circles.clearLayers();
    markerByRank.clear();
    clear(tbody);
    for (const c of list) {
      const color = scoreColor(c.score, smin, smax);
      const marker = L.circleMarker([c.center.lat, c.center.lon], {
        radius: memberRadius(c.member_count), color: '#1b2733', weight: 1, fillColor: color, fillOpacity: 0.75,
      }).bindTooltip(textTip(`#${c.rank} ${tradeName(c.trade, c.trade_name)} — ${t('map.nMembers', { n: c.member_count })}`))
        // A double click must not zoom the map that the first click is leaving.
        .on('click', (e: L.LeafletMouseEvent) => { L.DomEvent.stop(e.originalEvent); map.doubleClickZoom.disable(); navigate(`#/candidates/${c.index}`); });
      marker.addTo(circles);
      markerByRank.set(c.rank, marker);
      const place = placeOf(c);
      const row = h('tr', { tabindex: '0', 'data-rank': c.rank,
        onclick: () => navigate(`#/candidates/${c.index}`),
        onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') navigate(`#/candidates/${c.index}`); },
        onmouseenter: () => marker.setStyle({ weight: 3 }), onmouseleave: () => marker.setStyle({ weight: 1 }) },
      h('td', { class: 'num' }, c.rank),
      h('td', null, h('a', { href: `#/candidates/${c.index}` }, tradeName(c.trade, c.trade_name)), h('div', { class: 'muted small' }, place.dept ? `${place.dept} (${place.deptCode})` : '')),
      h('td', { class: 'num' }, formatNumber(c.member_count)),
      h('td', { class: 'num' }, h('span', { class: 'swatch', style: { background: color } }), formatNumber(c.score, 1)),
      h('td', { class: 'num' }, formatPValue(c.q_value ?? c.p_value)));
      tbody.append(row);
    }
    count.textContent = t('map.count', { n: list.length, total: candidates.length });
    if (map.getZoom() >= MEMBERS_ZOOM) void drawMembers(list);
  }

  const onZoom = () => {
    if (map.getZoom() >= MEMBERS_ZOOM) {
      if (!map.hasLayer(members)) members.addTo(map);
      void drawMembers(filterCandidates(candidates, filter, regionOf, deptOf));
    } else members.remove();
  };
  map.on('moveend', onZoom);
  tradeSel.addEventListener('change', () => { filter.trade = tradeSel.value || undefined; update(); });
  regionSel.addEventListener('change', () => {
    filter.region = regionSel.value || undefined;
    if (filter.dept && depts.get(filter.dept)?.region !== filter.region && filter.region) filter.dept = undefined;
    fillDepts();
    update();
  });
  deptSel.addEventListener('change', () => { filter.dept = deptSel.value || undefined; update(); });
  scoreIn.addEventListener('input', () => {
    const v = Number(scoreIn.value);
    filter.minScore = v > smin ? v : undefined;
    scoreOut.textContent = formatNumber(v, 1);
    update();
  });

  update();
  onZoom();
  return () => removeMap(map);
}
