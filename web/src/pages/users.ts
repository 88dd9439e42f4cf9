// #/users (admins): the accounts, with role, state and actions; new accounts invited by e-mail
// link (default) or with a generated password to hand over, which must be changed at first login.
import '../contacts.css';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { messageBox } from '../ui';
import { contactsApi, type ManagedUser } from '../contactsApi';
import { api, type Initiative } from '../api';
import { busy, errorLine, field, input, select } from '../forms';
import type { PageContext } from '../main';

const ROLES = ['admin', 'animator', 'observer', 'member'] as const;
const roleOptions = (): Array<[string, string]> => ROLES.map((r) => [r, t(`users.role_${r}` as Key)]);

/** Staff roles on chosen initiatives: one choice (none, observer, animator) per initiative,
 *  saved together. Only for accounts whose global role is below animator (an animator or
 *  admin already animates every initiative). */
function scopePanel(u: ManagedUser, initiatives: Initiative[], redraw: () => void): HTMLElement | null {
  if (u.role === 'admin' || u.role === 'animator' || !initiatives.length) return null;
  const granted = new Map((u.initiative_roles ?? []).map((g) => [String(g.initiative_id), g.role]));
  const error = errorLine();
  const none: [string, string] = ['', u.role === 'observer' ? t('users.scopeGlobal') : t('users.scopeNone')];
  const choices = initiatives.map((i) => ({
    id: Number(i.id),
    control: select([none, ['observer', t('users.role_observer')], ['animator', t('users.role_animator')]], granted.get(String(i.id)) ?? '',
      { 'aria-label': t('users.roleIn', { email: u.email, name: i.name }), 'data-initiative': i.id }),
    name: i.name,
  }));
  const save = h('button', { type: 'button', class: 'small-button', 'data-save-scope': u.id, onclick: () => void busy(save, error, async () => {
    await contactsApi.updateUser(u.id, { initiative_roles: choices.filter((c) => c.control.value).map((c) => ({ initiative_id: c.id, role: c.control.value })) });
    redraw();
  }) }, t('users.saveScope'));
  return h('details', { class: 'user-scope', 'data-scope': u.id },
    h('summary', null, t('users.scope', { n: granted.size })),
    h('p', { class: 'muted small' }, t('users.scopeHelp')),
    h('ul', { class: 'scope-list' }, choices.map((c) => h('li', null, h('span', { class: 'scope-name' }, c.name), c.control))),
    save, error.el);
}

function userRow(u: ManagedUser, self: boolean, initiatives: Initiative[], redraw: () => void): HTMLElement {
  const error = errorLine();
  const role = select(roleOptions(), u.role, { 'aria-label': t('users.roleOf', { email: u.email }) });
  role.addEventListener('change', () => void busy(toggle, error, async () => { await contactsApi.updateUser(u.id, { role: role.value }); redraw(); })
    .then((ok) => { if (!ok) role.value = u.role; }));
  const toggle = h('button', { type: 'button', class: 'link', onclick: () => void busy(toggle, error, async () => {
    await contactsApi.updateUser(u.id, { disabled: !u.disabled });
    redraw();
  }) }, u.disabled ? t('users.enable') : t('users.disable'));
  const remove = h('button', { type: 'button', class: 'link danger', onclick: () => {
    if (!confirm(t('users.confirmDelete', { email: u.email }))) return;
    void busy(remove, error, async () => { await contactsApi.deleteUser(u.id); redraw(); });
  } }, t('users.delete'));
  const state = u.disabled ? 'disabled' : u.must_change_password ? 'mustChange' : 'active';
  return h('li', { class: 'user-row', 'data-user': u.id },
    h('div', { class: 'contact-line' }, h('span', { class: 'contact-name' }, u.name || u.email), self ? h('span', { class: 'pill' }, t('users.you')) : null,
      h('span', { class: `pill user-${state}` }, t(`users.state_${state}` as Key))),
    h('div', { class: 'small' }, u.email),
    h('div', { class: 'actions' }, role, self ? null : toggle, self ? null : remove), error.el,
    scopePanel(u, initiatives, redraw));
}

function createForm(done: (note: HTMLElement) => void): HTMLFormElement {
  const email = input({ name: 'email', type: 'email', autocomplete: 'off', required: true, maxlength: 254 });
  const name = input({ name: 'name', autocomplete: 'off', maxlength: 200 });
  const role = select(roleOptions(), 'animator', { name: 'role' });
  const how = select([['invite', t('users.byLink')], ['password', t('users.byPassword')]], 'invite', { name: 'how' });
  const error = errorLine();
  const submit = h('button', { type: 'submit', class: 'primary small-button', id: 'create-user' }, t('users.create'));
  return h('form', { class: 'user-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!email.value.includes('@')) { error.text(t('err.invalid_email')); email.focus(); return; }
    const body = { email: email.value.trim(), name: name.value.trim(), role: role.value };
    await busy(submit, error, async () => {
      if (how.value === 'invite') {
        const r = await contactsApi.inviteUser(body);
        done(h('p', { class: 'notice ok', role: 'status' }, r.mail.status === 'sent' ? t('users.invited', { email: body.email }) : t('users.invitedOutbox', { email: body.email })));
      } else {
        const r = await contactsApi.createUser(body);
        done(h('div', { class: 'notice ok', role: 'status' }, t('users.generated', { email: body.email }), ' ', h('code', { class: 'one-time', id: 'one-time-password' }, r.one_time_password ?? '')));
      }
    });
  } },
  h('div', { class: 'form-row' }, field(t('login.email'), email), field(t('contacts.name'), name), field(t('users.role'), role), field(t('users.how'), how)),
  error.el, submit);
}

export async function renderUsers(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('users.title'));
  const list = h('ul', { class: 'user-list', id: 'users' });
  const note = h('div');
  // The initiatives a staff role may be granted on (an admin lists them all).
  const initiatives = await api.initiatives().catch(() => [] as Initiative[]);
  const redraw = async () => {
    try {
      const users = await contactsApi.users();
      clear(list);
      list.append(...users.map((u) => userRow(u, String(u.id) === String(ctx.user?.id), initiatives, () => void redraw())));
    } catch (e) {
      clear(list);
      list.append(h('li', null, messageBox(e)));
    }
  };
  const form = createForm((n) => { clear(note); note.append(n); void redraw(); });
  await redraw();
  ctx.root.append(h('div', { class: 'container' }, h('h1', null, t('users.title')), h('p', { class: 'muted' }, t('users.intro')),
    h('section', { class: 'card', 'aria-label': t('users.new') }, h('div', { class: 'card-head' }, h('h2', null, t('users.new'))), h('div', { class: 'card-body' }, form, note)),
    h('section', { class: 'card', 'aria-label': t('users.list') }, h('div', { class: 'card-head' }, h('h2', null, t('users.list'))), h('div', { class: 'card-body' }, list))));
}
