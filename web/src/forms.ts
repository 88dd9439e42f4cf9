// Small form pieces shared by the contacts, account and user pages: labelled fields, an error
// line tied to its form, a busy button while a request runs.
import { h, uid } from './dom';
import { errorText } from './contactsApi';

export function input(attrs: Record<string, unknown>): HTMLInputElement {
  return h('input', { id: uid('f'), ...attrs });
}

export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('p', { id: hintId, class: 'muted small' }, hint) : null);
}

export function select(options: Array<[string, string]>, value: string, attrs: Record<string, unknown> = {}): HTMLSelectElement {
  return h('select', { id: uid('f'), ...attrs }, options.map(([v, label]) => h('option', { value: v, selected: v === value ? true : undefined }, label)));
}

/** A live error line: `show(e)` prints the error in the user's language, `clear()` empties it. */
export function errorLine(): { el: HTMLElement; show: (e: unknown) => void; text: (s: string) => void; clear: () => void } {
  const el = h('p', { class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
  return { el, show: (e) => { el.textContent = errorText(e); }, text: (s) => { el.textContent = s; }, clear: () => { el.textContent = ''; } };
}

/** Runs f with the button disabled; errors go to the error line. Returns whether f succeeded. */
export async function busy(button: HTMLButtonElement, error: ReturnType<typeof errorLine>, f: () => Promise<void>): Promise<boolean> {
  button.disabled = true;
  error.clear();
  try {
    await f();
    return true;
  } catch (e) {
    error.show(e);
    return false;
  } finally {
    button.disabled = false;
  }
}
