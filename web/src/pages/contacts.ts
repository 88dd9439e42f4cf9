// The Members tab's contacts: firms and their representatives (add, edit, remove), member
// accounts invited by e-mail link with a preview, survey invitations and reminders by e-mail
// with a preview, and the send log (the outbox when the server has no SMTP relay). Every
// action redraws its card in place: no page reload.
import '../contacts.css';
import { api, type Initiative, type Survey } from '../api';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { formatDate, formatNumber } from '../format';
import { empty, messageBox } from '../ui';
import { contactsApi, type Contact, type ContactFields, type MailMessage, type Mailing } from '../contactsApi';
import { busy, errorLine, field, input, select } from '../forms';

const LANGUAGES: Array<[string, string]> = [['fr', 'Français'], ['en', 'English']];

function contactForm(initial: Partial<ContactFields>, submitLabel: string, onSubmit: (f: ContactFields) => Promise<void>, onCancel: () => void): HTMLFormElement {
  const name = input({ name: 'name', value: initial.name ?? '', required: true, autocomplete: 'off', maxlength: 200 });
  const email = input({ name: 'email', type: 'email', value: initial.email ?? '', autocomplete: 'off', maxlength: 254 });
  const role = input({ name: 'role', value: initial.role ?? '', autocomplete: 'off', maxlength: 200 });
  const language = select(LANGUAGES, initial.language ?? 'fr', { name: 'language' });
  const error = errorLine();
  const submit = h('button', { type: 'submit', class: 'primary small-button' }, submitLabel);
  return h('form', { class: 'contact-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!name.value.trim()) { error.text(t('contacts.nameRequired')); name.focus(); return; }
    await busy(submit, error, () => onSubmit({ name: name.value.trim(), email: email.value.trim(), role: role.value.trim(), language: language.value }));
  } },
  h('div', { class: 'form-row' }, field(t('contacts.name'), name), field(t('contacts.email'), email), field(t('contacts.role'), role), field(t('contacts.language'), language)),
  error.el, h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'small-button', onclick: onCancel }, t('contacts.cancel'))));
}

/** A message as the recipient will read it. */
export function messagePreview(m: MailMessage): HTMLElement {
  return h('div', { class: 'mail-preview' },
    h('p', { class: 'small' }, h('strong', null, `${t('contacts.to')} `), m.to_name ? `${m.to_name} <${m.to}>` : m.to),
    h('p', { class: 'small' }, h('strong', null, `${t('contacts.subject')} `), m.subject),
    h('pre', { class: 'mail-body' }, m.body));
}

const deliveryText = (status: string, relay?: boolean) =>
  status === 'sent' ? t('contacts.sent') : status === 'failed' ? t('contacts.failed') : relay === false ? t('contacts.inOutboxNoRelay') : t('contacts.inOutbox');

/** The member-account invitation of one representative: preview first, then send. */
function invitePanel(c: Contact, done: () => void): HTMLElement {
  const panel = h('div', { class: 'invite-panel', role: 'region', 'aria-label': t('contacts.inviteAccount') }, h('p', { class: 'muted small' }, t('common.loading')));
  void (async () => {
    const error = errorLine();
    try {
      const preview = await contactsApi.previewAccount(c.id);
      const send = h('button', { type: 'button', class: 'primary small-button send-invite', onclick: () => void busy(send, error, async () => {
        const r = await contactsApi.inviteAccount(c.id);
        clear(panel);
        panel.append(h('p', { class: `notice ${r.mail.status === 'failed' ? 'error' : 'ok'}`, role: 'status' }, deliveryText(r.mail.status, preview.relay)));
        done();
      }) }, t('contacts.sendInvitation'));
      clear(panel);
      panel.append(h('p', { class: 'muted small' }, t('contacts.inviteHelp')), messagePreview(preview.message), error.el,
        h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'small-button', onclick: () => panel.remove() }, t('contacts.cancel'))));
    } catch (e) {
      clear(panel);
      error.show(e);
      panel.append(error.el);
    }
  })();
  return panel;
}

