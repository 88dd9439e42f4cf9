import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLang, translate, fr, en } from './i18n';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n dictionaries', () => {
  it('French and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
  it('every key used in the code exists', () => {
    const used = new Set<string>();
    for (const f of sources(join(__dirname))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z_]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !(k in fr));
    expect(missing).toEqual([]);
  });
  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(fr) as Array<keyof typeof fr>) expect(names(en[k]), k).toEqual(names(fr[k]));
  });
  it('no empty translations', () => {
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
  });
});

describe('translate and language detection', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate({ a: '{n} sur {total}' }, 'a', { n: 3, total: 45 })).toBe('3 sur 45');
    expect(translate({ a: 'x {y}' }, 'a', {})).toBe('x {y}');
    expect(translate({}, 'missing.key')).toBe('missing.key');
  });
  it('chooses singular or plural with the locale rules', () => {
    const d = { k: '{n} réunion|{n} réunions' };
    expect(translate(d, 'k', { n: 0 }, 'fr')).toBe('0 réunion');
    expect(translate(d, 'k', { n: 1 }, 'fr')).toBe('1 réunion');
    expect(translate(d, 'k', { n: 2 }, 'fr')).toBe('2 réunions');
    expect(translate({ k: '{n} meeting|{n} meetings' }, 'k', { n: 0 }, 'en')).toBe('0 meetings');
  });
  it('prefers the saved choice, then the browser, then French', () => {
    expect(detectLang('en', ['fr-FR'])).toBe('en');
    expect(detectLang(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLang(null, ['de-DE'])).toBe('fr');
    expect(detectLang('xx', [])).toBe('fr');
  });
});
