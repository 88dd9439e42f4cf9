/** The candidate's lenses, trade words and same-trade firms of other codes (`grappe scan`,
 *  docs/scan.md "One candidate per place"): a self-contained card of the candidate page, with
 *  its own strings so that it can move with the page. */
import type { Candidate, Member } from '../api';
import { h } from '../dom';
import { getLang } from '../i18n';
import { formatNumber, formatPValue } from '../format';
import { card, download } from '../ui';
import { tradeName } from '../trades';

/** A lens's trade in the page language: the catalogue's name, "Métier trouvé à …" for a discovered one. */
function lensName(l: CandidateLens): string {
  const name = tradeName(l.trade, l.trade_name);
  return getLang() === 'fr' ? name.replace(/^Trade found at /, 'Métier trouvé à ') : name;
}

export interface CandidateLens { kind: string; trade: string; trade_name?: string; codes: string[]; members: number; llr?: number; p_value?: number; q_value?: number }
export interface TradeWord { word: string; g2: number; members: number; national: number }
export interface FoundMember extends Member { code?: string; found_by?: string[] }
export interface TradeDefinition { id: string; name_fr: string; name_en: string; codes: string[]; keywords: string[] }
export type LensedCandidate = Candidate & { lenses?: CandidateLens[]; words?: TradeWord[]; other_code_members?: FoundMember[]; trade_definition?: TradeDefinition };

const strings = {
  fr: { title: 'Métier : codes, mots et firmes', lens: 'Trouvé par', kind: 'Type', codes: 'Codes NAF', firms: 'Firmes', words: 'Mots du métier (G² contre les mêmes codes en France)',
    noWords: 'Aucun mot des noms ne distingue ces firmes.', other: 'Même métier, autre code', saveTrade: 'Enregistrer comme métier (JSON)',
    subclass: 'sous-classe NAF', trade: 'métier du catalogue', discovered: 'métier découvert' },
  en: { title: 'Trade: codes, words and firms', lens: 'Found by', kind: 'Kind', codes: 'NAF codes', firms: 'Firms', words: 'Trade words (G² against the same codes in France)',
    noWords: 'No word of the names sets these firms apart.', other: 'Same trade, other code', saveTrade: 'Save as a trade (JSON)',
    subclass: 'NAF sub-class', trade: 'catalogue trade', discovered: 'discovered trade' },
};

function lensTable(c: LensedCandidate, s: typeof strings.fr): HTMLElement {
  const found = (id: string) => c.members.filter((m) => (m as FoundMember).found_by?.includes(id)).length;
  const kind = (k: string) => (s as Record<string, string>)[k] ?? k;
  return h('table', { class: 'data', id: 'lenses-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.lens), h('th', { scope: 'col' }, s.kind), h('th', { scope: 'col' }, s.codes),
      h('th', { scope: 'col', class: 'num' }, s.firms), h('th', { scope: 'col', class: 'num' }, 'q'))),
    h('tbody', null, (c.lenses ?? []).map((l) => h('tr', null, h('td', null, lensName(l)), h('td', null, kind(l.kind)),
      h('td', { class: 'mono' }, l.codes.join(', ')), h('td', { class: 'num' }, formatNumber(found(l.trade) || l.members)),
      h('td', { class: 'num' }, formatPValue(l.q_value ?? l.p_value))))));
}

export function lensesCard(candidate: Candidate): HTMLElement {
  const c = candidate as LensedCandidate;
  const s = strings[getLang() === 'en' ? 'en' : 'fr'];
  const words = c.words ?? [];
  const other = c.other_code_members ?? [];
  const def = c.trade_definition;
  return card(s.title,
    c.lenses?.length ? lensTable(c, s) : null,
    h('p', { class: 'muted' }, s.words),
    words.length ? h('ul', { class: 'trade-words', id: 'trade-words' }, words.map((w) => h('li', null, h('strong', null, w.word), ` (G² ${formatNumber(w.g2, 0)}; ${w.members} / ${w.national})`)))
      : h('p', { class: 'muted empty' }, s.noWords),
    other.length ? h('details', null, h('summary', null, `${s.other} (${other.length})`),
      h('ul', { id: 'other-code-firms' }, other.map((m) => h('li', null, `${m.name} — ${m.code ?? ''}`)))) : null,
    def ? h('button', { type: 'button', id: 'save-trade', onclick: () => download(`${def.id}.json`, JSON.stringify(def, null, 2), 'application/json') }, s.saveTrade) : null);
}