function contactRow(c: Contact, redraw: () => void): HTMLElement {
  const li = h('li', { class: 'contact', 'data-rep': c.id });
  const error = errorLine();
  const view = () => {
    clear(li);
    const remove = h('button', { type: 'button', class: 'link danger', onclick: () => {
      if (!confirm(t('contacts.confirmRemoveContact', { name: c.name }))) return;
      void busy(remove, error, async () => { await contactsApi.removeContact(c.id); redraw(); });
    } }, t('contacts.remove'));
    const account = c.account.state;
    li.append(
      h('div', { class: 'contact-line' }, h('span', { class: 'contact-name' }, c.name), c.role ? h('span', { class: 'muted' }, ` · ${c.role}`) : null,
        h('span', { class: 'pill', lang: c.language, title: t('contacts.language') }, c.language.toUpperCase()),
        account !== 'none' ? h('span', { class: `pill account-${account}` }, t(`contacts.account_${account}` as Key)) : null),
      c.email ? h('div', { class: 'small' }, h('a', { href: `mailto:${c.email}`, class: 'contact-email' }, c.email)) : h('div', { class: 'muted small' }, t('contacts.noEmail')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'link edit-contact', onclick: edit }, t('contacts.edit')),
        c.email && account !== 'active' ? h('button', { type: 'button', class: 'link invite-account', onclick: () => li.append(invitePanel(c, redraw)) },
          account === 'invited' ? t('contacts.reinvite') : t('contacts.inviteAccount')) : null,
        remove),
      error.el);
  };
  const edit = () => {
    clear(li);
    li.append(contactForm(c, t('contacts.save'), async (f) => { await contactsApi.updateContact(c.id, f); redraw(); }, view));
    li.querySelector('input')?.focus();
  };
  view();
  return li;
}

function firmItem(ini: number, m: { id: number; name: string; siret: string; commune?: string }, contacts: Contact[], redraw: () => void): HTMLElement {
  const error = errorLine();
  const list = h('ul', { class: 'contact-list' }, contacts.map((c) => contactRow(c, redraw)));
  const addBox = h('div', { class: 'add-contact-box' });
  const add = h('button', { type: 'button', class: 'link add-contact', onclick: () => {
    add.hidden = true;
    addBox.append(contactForm({}, t('contacts.add'), async (f) => { await contactsApi.addContact(ini, m.id, f); redraw(); }, () => { clear(addBox); add.hidden = false; }));
    addBox.querySelector('input')?.focus();
  } }, `+ ${t('contacts.addContact')}`);
  const remove = h('button', { type: 'button', class: 'link danger', onclick: () => {
    if (!confirm(t('contacts.confirmRemoveFirm', { name: m.name }))) return;
    void busy(remove, error, async () => { await contactsApi.removeFirm(ini, m.id); redraw(); });
  } }, t('contacts.removeFirm'));
  return h('li', { class: 'firm', 'data-member': m.id },
    h('div', { class: 'firm-head' }, h('div', null, h('strong', { class: 'firm-name' }, m.name), h('div', { class: 'muted small' }, h('span', { class: 'mono' }, m.siret), m.commune ? ` · ${m.commune}` : '')), remove),
    contacts.length ? list : h('p', { class: 'muted small no-contact' }, t('contacts.noContact')), addBox, add, error.el);
}

function addFirmForm(ini: number, done: () => void, cancel: () => void): HTMLFormElement {
  const siret = input({ name: 'siret', inputmode: 'numeric', autocomplete: 'off', required: true, maxlength: 20 });
  const name = input({ name: 'firm-name', autocomplete: 'off', maxlength: 200 });
  const commune = input({ name: 'commune', autocomplete: 'off', maxlength: 200 });
  const error = errorLine();
  const submit = h('button', { type: 'submit', class: 'primary small-button' }, t('contacts.addFirm'));
  return h('form', { class: 'firm-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    if (siret.value.replace(/\s/g, '').length !== 14) { error.text(t('err.invalid_siret')); siret.focus(); return; }
    await busy(submit, error, async () => {
      await contactsApi.addFirm(ini, { siret: siret.value.replace(/\s/g, ''), name: name.value.trim() || undefined, commune: commune.value.trim() || undefined });
      done();
    });
  } },
  h('div', { class: 'form-row' }, field('SIRET', siret, t('contacts.siretHint')), field(t('contacts.firmName'), name), field(t('contacts.commune'), commune)),
  error.el, h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'small-button', onclick: cancel }, t('contacts.cancel'))));
}

/** The firms and contacts card of the Members tab. */
export async function contactsCard(ini: Initiative): Promise<HTMLElement> {
  const body = h('div', { class: 'card-body' });
  const count = h('span', { class: 'muted' });
  const filter = input({ type: 'search', name: 'filter', placeholder: t('contacts.filter'), 'aria-label': t('contacts.filter') });
  const formBox = h('div');
  const addFirm = h('button', { type: 'button', class: 'small-button', id: 'add-firm', onclick: () => {
    clear(formBox);
    formBox.append(addFirmForm(ini.id, () => { clear(formBox); void redraw(); }, () => clear(formBox)));
    formBox.querySelector('input')?.focus();
  } }, `+ ${t('contacts.addFirm')}`);
  const list = h('ul', { class: 'firm-list', id: 'contacts' });
  const applyFilter = () => {
    const q = filter.value.trim().toLowerCase();
    for (const li of Array.from(list.children) as HTMLElement[]) li.hidden = !!q && !(li.textContent ?? '').toLowerCase().includes(q);
  };
  filter.addEventListener('input', applyFilter);
  const redraw = async () => {
    try {
      const [members, contacts] = await Promise.all([api.members(ini.id), contactsApi.contacts(ini.id)]);
      count.textContent = formatNumber(members.length);
      clear(list);
      list.append(...members.map((m) => firmItem(ini.id, m, contacts.filter((c) => c.member_id === m.id), () => void redraw())));
      if (!members.length) list.append(h('li', null, empty(t('ws.noMembers'))));
      applyFilter();
    } catch (e) {
      clear(list);
      list.append(h('li', null, messageBox(e)));
    }
  };
  body.append(h('p', { class: 'muted small' }, t('contacts.intro')), h('div', { class: 'toolbar' }, filter, addFirm), formBox, list);
  await redraw();
  return h('section', { class: 'card contacts-card', 'aria-label': t('contacts.title') },
    h('div', { class: 'card-head' }, h('h2', null, t('contacts.title')), count), body);
}

