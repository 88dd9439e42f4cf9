// "Act for a firm": who the user speaks for in an initiative's animation (docs/animation.md §6).
// An animator acts as the animator or names any member firm; a member user acts for a firm it
// represents (GET …/me lists them). The choice is kept for the browser tab's session.
import { api, type Acting } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

const key = (initiative: string) => `grappe.acting.${initiative}`;

export interface ActingState extends Acting {
  initiative: string;
  /** The member id acting, or null when an animator acts as the animator. */
  firm: number | null;
}

export async function loadActing(initiative: string): Promise<ActingState> {
  const acting = await api.acting(initiative);
  const saved = Number(sessionStorage.getItem(key(initiative)) ?? '');
  const valid = acting.firms.some((f) => f.id === saved);
  const firm = valid ? saved : acting.animator ? null : acting.firms[0]?.id ?? null;
  return { ...acting, initiative, firm };
}

export function setActing(state: ActingState, firm: number | null): void {
  state.firm = firm;
  sessionStorage.setItem(key(state.initiative), firm === null ? '' : String(firm));
}

/** The body fields naming the acting firm (none when the animator acts as the animator). */
export function actingBody(state: ActingState): { member_id?: number } {
  return state.firm === null ? {} : { member_id: state.firm };
}

export function actingName(state: ActingState): string {
  return state.firm === null ? t('acting.animator') : state.firms.find((f) => f.id === state.firm)?.name ?? String(state.firm);
}

/** The chooser: a select when there is a choice, else the one firm as text. */
export function actingChooser(state: ActingState, onChange: () => void): HTMLElement {
  const choices: Array<[string, string]> = [...(state.animator ? [['', t('acting.animator')] as [string, string]] : []),
    ...state.firms.map((f) => [String(f.id), f.name] as [string, string])];
  if (choices.length <= 1) {
    return h('p', { class: 'acting muted small', id: 'acting' }, t('acting.for', { who: choices[0]?.[1] ?? t('acting.nobody') }));
  }
  const select = h('select', { id: 'acting-firm', onchange: () => { setActing(state, select.value === '' ? null : Number(select.value)); onChange(); } },
    choices.map(([v, label]) => h('option', { value: v, selected: (state.firm === null ? '' : String(state.firm)) === v }, label)));
  return h('div', { class: 'acting field inline-field' }, h('label', { for: 'acting-firm' }, t('acting.label')), select);
}
