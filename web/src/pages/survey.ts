// The public survey page, reached by a personal link: mobile-first, keyboard and screen-reader
// friendly (fieldset/legend per question, errors tied with aria-describedby), saves as you go.
import { api, ApiError, type Question, type SurveyForm } from '../api';
import { h, clear, uid } from '../dom';
import { getLang, local, setLang, t } from '../i18n';
import { formatDateTime } from '../format';
import { download, fieldError, messageBox } from '../ui';
import type { PageContext } from '../main';

type Answers = Record<string, unknown>;
/** The server's limit on a free-text answer (kLongText, src/workspace/include/grappe/workspace/input.hpp). */
const TEXT_MAX = 4000;

export function isAnswered(_q: Question, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'boolean') return v;
  return true;
}

/** A search box over a long list of firms: filters by name, commune or street as one types. */
function firmSearch(list: HTMLElement, id: string): HTMLElement {
  const count = h('span', { class: 'small muted', 'aria-live': 'polite' });
  const box = h('input', { type: 'search', id: `${id}-search`, class: 'firm-search', autocomplete: 'off' });
  const filter = () => {
    const words = box.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    list.querySelectorAll<HTMLElement>('.choice').forEach((c) => {
      const text = c.dataset.search ?? '';
      const checked = c.querySelector<HTMLInputElement>('input')?.checked;
      const hit = checked || words.every((w) => text.includes(w));
      c.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = t('survey.firmsShown', { n: shown });
  };
  box.addEventListener('input', filter);
  queueMicrotask(filter);
  return h('div', { class: 'field' }, h('label', { for: `${id}-search` }, t('survey.firmSearch')), box, count);
}

function optionsOf(q: Question, form: SurveyForm): Array<{ value: string; label: string; place?: string }> {
  // Commune and street tell two firms of the same name apart.
  if (q.type === 'firms') return (form.firms ?? []).map((f) => ({ value: String(f.id), label: f.name, place: [f.address, f.commune].filter(Boolean).join(', ') || undefined }));
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
    const countId = `${id}-count`;
    const ta = h('textarea', { id, rows: 4, maxlength: TEXT_MAX, 'aria-describedby': `${describedBy} ${countId}`, 'aria-required': q.required ? 'true' : undefined, value: String(answers[q.id] ?? '') });
    ta.value = String(answers[q.id] ?? '');
    const counter = h('span', { class: 'char-count', id: countId });
    const count = () => { counter.textContent = t('common.charsLeft', { n: TEXT_MAX - ta.value.length }); };
    ta.addEventListener('input', () => { set(ta.value); count(); });
    count();
    wrap.append(h('label', { for: id, class: 'sr-only' }, local(q.label)), ta, counter);
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
    const list = h('div', { class: q.type === 'scale' ? 'choices scale' : q.type === 'firms' ? 'choices firm-list' : 'choices' });
    if (q.type === 'firms' && opts.length > 8) wrap.append(firmSearch(list, id));
    opts.forEach((o, i) => {
      const oid = `${id}-${i}`;
      const checked = multiple ? Array.isArray(current) && current.includes(o.value) : current === o.value;
      const input = h('input', { type: multiple ? 'checkbox' : 'radio', name: id, id: oid, value: o.value, checked });
      input.addEventListener('change', () => {
        if (multiple) {
          set(Array.from(list.querySelectorAll<HTMLInputElement>('input:checked')).map((x) => x.value));
        } else set(o.value);
      });
      list.append(h('div', { class: 'choice', 'data-search': `${o.label} ${o.place ?? ''}`.toLocaleLowerCase() }, input, h('label', { for: oid }, o.label, o.place ? h('span', { class: 'firm-place' }, ` — ${o.place}`) : null)));
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

/** GDPR: the person downloads or erases what is stored about them, through the same link. */
function privacy(token: string, storageKey: string, wrap: HTMLElement): HTMLElement {
  const msg = h('p', { role: 'status', class: 'small' });
  const get = h('button', { type: 'button', class: 'link', onclick: async () => {
    try { download(`grappe-survey-data.json`, JSON.stringify(await api.surveyData(token), null, 2), 'application/json'); } catch { msg.textContent = t('survey.submitFailed'); }
  } }, t('survey.downloadData'));
  const erase = h('button', { type: 'button', class: 'link danger', onclick: async () => {
    if (!window.confirm(t('survey.eraseConfirm'))) return;
    try {
      await api.eraseSurveyData(token);
      try { localStorage.removeItem(storageKey); } catch { /* ignore */ }
      clear(wrap);
      wrap.append(h('div', { class: 'thanks', tabindex: '-1' }, h('h1', null, t('survey.erasedTitle')), h('p', null, t('survey.erasedText'))));
    } catch { msg.textContent = t('survey.submitFailed'); }
  } }, t('survey.eraseData'));
  return h('footer', { class: 'privacy small muted' }, h('p', null, t('survey.privacy')), h('p', null, get, ' · ', erase), msg);
}

export async function renderSurvey(ctx: PageContext, prefetched?: Promise<SurveyForm>): Promise<() => void> {
  const token = ctx.match.params.token;
  const storageKey = `grappe.survey.${token}`;
  let form: SurveyForm;
  try {
    form = await (prefetched ?? api.survey(token));
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
      // A refused answer is shown on its question, in the page's language.
      const fe = fieldError(err);
      const q = fe?.field ? form.questions.findIndex((x) => x.id === fe.field) : -1;
      if (fe && q >= 0) {
        fields[q].classList.add('invalid');
        fields[q].querySelector('.field-error')!.textContent = fe.text;
        fields[q].querySelector<HTMLElement>('input, textarea')?.focus();
      }
      formError.textContent = err instanceof ApiError && err.status === 409 ? t('survey.closed')
        : fe ? `${t('survey.submitFailed')} ${fe.text}` : t('survey.submitFailed');
      submit.disabled = false;
    }
  } },
  fields, formError, submit, status);

  wrap.append(h('div', { class: 'survey-head' },
      h('h1', null, local(form.title) || t('survey.title')),
      form.firm ? h('p', { class: 'firm' }, t('survey.for', { firm: form.firm })) : null,
      form.intro ? h('p', null, local(form.intro)) : null,
      h('section', { class: 'survey-about', 'aria-label': t('survey.aboutTitle') }, h('h2', { class: 'small-title' }, t('survey.aboutTitle')),
        h('p', null, t('survey.aboutWho', { who: t('survey.aboutWhoDefault') })), h('p', null, t('survey.aboutWhy')),
        h('p', null, t('survey.aboutTime', { n: form.questions.length, min: Math.max(2, Math.ceil(form.questions.length * 0.75)) })),
        h('p', null, t('survey.aboutAnswers'))),
      h('p', { class: 'muted small' }, t('survey.requiredNote')),
      h('div', { class: 'progress-row' }, progress, progressText)));
  const closed = form.status === 'closed';
  if (closed) {
    // Read-only: the answers stay visible, nothing can be changed or sent.
    wrap.append(h('div', { class: 'notice', role: 'status', id: 'survey-closed' }, t('survey.closedReadOnly')));
    el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('input, textarea, button').forEach((x) => { x.disabled = true; });
    submit.remove(); // (the hidden attribute loses to the buttons' display rule)
  }
  if (!closed && form.status === 'draft') wrap.append(h('div', { class: 'notice', role: 'status' }, t('survey.notOpen')));
  if (form.editable === false) submit.disabled = true;
  if (form.responded) wrap.append(h('div', { class: 'notice ok', role: 'status' }, t('survey.alreadySubmitted')));
  wrap.append(el, privacy(token, storageKey, wrap));
  ctx.root.append(wrap);
  updateProgress();
  performance.mark('survey-rendered'); // read by the browser journey (cold render time)
  return () => undefined;
}
