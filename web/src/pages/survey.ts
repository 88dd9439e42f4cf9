// The public survey page, reached by a personal link: mobile-first, keyboard and screen-reader
// friendly (fieldset/legend per question, errors tied with aria-describedby), saves as you go.
import { api, ApiError, type Question, type SurveyForm } from '../api';
import { h, clear, uid } from '../dom';
import { getLang, local, setLang, t } from '../i18n';
import { formatDateTime } from '../format';
import { messageBox } from '../ui';
import type { PageContext } from '../main';

type Answers = Record<string, unknown>;

export function isAnswered(_q: Question, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'boolean') return v;
  return true;
}

function optionsOf(q: Question, form: SurveyForm): Array<{ value: string; label: string }> {
  if (q.type === 'firms') return (form.firms ?? []).map((f) => ({ value: String(f.id), label: f.commune ? `${f.name} (${f.commune})` : f.name }));
  if (q.type === 'scale' && !q.options?.length) {
    const lo = q.min ?? 1; const hi = q.max ?? 5;
    return Array.from({ length: hi - lo + 1 }, (_, i) => ({ value: String(lo + i), label: String(lo + i) }));
  }
  return (q.options ?? []).map((o) => ({ value: o.value, label: local(o.label) }));
}

function questionField(q: Question, form: SurveyForm, answers: Answers, changed: () => void): HTMLElement {
  const id = uid('q');
  const errId = `${id}-err`;
  const helpId = `${id}-help`;
  const describedBy = [q.help ? helpId : '', errId].filter(Boolean).join(' ');
  const legend = h('legend', null, local(q.label), q.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
    q.required ? h('span', { class: 'sr-only' }, ` (${t('survey.required')})`) : null);
  const help = q.help ? h('p', { class: 'help', id: helpId }, local(q.help)) : null;
  const err = h('p', { class: 'field-error', id: errId });
  const wrap = h('fieldset', { class: `question q-${q.type}`, 'data-qid': q.id, 'aria-describedby': describedBy }, legend, help);
  const set = (v: unknown) => { answers[q.id] = v; wrap.classList.remove('invalid'); err.textContent = ''; changed(); };

  if (q.type === 'text') {
    const ta = h('textarea', { id, rows: 4, 'aria-describedby': describedBy, 'aria-required': q.required ? 'true' : undefined, value: String(answers[q.id] ?? '') });
    ta.value = String(answers[q.id] ?? '');
    ta.addEventListener('input', () => set(ta.value));
    wrap.append(h('label', { for: id, class: 'sr-only' }, local(q.label)), ta);
  } else if (q.type === 'consent' || (q.type === 'single' && q.options?.length === 1)) {
    // A lone choice (consent) is a checkbox, so that it can be unticked again.
    const value = q.options?.[0]?.value ?? 'yes';
    const cb = h('input', { type: 'checkbox', id, checked: answers[q.id] === value || answers[q.id] === true, 'aria-describedby': describedBy });
    cb.addEventListener('change', () => set(cb.checked ? value : undefined));
    wrap.append(h('div', { class: 'choice' }, cb, h('label', { for: id }, q.options?.[0] ? local(q.options[0].label) : t('survey.consentAgree'))));
  } else {
    const multiple = q.type === 'multiple' || q.type === 'firms';
    const current = answers[q.id];
    const opts = optionsOf(q, form);
    const list = h('div', { class: q.type === 'scale' ? 'choices scale' : 'choices' });
    opts.forEach((o, i) => {
      const oid = `${id}-${i}`;
      const checked = multiple ? Array.isArray(current) && current.includes(o.value) : current === o.value;
      const input = h('input', { type: multiple ? 'checkbox' : 'radio', name: id, id: oid, value: o.value, checked });
      input.addEventListener('change', () => {
        if (multiple) {
          set(Array.from(list.querySelectorAll<HTMLInputElement>('input:checked')).map((x) => x.value));
        } else set(o.value);
      });
      list.append(h('div', { class: 'choice' }, input, h('label', { for: oid }, o.label)));
    });
    if (q.type === 'scale') {
      wrap.append(h('div', { class: 'scale-ends muted small', 'aria-hidden': 'true' }, h('span', null, t('survey.scaleLow')), h('span', null, t('survey.scaleHigh'))));
    }
    if (!opts.length) list.append(h('p', { class: 'muted' }, t('survey.noOptions')));
    wrap.append(list);
  }
  wrap.append(err);
  return wrap;
}

