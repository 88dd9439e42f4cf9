import { api, ApiError, type User } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { PageContext } from '../main';

export function renderLogin(ctx: PageContext, onLogin: (u: User) => void): void {
  ctx.setTitle(t('login.title'));
  const error = h('div', { class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
  const email = h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary wide' }, t('login.submit'));
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    error.textContent = '';
    if (!email.value || !password.value) { error.textContent = t('login.missing'); return; }
    submit.disabled = true;
    try {
      onLogin(await api.login(email.value.trim(), password.value));
    } catch (err) {
      error.textContent = err instanceof ApiError && (err.status === 401 || err.status === 400)
        ? t('login.wrong') : err instanceof ApiError && err.status === 429 ? t('login.throttled') : t('common.networkError');
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-email' }, t('login.email')), email),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password),
  error, submit);
  ctx.root.append(h('div', { class: 'login-wrap' },
    h('div', { class: 'login-card' },
      h('h1', null, t('login.title')),
      h('p', { class: 'muted' }, t('login.intro')),
      form),
    h('p', { class: 'small center' }, h('a', { href: '#/forgot', id: 'forgot-link' }, t('account.forgotLink'))),
    h('p', { class: 'muted small center' }, t('login.surveyHint'))));
  email.focus();
}
