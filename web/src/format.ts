// Numbers and dates in the user's locale, through Intl (never hand-formatted).
import { getLocale } from './i18n';

export function formatNumber(n: number | null | undefined, digits = 0, locale = getLocale()): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function formatPercent(x: number | null | undefined, digits = 0, locale = getLocale()): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
}

/** p- and q-values as statisticians print them: three decimals, "< 0.001" below that. */
export function formatPValue(p: number | null | undefined, locale = getLocale()): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  if (p < 0.001) return `< ${nf.format(0.001)}`;
  return nf.format(p);
}

/** Small positive quantities (densities) with a fixed number of significant digits. */
export function formatSignificant(x: number, digits = 2, locale = getLocale()): string {
  if (!Number.isFinite(x)) return '—';
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(x);
}

export function formatDistance(metres: number, locale = getLocale()): string {
  if (metres >= 1000) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres);
}

export function parseDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(value: string | number | Date | null | undefined, locale = getLocale()): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = parseDate(value);
  if (!d) return String(value);
  // Date-only ISO strings (YYYY-MM-DD) are calendar dates: show them in UTC so they do not shift.
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: dateOnly ? 'UTC' : undefined }).format(d);
}

export function formatDateTime(value: string | number | Date | null | undefined, locale = getLocale()): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = parseDate(value);
  if (!d) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** INSEE headcount bands, keyed by the midpoint the register stores (src/register/register.cpp). */
const BANDS: Array<[number, number, number | null]> = [
  [1.5, 1, 2], [4, 3, 5], [7.5, 6, 9], [14.5, 10, 19], [34.5, 20, 49], [74.5, 50, 99], [149.5, 100, 199],
  [224.5, 200, 249], [374.5, 250, 499], [749.5, 500, 999], [1499.5, 1000, 1999], [3499.5, 2000, 4999],
  [7499.5, 5000, 9999], [10000, 10000, null],
];

/** A headcount band midpoint as its band ("6–9"), never as an exact number; 0 or missing: null
 *  (SIRENE's "NN": no employee declared, which is not the same as a known zero). */
export function headcountBand(mid: number | string | null | undefined, locale = getLocale()): string | null {
  if (typeof mid === 'string') return mid || null;
  if (mid === null || mid === undefined || !Number.isFinite(mid) || mid <= 0) return null;
  const band = BANDS.find(([m]) => Math.abs(m - mid) < 0.01);
  const nf = new Intl.NumberFormat(locale);
  if (!band) return nf.format(Math.round(mid));
  return band[2] === null ? `≥ ${nf.format(band[1])}` : `${nf.format(band[1])}–${nf.format(band[2])}`;
}
