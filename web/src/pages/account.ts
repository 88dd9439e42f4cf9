// The account pages: change my password (forced after a generated or initial password), choose a
// password through an e-mailed link (member invitation, admin invitation, reset), and ask for a
// reset link.
import '../contacts.css';
import { ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { contactsApi } from '../contactsApi';
import { busy, errorLine, field, input } from '../forms';
import type { PageContext } from '../main';

const MIN_LENGTH = 10;

/** New password twice, checked here before the server checks it again. */
function newPasswordFields(): { fields: HTMLElement[]; value: () => string; check: () => string | null } {
  const password = input({ name: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH, maxlength: 256 });
  const confirm = input({ name: 'confirm-password', type: 'password', autocomplete: 'new-password', required: true, maxlength: 256 });
  password.id = 'new-password';
  confirm.id = 'confirm-password';
  return {
    fields: [field(t('account.newPassword'), password, t('account.passwordRule', { n: MIN_LENGTH })), field(t('account.confirmPassword'), confirm)],
    value: () => password.value,
    check: () => (password.value.length < MIN_LENGTH ? t('err.weak_password') : password.value !== confirm.value ? t('account.mismatch') : null),
  };
}

function page(ctx: PageContext, title: string, ...children: Array<HTMLElement | null>): void {
  ctx.setTitle(title);
  ctx.root.append(h('div', { class: 'login-wrap account-page' }, h('div', { class: 'login-card' }, h('h1', null, title), ...children)));
}

/** #/account: change my password. `onChanged` runs once the server accepted it. */
export function renderAccount(ctx: PageContext, onChanged: () => void): void {
  const forced = !!ctx.user?.must_change_password;
  const current = input({ name: 'current-password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 });
  current.id = 'current-password';
  const fresh = newPasswordFields();
  const error = errorLine();
  const done = h('p', { class: 'notice ok', role: 'status', hidden: true }, t('account.changed'));
  const submit = h('button', { type: 'submit', class: 'primary wide', id: 'change-password' }, t('account.change'));
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    const problem = !current.value ? t('account.currentMissing') : fresh.check();
    if (problem) { error.text(problem); return; }
    if (await busy(submit, error, () => contactsApi.changePassword(current.value, fresh.value()).then(() => undefined))) {
      form.reset();
      done.hidden = false;
      onChanged();
    }
  } }, field(t('account.currentPassword'), current), ...fresh.fields, error.el, submit);
  page(ctx, t('account.title'),
    ctx.user ? h('p', { class: 'muted' }, ctx.user.name ? `${ctx.user.name} · ${ctx.user.email}` : ctx.user.email) : null,
    forced ? h('p', { class: 'notice', role: 'status', id: 'must-change' }, t('account.mustChange')) : h('p', { class: 'muted small' }, t('account.othersLoggedOut')),
    done, form);
  current.focus();
}

/** #/password/TOKEN: choose a password through an e-mailed link (public). */
export async function renderPasswordLink(ctx: PageContext): Promise<void> {
  const token = ctx.match.params.token;
  let link: { purpose: string; email: string; name: string; expires_at: string };
  try {
    link = await contactsApi.inspectLink(token);
  } catch (e) {
    const dead = e instanceof ApiError && (e.status === 404 || e.status === 410);
    const error = errorLine();
    if (dead) error.text(e.status === 404 ? t('account.unknownLink') : t(e.code === 'link_used' ? 'err.link_used' : 'err.link_expired'));
    else error.show(e);
    page(ctx, t('account.linkTitle'), error.el, h('p', null, h('a', { href: '#/forgot' }, t('account.askNewLink'))));
    return;
  }
  const fresh = newPasswordFields();
  const error = errorLine();
  const submit = h('button', { type: 'submit', class: 'primary wide', id: 'set-password' }, t('account.setPassword'));
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    const problem = fresh.check();
    if (problem) { error.text(problem); return; }
    if (await busy(submit, error, () => contactsApi.redeemLink(token, fresh.value()).then(() => undefined))) {
      form.replaceWith(h('div', { class: 'notice ok', role: 'status', id: 'password-set' }, t('account.passwordSet'), ' ',
        h('a', { href: '#/login' }, t('login.submit'))));
    }
  } }, h('input', { type: 'email', name: 'username', value: link.email, autocomplete: 'username', hidden: true, readonly: true }), ...fresh.fields, error.el, submit);
  page(ctx, link.purpose === 'reset' ? t('account.resetTitle') : t('account.welcomeTitle'),
    h('p', { class: 'muted' }, t('account.linkFor', { email: link.email })), form);
  form.querySelector('input[type=password]')?.setAttribute('autofocus', '');
}

/** #/forgot: ask for a reset link; the answer is the same whether the address has an account. */
export function renderForgot(ctx: PageContext): void {
  const email = input({ name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254 });
  email.id = 'forgot-email';
  const error = errorLine();
  const submit = h('button', { type: 'submit', class: 'primary wide' }, t('account.sendLink'));
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!email.value.includes('@')) { error.text(t('err.invalid_email')); return; }
    if (await busy(submit, error, () => contactsApi.requestReset(email.value.trim()).then(() => undefined)))
      form.replaceWith(h('p', { class: 'notice ok', role: 'status', id: 'reset-requested' }, t('account.resetRequested')));
  } }, field(t('login.email'), email), error.el, submit);
  page(ctx, t('account.forgotTitle'), h('p', { class: 'muted' }, t('account.forgotIntro')), form, h('p', { class: 'small' }, h('a', { href: '#/login' }, t('login.submit'))));
  email.focus();
}
