// Trade names from the repository's catalogue (data/trades.json), bundled at build time.
import catalogue from '../../data/trades.json';
import { getLang } from './i18n';
import { departementAt } from './transforms';
import { DEPARTEMENTS } from './map/franceMap';
import type { Candidate } from './api';

type Trade = { id: string; name_fr: string; name_en: string; codes: string[] };
const TRADES = (catalogue as { trades: Trade[] }).trades;

/** A trade's name in the current language: a catalogue trade found by its id, or by either of its
 *  names in `id` or `fallback` (a scan names a place after its catalogue trade, "Shop fitting",
 *  whatever lens leads it); otherwise the fallback as written (a NAF label, a discovered trade). */
export function tradeName(id: string, fallback?: string): string {
  const known = (k?: string) => (x: Trade) => !!k && (x.id === k || x.name_en === k || x.name_fr === k);
  const tr = TRADES.find(known(id)) ?? TRADES.find(known(fallback));
  if (!tr) return fallback || id;
  return getLang() === 'fr' ? tr.name_fr : tr.name_en;
}

const REGIONS: Record<string, [string, string]> = {
  'FR-ARA': ['Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes'], 'FR-BFC': ['Bourgogne-Franche-Comté', 'Bourgogne-Franche-Comté'],
  'FR-BRE': ['Bretagne', 'Brittany'], 'FR-COR': ['Corse', 'Corsica'], 'FR-CVL': ['Centre-Val de Loire', 'Centre-Val de Loire'],
  'FR-GES': ['Grand Est', 'Grand Est'], 'FR-GUA': ['Guadeloupe', 'Guadeloupe'], 'FR-GUF': ['Guyane', 'French Guiana'],
  'FR-HDF': ['Hauts-de-France', 'Hauts-de-France'], 'FR-IDF': ['Île-de-France', 'Île-de-France'], 'FR-LRE': ['La Réunion', 'Réunion'],
  'FR-MAY': ['Mayotte', 'Mayotte'], 'FR-MTQ': ['Martinique', 'Martinique'], 'FR-NAQ': ['Nouvelle-Aquitaine', 'Nouvelle-Aquitaine'],
  'FR-NOR': ['Normandie', 'Normandy'], 'FR-OCC': ['Occitanie', 'Occitania'], 'FR-PAC': ["Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur"],
  'FR-PDL': ['Pays de la Loire', 'Pays de la Loire'],
};
export function regionName(code: string): string {
  const r = REGIONS[code];
  return r ? r[getLang() === 'fr' ? 0 : 1] : code;
}

const placeCache = new Map<string, { dept?: string; deptCode?: string; region?: string }>();
export function placeOf(c: Candidate): { dept?: string; deptCode?: string; region?: string } {
  const key = `${c.center.lon},${c.center.lat}`;
  let p = placeCache.get(key);
  if (!p) {
    const d = departementAt(c.center.lon, c.center.lat, DEPARTEMENTS)
      ?? (c.members?.[0] ? departementAt(c.members[0].lon, c.members[0].lat, DEPARTEMENTS) : undefined);
    p = { dept: d?.properties.nom, deptCode: d?.properties.code, region: d?.properties.region };
    placeCache.set(key, p);
  }
  return p;
}
