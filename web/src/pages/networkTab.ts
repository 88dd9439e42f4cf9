// The network tab: the cooperation network and the referrals.
import { api, type InitiativeMember, type Referral, type NetworkGraph } from '../api';
import { h, clear } from '../dom';
import { t } from '../i18n';
import { formatDate } from '../format';
import { networkGraph } from '../charts/graphs';
import { section, empty } from '../ui';
import { firmNamer } from './workspaceShared';
import { loadActing, type ActingState } from './acting';
import { refusal } from './topic';

export async function networkTab(id: string): Promise<HTMLElement[]> {
  const name = await firmNamer(id);
  return Promise.all([
    section(t('ws.network'), () => api.network(id), (graph: NetworkGraph, b) => {
      // Firms without a tie yet would crowd the drawing's edges: they are listed below it.
      const tied = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
      const isolated = graph.nodes.filter((n) => !tied.has(n.id));
      if (!graph.edges.length) b.append(empty(t('ws.noNetwork')));
      else b.append(networkGraph(graph.nodes.filter((n) => tied.has(n.id)).map((n) => ({ id: n.id, label: n.name, group: n.core })), graph.edges, t('ws.network')));
      if (isolated.length && graph.edges.length) b.append(h('p', { class: 'muted small' }, t('ws.isolated', { n: isolated.length }), ' ', isolated.map((n) => n.name).join(', ')));
      b.append(h('p', { class: 'muted small' }, t('ws.networkHelp')));
    }),
    section(t('ws.referrals'), async () => ({ refs: await api.referrals(id), acting: await loadActing(id), members: await api.members(id).catch(() => [] as InitiativeMember[]) }),
      ({ refs, acting, members }: { refs: Referral[]; acting: ActingState; members: InitiativeMember[] }, b) => referrals(b, id, refs, acting, members, name)),
  ]);
}


/** The referrals table and the form where a member (or the animator for a member) records
 *  "I brought firm X", optionally naming the member firm it became. Redrawn in place. */
function referrals(b: HTMLElement, id: string, refs: Referral[], acting: ActingState, members: InitiativeMember[], name: (f: string) => string): void {
  const list = h('div', { id: 'referrals' });
  const drawList = () => {
    clear(list);
    if (!refs.length) { list.append(empty(t('ws.noReferrals'))); return; }
    list.append(h('table', { class: 'data' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('ws.referrer')), h('th', { scope: 'col' }, t('ws.referred')), h('th', { scope: 'col' }, t('ws.date')))),
      h('tbody', null, refs.map((r) => h('tr', null, h('td', null, name(r.from)), h('td', null, r.joined_as ? name(r.joined_as) : r.to, r.joined_as ? h('span', { class: 'pill ok' }, t('ws.joined')) : null), h('td', null, formatDate(r.date)))))));
  };
  drawList();
  const referrer = h('select', { id: 'referrer' }, members.filter((m) => acting.animator || acting.firms.some((f) => f.id === m.id))
    .map((m) => h('option', { value: String(m.id), selected: m.id === acting.firm }, m.name)));
  const referred = h('input', { id: 'referred', maxlength: 200, required: true, placeholder: t('ws.referredPlaceholder') });
  const joined = h('select', { id: 'referred-member' }, h('option', { value: '' }, t('ws.notMemberYet')), members.map((m) => h('option', { value: String(m.id) }, m.name)));
  const err = h('p', { class: 'form-error', role: 'alert' });
  const done = h('p', { class: 'sr-only', role: 'status' });
  const field = (label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  b.append(list, h('form', { class: 'referral-form', onsubmit: async (e: Event) => {
    e.preventDefault();
    const joinedAs = joined.value ? Number(joined.value) : undefined;
    const text = referred.value.trim() || (joinedAs ? name(joined.value) : '');
    if (!text) { err.textContent = t('ws.referredMissing'); referred.focus(); return; }
    try {
      await api.addReferral(id, { referrer_id: Number(referrer.value), referred: text, ...(joinedAs ? { joined_member_id: joinedAs } : {}) });
      refs = await api.referrals(id);
      drawList();
      referred.value = '';
      err.textContent = '';
      done.textContent = t('ws.referralRecorded');
    } catch (ex) { err.textContent = refusal(ex); }
  } }, h('h3', null, t('ws.newReferral')), h('div', { class: 'form-grid' }, field(t('ws.referrer'), referrer), field(t('ws.referred'), referred), field(t('ws.referredMember'), joined)),
  h('button', { type: 'submit', class: 'small-button', id: 'add-referral' }, t('ws.recordReferral')), err, done));
}
