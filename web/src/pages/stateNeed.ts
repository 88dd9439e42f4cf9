// "State a need": a member firm (or the animator for one) writes a need statement at any time;
// it joins the collective needs at the next grouping (POST …/needs, docs/animation.md §6).
import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { actingBody, actingChooser, loadActing } from './acting';
import { refusal } from './topic';

export async function stateNeedForm(initiative: string, onStated: () => void): Promise<HTMLElement> {
  const acting = await loadActing(initiative);
  const text = h('textarea', { id: 'need-text', rows: 3, maxlength: 4000, required: true });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const done = h('p', { class: 'sr-only', role: 'status' });
  return h('form', { class: 'card state-need', 'aria-label': t('needs.state'), onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!text.value.trim()) { err.textContent = t('needs.textMissing'); text.focus(); return; }
    try {
      await api.addNeed(initiative, { text: text.value.trim(), ...actingBody(acting) });
      text.value = '';
      err.textContent = '';
      done.textContent = t('needs.stated');
      onStated();
    } catch (ex) { err.textContent = refusal(ex); }
  } }, h('div', { class: 'card-head' }, h('h2', null, t('needs.state'))),
  h('div', { class: 'card-body' }, actingChooser(acting, () => undefined),
    h('div', { class: 'field' }, h('label', { for: text.id }, t('needs.text')), text),
    h('button', { type: 'submit', class: 'small-button', id: 'state-need' }, t('needs.submit')), err, done));
}
