// French and English: one dictionary, t(key, params) with {name} placeholders; the locale comes
// from the user's choice (saved) or the browser, and drives Intl formatting everywhere.
import { fr as frBase } from './locales/fr';
import { en as enBase } from './locales/en';
import { contactsFr, contactsEn } from './locales/contacts';

// Pages added in parallel keep their words in their own dictionary files.
export const fr = { ...frBase, ...contactsFr };
export const en: Record<keyof typeof fr, string> = { ...enBase, ...contactsEn };

export type Lang = 'fr' | 'en';
export type Key = keyof typeof fr;
export const dictionaries: Record<Lang, Record<Key, string>> = { fr, en };

let lang: Lang = 'fr';
const listeners = new Set<() => void>();

export function detectLang(saved: string | null, browser: readonly string[]): Lang {
  if (saved === 'fr' || saved === 'en') return saved;
  for (const l of browser) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

export function initLang(): void {
  let saved: string | null = null;
  try { saved = localStorage.getItem('grappe.lang'); } catch { /* storage may be disabled */ }
  setLang(detectLang(saved, typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : []), false);
}

export function setLang(l: Lang, persist = true): void {
  lang = l;
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  if (persist) {
    try { localStorage.setItem('grappe.lang', l); } catch { /* ignore */ }
  }
  listeners.forEach((f) => f());
}
export const getLang = (): Lang => lang;
/** Full locale for Intl: the browser's region when it matches the language (fr-CA, en-GB…). */
export function getLocale(): string {
  if (typeof navigator !== 'undefined') {
    const match = (navigator.languages ?? []).find((l) => l.toLowerCase().startsWith(lang));
    if (match) return match;
  }
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}
export const onLangChange = (f: () => void) => { listeners.add(f); return () => listeners.delete(f); };

/** Templates "singular|plural" pick a form by Intl.PluralRules on params.n (French: 0 and 1 are singular). */
export function translate(dict: Record<string, string>, key: string, params?: Record<string, string | number>, locale = lang): string {
  let template = dict[key] ?? key;
  if (template.includes('|') && params && typeof params.n === 'number') {
    const [one, other] = template.split('|');
    template = new Intl.PluralRules(locale).select(params.n) === 'one' ? one : other;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function t(key: Key, params?: Record<string, string | number>): string {
  return translate(dictionaries[lang], key, params, lang);
}

/** Picks the user's language from a {fr, en} object coming from the server. */
export function local(text: string | { fr?: string; en?: string } | undefined | null): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.fr ?? text.en ?? '';
}
