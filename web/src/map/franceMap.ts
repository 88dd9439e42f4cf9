// Leaflet map of France drawn from the bundled départements layer only: no tiles, no network.
import L from 'leaflet';
import departements from 'virtual:departements';
import type { DeptFeature } from '../transforms';

export const DEPARTEMENTS = (departements as unknown as { features: DeptFeature[] }).features;
export const METRO_BOUNDS = L.latLngBounds([41.3, -5.2], [51.1, 9.6]);

export function createFranceMap(el: HTMLElement, opts: L.MapOptions = {}): L.Map {
  const map = L.map(el, {
    attributionControl: true, zoomSnap: 0.25, minZoom: 4, maxZoom: 16, preferCanvas: true,
    maxBounds: L.latLngBounds([-25, -70], [60, 60]), ...opts,
  });
  map.attributionControl.setPrefix(false).addAttribution('Natural Earth');
  map.createPane('departements').style.zIndex = '250';
  L.geoJSON(departements as GeoJSON.FeatureCollection, {
    pane: 'departements',
    interactive: false,
    style: { color: '#9aa5b1', weight: 0.8, fillColor: '#f7f8f5', fillOpacity: 1 },
  }).addTo(map);
  map.fitBounds(METRO_BOUNDS);
  return map;
}
