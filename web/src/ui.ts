// Shared UI pieces: notices, "not available yet" states, cards, sortable tables.
import { ApiError } from './api';
import { h, type Child } from './dom';
import { t } from './i18n';

export function notAvailable(what: string): HTMLElement {
  return h('div', { class: 'notice unavailable', role: 'status' },
    h('strong', null, t('common.notAvailable')), ' ', t('common.notAvailableWhy', { what }));
}

export function messageBox(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.notAvailable) return notAvailable(t('common.thisPage'));
  const text = e instanceof ApiError
    ? (e.status === 0 ? t('common.networkError') : `${t('common.error')} ${e.status}: ${e.message}`)
    : `${t('common.error')}: ${e instanceof Error ? e.message : String(e)}`;
  return h('div', { class: 'notice error', role: 'alert' }, text);
}

/** Runs a loader into a card body; unavailable endpoints show the "not available yet" state. */
export async function section<T>(title: string, load: () => Promise<T>, draw: (data: T, body: HTMLElement) => void, what = title, extra?: Child): Promise<HTMLElement> {
  const body = h('div', { class: 'card-body' }, h('p', { class: 'muted' }, t('common.loading')));
  const card = h('section', { class: 'card', 'aria-label': title }, h('div', { class: 'card-head' }, h('h2', null, title), extra), body);
  try {
    const data = await load();
    body.textContent = '';
    draw(data, body);
  } catch (e) {
    body.textContent = '';
    body.append(e instanceof ApiError && e.notAvailable ? notAvailable(what) : messageBox(e));
  }
  return card;
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', 'aria-label': title }, h('div', { class: 'card-head' }, h('h2', null, title)), h('div', { class: 'card-body' }, children));
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'muted empty' }, text);
}

export function download(filename: string, content: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM lets spreadsheet software read UTF-8 CSV; other formats get the bytes as they are.
  const blob = new Blob(type.startsWith('text/csv') ? ['\ufeff', content] : [content], { type });
  const a = h('a', { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
}

export function stat(label: string, value: string, hint?: string): HTMLElement {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label), hint ? h('div', { class: 'stat-hint' }, hint) : null);
}

/** A 400 from the server as the field it names and a message in the user's language:
 *  "'needs_detail' is too long (at most 4000 characters)" → { field: 'needs_detail', text: 'Too long: …' }. */
export function fieldError(e: unknown): { field?: string; text: string } | null {
  if (!(e instanceof ApiError) || (e.status !== 400 && e.status !== 422)) return null;
  const field = /'([A-Za-z0-9_.-]+)'/.exec(e.message)?.[1];
  const max = /at most ([\d,]+)/.exec(e.message)?.[1]?.replace(/,/g, '');
  const text = e.code === 'too_long' && max ? t('error.tooLong', { max })
    : e.code === 'missing_field' ? t('error.requiredField')
    : t('error.invalidField');
  return { field, text };
}