function mailingSummary(m: Mailing): HTMLElement {
  return h('div', { class: 'mailing-summary' },
    h('p', null, t('contacts.recipients', { n: m.recipients }), m.kind === 'reminder' && m.already_responded ? ` ${t('contacts.alreadyResponded', { n: m.already_responded })}` : ''),
    m.without_email.length ? h('details', { class: 'small' }, h('summary', null, t('contacts.withoutEmail', { n: m.without_email.length })),
      h('ul', null, m.without_email.map((w) => h('li', null, w.firm, w.name ? ` (${w.name})` : '')))) : null,
    !m.relay ? h('p', { class: 'muted small' }, t('contacts.noRelay')) : null);
}

/** Survey invitations and reminders by e-mail: preview, then send; the mail-merge export stays beside it. */
export function mailingPanel(survey: Survey, onSent: () => void): HTMLElement {
  const box = h('div', { class: 'mailing', id: 'mailing' });
  const error = errorLine();
  const start = (kind: 'invitation' | 'reminder') => async () => {
    clear(box);
    box.append(h('p', { class: 'muted small' }, t('common.loading')));
    try {
      const preview = await contactsApi.mailing(survey.id, kind, true);
      const send = h('button', { type: 'button', class: 'primary small-button', id: 'mailing-send', disabled: preview.recipients ? undefined : true, onclick: () => void busy(send, error, async () => {
        const r = await contactsApi.mailing(survey.id, kind, false);
        clear(box);
        box.append(h('p', { class: `notice ${r.failed ? 'error' : 'ok'}`, role: 'status' },
          t('contacts.mailingDone', { sent: r.sent ?? 0, outbox: r.outbox ?? 0, failed: r.failed ?? 0 })), buttons());
        onSent();
      }) }, t(kind === 'reminder' ? 'contacts.sendReminders' : 'contacts.sendInvitations', { n: preview.recipients }));
      clear(box);
      box.append(mailingSummary(preview), ...(preview.messages?.[0] ? [messagePreview(preview.messages[0])] : []), error.el,
        h('div', { class: 'actions' }, send, h('button', { type: 'button', class: 'small-button', onclick: () => { clear(box); box.append(buttons()); } }, t('contacts.cancel'))));
    } catch (e) {
      clear(box);
      error.show(e);
      box.append(error.el, buttons());
    }
  };
  const buttons = () => h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'small-button', id: 'mail-invitations', onclick: start('invitation') }, t('contacts.emailInvitations')),
    h('button', { type: 'button', class: 'small-button', id: 'mail-reminders', onclick: start('reminder') }, t('contacts.emailReminders')));
  box.append(buttons());
  return box;
}

/** The send log of the initiative; without an SMTP relay it is the outbox to send from. */
export async function mailLogCard(initiative: number | string): Promise<HTMLElement> {
  const body = h('div', { class: 'card-body' });
  const card = h('section', { class: 'card mail-log', 'aria-label': t('contacts.mailLog') }, h('div', { class: 'card-head' }, h('h2', null, t('contacts.mailLog'))), body);
  const redraw = async () => {
    clear(body);
    try {
      const log = await contactsApi.mailLog(initiative);
      body.append(h('p', { class: 'muted small' }, log.relay ? t('contacts.relayOn') : t('contacts.relayOff')));
      if (!log.items.length) { body.append(empty(t('contacts.noMail'))); return; }
      body.append(h('ul', { class: 'mail-list' }, log.items.map((m) => h('li', null, h('details', null,
        h('summary', null, h('span', { class: `pill mail-${m.status}` }, deliveryText(m.status)), ' ', h('strong', null, m.to_name || m.to), ' · ', m.subject,
          h('span', { class: 'muted small' }, ` · ${formatDate(m.created_at)}`)),
        m.error ? h('p', { class: 'notice error small' }, m.error) : null, messagePreview(m))))));
    } catch (e) {
      body.append(messageBox(e));
    }
  };
  await redraw();
  (card as HTMLElement & { refresh?: () => Promise<void> }).refresh = redraw;
  return card;
}
