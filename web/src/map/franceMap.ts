// Leaflet map of France drawn from data the project ships: départements outlines and commune
// names (data/communes.csv) at zoom, no tiles and no network by default. A tile server URL can be
// set (localStorage 'grappe.tileUrl', the map page's "Map background" setting) for online use.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import departements from 'virtual:departements';
import communes from 'virtual:communes';
import type { DeptFeature } from '../transforms';

export const DEPARTEMENTS = (departements as unknown as { features: DeptFeature[] }).features;
export const METRO_BOUNDS = L.latLngBounds([41.3, -5.2], [51.1, 9.6]);
/** Beyond this the shipped data has nothing more to show (no streets): the view stops here. */
export const MAX_ZOOM = 13;
const TILE_KEY = 'grappe.tileUrl';

export function tileUrl(): string { try { return localStorage.getItem(TILE_KEY) ?? ''; } catch { return ''; } }
export function setTileUrl(url: string): void { try { if (url) localStorage.setItem(TILE_KEY, url); else localStorage.removeItem(TILE_KEY); } catch { /* private mode */ } }

/** Smallest population whose name shows at a zoom level: big towns first, every commune close up. */
export function labelMinPopulation(zoom: number): number {
  if (zoom < 6) return 200_000;
  if (zoom < 7) return 60_000;
  if (zoom < 8) return 20_000;
  if (zoom < 9) return 8_000;
  if (zoom < 10) return 2_000;
  return 0;
}

function communeLabels(map: L.Map): void {
  const layer = L.layerGroup().addTo(map);
  map.createPane('labels').style.zIndex = '450';
  map.getPane('labels')!.style.pointerEvents = 'none';
  const draw = () => {
    layer.clearLayers();
    const min = labelMinPopulation(map.getZoom());
    const view = map.getBounds();
    let n = 0;
    // Larger towns are placed first; a smaller one whose label would overlap them is left out.
    const placed: Array<{ x: number; y: number; w: number }> = [];
    for (const [name, lon, lat, pop] of communes) {
      if (pop < min) break; // sorted by population, largest first
      if (!view.contains([lat, lon])) continue;
      const pt = map.latLngToContainerPoint([lat, lon]);
      const w = name.length * 6.5 + 8;
      if (placed.some((p) => Math.abs(p.x - pt.x) < (p.w + w) / 2 && Math.abs(p.y - pt.y) < 16)) continue;
      placed.push({ x: pt.x, y: pt.y, w });
      L.marker([lat, lon], { pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: pop >= 60_000 ? 'place-label big' : 'place-label', html: '', iconSize: undefined }) })
        .addTo(layer).getElement()?.append(document.createTextNode(name));
      if (++n >= 400) break; // enough to read, few enough to stay fast
    }
  };
  map.on('moveend', draw);
  draw();
}

export function createFranceMap(el: HTMLElement, opts: L.MapOptions = {}): L.Map {
  const map = L.map(el, {
    attributionControl: true, zoomSnap: 0.5, zoomDelta: 0.5, wheelPxPerZoomLevel: 180, minZoom: 4, maxZoom: MAX_ZOOM, preferCanvas: true,
    maxBounds: L.latLngBounds([-25, -70], [60, 60]), ...opts,
  });
  map.attributionControl.setPrefix(false).addAttribution('Natural Earth · communes © INSEE, GeoNames');
  const url = tileUrl();
  if (url) L.tileLayer(url, { maxZoom: MAX_ZOOM, attribution: new URL(url, location.href).host }).addTo(map);
  map.createPane('departements').style.zIndex = '250';
  L.geoJSON(departements as GeoJSON.FeatureCollection, {
    pane: 'departements',
    interactive: false,
    style: url ? { color: '#52606d', weight: 1, fill: false } : { color: '#9aa5b1', weight: 0.8, fillColor: '#f7f8f5', fillOpacity: 1 },
  }).addTo(map);
  map.fitBounds(METRO_BOUNDS);
  communeLabels(map);
  return map;
}

/** Removes a map safely: a double click that starts a zoom animation just before the page changes
 *  left Leaflet's animation timer running on a removed map ("reading '_leaflet_pos'"). The
 *  animation is finished first (its pending timer then finds nothing to do), pans are stopped. */
export function removeMap(map: L.Map): void {
  const internals = map as unknown as { _stop?: () => void; _onZoomTransitionEnd?: () => void };
  internals._stop?.();
  internals._onZoomTransitionEnd?.();
  map.remove();
}
