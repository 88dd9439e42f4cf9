// API calls of the contacts, e-mail, account and user pages (src/server/routes_contacts.cpp,
// routes_accounts.cpp; docs/api.md "Contacts, accounts by link and e-mail").
import { ApiError, items, request, type Initiative, type InitiativeRole, type User } from './api';
import { t, type Key } from './i18n';

export type AccountState = 'none' | 'invited' | 'active' | 'disabled';
export interface Contact {
  id: number; member_id: number; firm: string; siret: string; name: string; email: string; role: string; language: string;
  account: { state: AccountState; user_id?: number; link_expires_at?: string };
}
export interface MailMessage { kind: string; to: string; to_name: string; language: string; subject: string; body: string }
export interface Delivery { id: number; status: 'sent' | 'outbox' | 'failed'; error: string; to: string; kind: string }
export interface Mailing {
  kind: string; recipients: number; without_email: Array<{ firm: string; name: string }>; already_responded: number; relay: boolean;
  messages?: MailMessage[]; sent?: number; outbox?: number; failed?: number;
}
export interface MailLogEntry extends MailMessage { id: number; status: Delivery['status']; error: string; created_at: string; sent_at: string }
export interface ContactFields { name: string; email: string; role: string; language: string }
export type ManagedUser = User & { id: number; disabled: boolean; must_change_password: boolean };

export const contactsApi = {
  contacts: (initiative: number | string) => items<Contact>(`/initiatives/${initiative}/representatives`),
  addFirm: (initiative: number | string, body: { siret: string; name?: string; commune?: string }) => request<{ id: number }>('POST', `/initiatives/${initiative}/members`, body),
  removeFirm: (initiative: number | string, member: number) => request<unknown>('DELETE', `/initiatives/${initiative}/members/${member}`),
  addContact: (initiative: number | string, member: number, body: ContactFields) => request<Contact>('POST', `/initiatives/${initiative}/members/${member}/representatives`, body),
  updateContact: (id: number, body: ContactFields) => request<Contact>('PATCH', `/representatives/${id}`, body),
  removeContact: (id: number) => request<unknown>('DELETE', `/representatives/${id}`),
  previewAccount: (id: number) => request<{ message: MailMessage; relay: boolean }>('POST', `/representatives/${id}/account`, { preview: true }),
  inviteAccount: (id: number) => request<{ user: User; mail: Delivery }>('POST', `/representatives/${id}/account`, {}),
  mailing: (survey: number, kind: 'invitation' | 'reminder', preview: boolean) => request<Mailing>('POST', `/surveys/${survey}/mailings`, { kind, preview }),
  mailLog: (initiative: number | string) => request<{ items: MailLogEntry[]; total: number; relay: boolean }>('GET', `/mail?initiative=${initiative}&limit=100`),

  changePassword: (current: string, password: string) => request<unknown>('PUT', '/session/password', { current, password }),
  inspectLink: (token: string) => request<{ purpose: string; email: string; name: string; expires_at: string }>('GET', `/account-links/${encodeURIComponent(token)}`),
  redeemLink: (token: string, password: string) => request<{ email: string; role: string }>('POST', `/account-links/${encodeURIComponent(token)}`, { password }),
  requestReset: (email: string) => request<unknown>('POST', '/password-reset', { email }),
  users: () => items<ManagedUser>('/users'),
  createUser: (body: { email: string; name: string; role: string }) => request<ManagedUser & { one_time_password?: string }>('POST', '/users', body),
  inviteUser: (body: { email: string; name: string; role: string }) => request<{ user: ManagedUser; mail: Delivery }>('POST', '/users/invitations', body),
  updateUser: (id: number, body: { role?: string; disabled?: boolean; initiative_roles?: InitiativeRole[] }) => request<ManagedUser>('PATCH', `/users/${id}`, body),
  deleteUser: (id: number) => request<unknown>('DELETE', `/users/${id}`),
};

/** Creates an initiative. A second launch from the same candidate gets 409 with the existing
 *  initiative: the user launches another anyway (OK) or opens the existing one (Cancel). */
export async function createInitiativeChecked(body: { name: string; trade?: string; candidate_index?: number }): Promise<Initiative & { existing?: boolean }> {
  try {
    return await request<Initiative>('POST', '/initiatives', body);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'candidate_taken') throw e;
    const existing = e.details.existing as Initiative;
    if (confirm(t('contacts.candidateTaken', { name: existing.name }))) return request<Initiative>('POST', '/initiatives', { ...body, force: true });
    return { ...existing, existing: true };
  }
}

/** Server error codes people can act on, in their language; other errors keep the server's text. */
const KNOWN = new Set(['weak_password', 'bad_credentials', 'same_password', 'link_expired', 'link_used', 'last_admin', 'email_taken',
  'no_email', 'invalid_email', 'already_member', 'unknown_siret', 'invalid_siret', 'survey_not_open', 'too_many_attempts', 'missing_field']);
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('common.networkError');
    if (KNOWN.has(e.code)) return t(`err.${e.code}` as Key);
    return `${t('common.error')} ${e.status}: ${e.message}`;
  }
  return `${t('common.error')}: ${e instanceof Error ? e.message : String(e)}`;
}
