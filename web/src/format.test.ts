import { describe, expect, it } from 'vitest';
import { formatDate, formatDistance, formatNumber, formatPValue, formatPercent, formatSignificant } from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('locale formatting through Intl', () => {
  it('numbers use the locale separators', () => {
    expect(nbsp(formatNumber(12345.678, 2, 'fr-FR'))).toBe('12 345,68');
    expect(formatNumber(12345.678, 2, 'en-GB')).toBe('12,345.68');
    expect(formatNumber(NaN, 0, 'fr-FR')).toBe('—');
    expect(formatNumber(null, 0, 'fr-FR')).toBe('—');
  });
  it('percentages', () => {
    expect(nbsp(formatPercent(0.256, 1, 'fr-FR'))).toBe('25,6 %');
    expect(formatPercent(0.256, 0, 'en-GB')).toBe('26%');
  });
  it('p-values below 0.001 read "< 0.001"', () => {
    expect(formatPValue(0.0004, 'en-GB')).toBe('< 0.001');
    expect(formatPValue(0.0004, 'fr-FR')).toBe('< 0,001');
    expect(formatPValue(0.0123, 'en-GB')).toBe('0.012');
    expect(formatPValue(undefined, 'en-GB')).toBe('—');
  });
  it('distances switch to kilometres', () => {
    expect(nbsp(formatDistance(850, 'fr-FR'))).toBe('850 m');
    expect(nbsp(formatDistance(12500, 'fr-FR'))).toBe('12,5 km');
  });
  it('small densities keep significant digits', () => {
    expect(formatSignificant(0.0000123, 2, 'en-GB')).toBe('0.000012');
  });
  it('date-only values do not shift with the time zone', () => {
    expect(formatDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
    expect(formatDate('2026-01-01', 'fr-FR')).toBe('1 janv. 2026');
    expect(formatDate('not a date', 'en-GB')).toBe('not a date');
    expect(formatDate(null, 'en-GB')).toBe('—');
  });
});

import { headcountBand } from './format';
describe('headcountBand', () => {
  it('shows the INSEE band, not the midpoint, and unknown as null', () => {
    expect(headcountBand(7.5, 'en')).toBe('6–9');
    expect(headcountBand(1499.5, 'fr')).toBe('1\u202f000–1\u202f999');
    expect(headcountBand(10000, 'en')).toBe('≥ 10,000');
    expect(headcountBand(0, 'en')).toBeNull();
    expect(headcountBand(null, 'en')).toBeNull();
  });
});