export async function renderSurvey(ctx: PageContext): Promise<() => void> {
  const token = ctx.match.params.token;
  const storageKey = `grappe.survey.${token}`;
  let form: SurveyForm;
  try {
    form = await api.survey(token);
  } catch (e) {
    ctx.setTitle(t('survey.title'));
    const text = e instanceof ApiError && (e.status === 404 || e.status === 410) && !e.notAvailable ? t('survey.badLink') : null;
    ctx.root.append(h('div', { class: 'survey-wrap' }, h('h1', null, t('survey.title')), text ? h('div', { class: 'notice error', role: 'alert' }, text) : messageBox(e)));
    return () => undefined;
  }
  let savedLang: string | null = null;
  try { savedLang = localStorage.getItem('grappe.lang'); } catch { /* ignore */ }
  if (!savedLang && (form.language === 'fr' || form.language === 'en') && form.language !== getLang()) { setLang(form.language, false); return () => undefined; }
  ctx.setTitle(local(form.title) || t('survey.title'));
  let saved: Answers = {};
  try { saved = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Answers; } catch { saved = {}; }
  const answers: Answers = { ...saved, ...(form.answers ?? {}) };

  const status = h('p', { class: 'save-status muted small', role: 'status', 'aria-live': 'polite' });
  const progressBar = h('div', { class: 'progress-fill' });
  const progressText = h('span', { class: 'small muted' });
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(form.questions.length), 'aria-label': t('survey.progress') }, progressBar);
  const updateProgress = () => {
    const done = form.questions.filter((q) => isAnswered(q, answers[q.id])).length;
    progressBar.style.width = `${(100 * done) / Math.max(1, form.questions.length)}%`;
    progress.setAttribute('aria-valuenow', String(done));
    progressText.textContent = t('survey.answered', { n: done, total: form.questions.length });
  };
  // Progress is kept on the device until the respondent submits (the server stores submitted
  // answers only); a submitted response stays editable through the same link while open.
  const saveNow = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(answers));
      status.textContent = t('survey.saved', { time: formatDateTime(new Date()) });
    } catch {
      status.textContent = '';
    }
  };
  // Every change is written at once (a phone may close the tab any moment).
  const changed = () => { updateProgress(); saveNow(); };

  const fields = form.questions.map((q) => questionField(q, form, answers, changed));
  const formError = h('div', { class: 'notice error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary wide', id: 'survey-submit' }, form.responded ? t('survey.update') : t('survey.submit'));
  const wrap = h('div', { class: 'survey-wrap' });

  const el = h('form', { class: 'survey', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    const missing = form.questions.filter((q) => q.required && !isAnswered(q, answers[q.id]));
    fields.forEach((f) => { f.classList.remove('invalid'); f.querySelector('.field-error')!.textContent = ''; });
    if (missing.length) {
      for (const q of missing) {
        const f = fields[form.questions.indexOf(q)];
        f.classList.add('invalid');
        f.querySelector('.field-error')!.textContent = t('survey.pleaseAnswer');
      }
      formError.hidden = false;
      formError.textContent = t('survey.missing', { n: missing.length });
      fields[form.questions.indexOf(missing[0])].querySelector<HTMLElement>('input, textarea')?.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.submitSurvey(token, form.questions, answers, getLang());
      try { localStorage.removeItem(storageKey); } catch { /* ignore */ }
      clear(wrap);
      const thanks = h('div', { class: 'thanks', tabindex: '-1', id: 'survey-thanks' },
        h('div', { class: 'check', 'aria-hidden': 'true' }, '✓'),
        h('h1', null, t('survey.thanksTitle')), h('p', null, t('survey.thanksText')),
        h('p', { class: 'muted small' }, t('survey.thanksEdit')));
      wrap.append(thanks);
      thanks.focus();
    } catch (err) {
      formError.hidden = false;
      formError.textContent = err instanceof ApiError && err.status === 409 ? t('survey.closed')
        : err instanceof ApiError && err.status === 400 ? `${t('survey.submitFailed')} (${err.message})` : t('survey.submitFailed');
      submit.disabled = false;
    }
  } },
  fields, formError, submit, status);

  wrap.append(h('div', { class: 'survey-head' },
      h('h1', null, local(form.title) || t('survey.title')),
      form.firm ? h('p', { class: 'firm' }, t('survey.for', { firm: form.firm })) : null,
      form.intro ? h('p', null, local(form.intro)) : null,
      h('p', { class: 'muted small' }, t('survey.requiredNote')),
      h('div', { class: 'progress-row' }, progress, progressText)));
  if (form.status === 'closed') wrap.append(h('div', { class: 'notice', role: 'status' }, t('survey.closed')));
  else if (form.status === 'draft') wrap.append(h('div', { class: 'notice', role: 'status' }, t('survey.notOpen')));
  if (form.editable === false) submit.disabled = true;
  if (form.responded) wrap.append(h('div', { class: 'notice ok', role: 'status' }, t('survey.alreadySubmitted')));
  wrap.append(el);
  ctx.root.append(wrap);
  updateProgress();
  return () => undefined;
}
