// One topic's whole life (docs/animation.md §2): need (supports, sense check, opt-in poll) →
// method (working group, proposals, meetings, chosen method) → implementation (actions with
// owners, due dates, progress and outcomes; meetings) → success or abandon, and its history.
// Every control sends one API operation; the animation rules decide, and a refusal is shown
// where the user acted. Nothing reloads the page: the topic the API returns is drawn again.
import { api, ApiError, type InitiativeMember, type Topic, type TopicActor, type TopicAction, type Stage } from '../api';
import { h, clear, uid } from '../dom';
import { t, type Key } from '../i18n';
import { formatDate, formatPercent } from '../format';
import { messageBox } from '../ui';
import { actingBody, actingChooser, actingName, loadActing, type ActingState } from './acting';
import { topicProgress } from './board';

const STEPS: Array<[Stage | 'closed', Key]> = [['need', 'board.need'], ['method', 'board.method'], ['implementation', 'board.implementation'], ['closed', 'topic.closed']];

/** The API's refusal as a sentence for the person who acted. */
export function refusal(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'topic_rule') return t('topic.ruleRefused', { message: e.message });
    if (e.code === 'not_representative') return t('topic.notRepresentative');
    if (e.status === 403) return t('topic.forbidden');
    if (e.status === 0) return t('common.networkError');
    return `${t('common.error')}: ${e.message}`;
  }
  return `${t('common.error')}: ${e instanceof Error ? e.message : String(e)}`;
}

interface Ctx {
  initiative: string;
  topic: Topic;
  members: InitiativeMember[];
  acting: ActingState;
  name: (firm: string) => string;
  who: (a: TopicActor | undefined) => string;
  /** Runs an operation; on success redraws, on refusal writes the reason into `err`. */
  op: (name: string, body: Record<string, unknown>, err: HTMLElement, done: string) => Promise<void>;
}

const field = (label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
const errorLine = () => h('p', { class: 'form-error', role: 'alert' });
const names = (ctx: Ctx, firms: Array<string | { firm: string }> | undefined) =>
  (firms ?? []).map((f) => ctx.name(typeof f === 'string' ? f : f.firm)).join(', ');

/** The firm a firm-only operation acts for: the acting firm, or for an animator acting as
 *  such, the firm picked in a select shown next to the button. */
function firmFor(ctx: Ctx, choices: InitiativeMember[], label: string, id: string): { control: HTMLElement | null; value: () => number | undefined } {
  if (ctx.acting.firm !== null) return { control: null, value: () => ctx.acting.firm ?? undefined };
  const sel = h('select', { id }, choices.map((m) => h('option', { value: String(m.id) }, m.name)));
  return { control: h('span', { class: 'firm-pick' }, h('label', { for: sel.id, class: 'sr-only' }, label), sel), value: () => (sel.value ? Number(sel.value) : undefined) };
}

function button(label: string, onclick: () => void, cls = 'small-button', attrs: Record<string, unknown> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: cls, onclick, ...attrs }, label);
}

function stepper(topic: Topic): HTMLElement {
  const closed = topic.status && topic.status !== 'active';
  const current = closed ? 'closed' : topic.stage;
  const at = STEPS.findIndex(([s]) => s === current);
  return h('ol', { class: 'stepper', 'aria-label': t('topic.stages') }, STEPS.map(([s, label], i) =>
    h('li', { class: i < at ? 'done' : i === at ? 'current' : '', 'aria-current': i === at ? 'step' : undefined },
      s === 'closed' && closed ? t(topic.status === 'succeeded' ? 'board.succeeded' : 'topic.abandoned') : t(label))));
}

function header(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const active = !topic.status || topic.status === 'active';
  const titleBox = h('div', { class: 'topic-title' }, h('h2', { id: 'topic-title' }, topic.title));
  const err = errorLine();
  if (active) {
    const edit = button(t('topic.rename'), () => {
      const input = h('input', { id: 'topic-title-input', value: topic.title, maxlength: 200, required: true });
      clear(titleBox);
      titleBox.append(h('form', { class: 'inline rename', onsubmit: (e: Event) => {
        e.preventDefault();
        if (!input.value.trim()) { err.textContent = t('board.titleMissing'); input.focus(); return; }
        void ctx.op('title', { title: input.value.trim() }, err, t('topic.renamed'));
      } }, h('label', { for: input.id, class: 'sr-only' }, t('topic.titleLabel')), input,
      h('button', { type: 'submit', class: 'primary small-button' }, t('common.save'))));
      input.focus();
    }, 'link', { id: 'topic-rename' });
    titleBox.append(edit);
  }
  const lead = active ? button(t('topic.takeLead', { who: actingName(ctx.acting) }), () => void ctx.op('leader', {}, err, t('topic.leaderChanged')), 'small-button', { id: 'take-lead' }) : null;
  return h('div', { class: 'topic-head' }, titleBox, stepper(topic),
    h('p', { class: 'muted small' }, [t('board.initiatedBy', { who: ctx.who(topic.initiator) }), t('board.ledBy', { who: ctx.who(topic.leader ?? topic.leaders?.[topic.leaders.length - 1]?.leader) }),
      topic.created ? t('topic.openedOn', { date: formatDate(topic.created) }) : ''].filter(Boolean).join(' · ')),
    topic.description ? h('p', { class: 'topic-description' }, topic.description) : null,
    lead, err);
}

function needSection(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const open = topic.stage === 'need' && (!topic.status || topic.status === 'active');
  const err = errorLine();
  const committed = topic.poll?.commitments ?? [];
  const required = topic.required_commitments ?? 0;
  const votes = topic.sense_check ?? [];
  const body = h('div', { class: 'card-body' },
    topic.supports?.length ? h('p', null, h('strong', null, t('topic.supports', { n: topic.supports.length })), ' ', names(ctx, topic.supports)) : null,
    votes.length ? h('ul', { class: 'sense-check small' }, votes.map((v) => h('li', null, `${ctx.name(v.firm)} : ${t(`topic.vote_${v.vote}` as Key)}`, v.comment ? ` — « ${v.comment} »` : ''))) : null,
    h('p', { id: 'commitments' }, h('strong', null, t('board.commitments', { n: committed.length, required })), ' ', names(ctx, committed)));
  if (!open) return h('section', { class: 'card topic-stage', 'aria-label': t('board.need') }, h('div', { class: 'card-head' }, h('h3', null, t('board.need'))), body);

  const support = firmFor(ctx, ctx.members.filter((m) => !(topic.supports ?? []).some((s) => s.firm === String(m.id))), t('topic.firm'), 'support-firm');
  body.append(h('div', { class: 'row-actions' }, support.control, button(t('topic.support'), () => void ctx.op('support', { member_id: support.value() }, err, t('topic.supported')), 'small-button', { id: 'support' })));

  const vote = h('select', { id: uid('vote') }, (['agree', 'abstain', 'disagree'] as const).map((v) => h('option', { value: v }, t(`topic.vote_${v}` as Key))));
  const comment = h('input', { id: uid('comment'), maxlength: 500 });
  const voter = firmFor(ctx, ctx.members, t('topic.firm'), 'vote-firm');
  body.append(h('form', { class: 'row-actions sense-form', onsubmit: (e: Event) => { e.preventDefault(); void ctx.op('sense-check', { member_id: voter.value(), vote: vote.value, comment: comment.value.trim() }, err, t('topic.voted')); } },
    voter.control, field(t('topic.senseCheck'), vote), field(t('topic.comment'), comment), h('button', { type: 'submit', class: 'small-button' }, t('topic.answer'))));

  if (!topic.poll || topic.poll.open === false) {
    const closes = h('input', { id: uid('closes'), type: 'date' });
    body.append(h('form', { class: 'row-actions', onsubmit: (e: Event) => { e.preventDefault(); void ctx.op('poll', closes.value ? { closes: closes.value } : {}, err, t('board.pollOpened')); } },
      field(t('topic.pollCloses'), closes), h('button', { type: 'submit', class: 'small-button poll-open' }, t('board.openPoll'))));
  } else {
    const inPoll = new Set(committed.map((c) => c.firm));
    const commit = firmFor(ctx, ctx.members.filter((m) => !inPoll.has(String(m.id))), t('board.commitFirm'), 'commit-firm');
    const mine = ctx.acting.firm !== null && inPoll.has(String(ctx.acting.firm));
    body.append(h('div', { class: 'row-actions' },
      mine ? button(t('topic.withdraw'), () => void ctx.op('withdraw', {}, err, t('topic.withdrawn')), 'small-button', { id: 'withdraw' })
        : [commit.control, button(ctx.acting.firm === null ? t('board.recordCommitment') : t('topic.commit'), () => {
          const firm = commit.value();
          void ctx.op('commit', { member_id: firm }, err, t('board.committed', { firm: ctx.name(String(firm)) }));
        }, 'small-button commit', { id: 'commit' })],
      topic.poll.closes ? h('span', { class: 'muted small' }, t('topic.pollClosesOn', { date: formatDate(topic.poll.closes) })) : null));
  }
  const missing = required - committed.length;
  body.append(h('div', { class: 'next-stage' },
    button(t('board.moveTo', { stage: t('board.method') }), () => void ctx.op('method', {}, err, t('board.moved', { title: topic.title, stage: t('board.method') })), 'primary move', { 'data-move': 'method', id: 'to-method' }),
    missing > 0 ? h('span', { class: 'muted small' }, t('board.needCommitments', { n: missing })) : null), err);
  return h('section', { class: 'card topic-stage', 'aria-label': t('board.need') }, h('div', { class: 'card-head' }, h('h3', null, t('board.need'))), body);
}

function proposalsBlock(ctx: Ctx, err: HTMLElement, open: boolean): HTMLElement {
  const { topic } = ctx;
  const list = h('ul', { class: 'proposals' }, (topic.proposals ?? []).map((p) => h('li', { 'data-proposal': p.id },
    h('strong', null, p.title), p.text ? h('div', null, p.text) : null,
    h('div', { class: 'muted small' }, [ctx.who(p.author), p.date ? formatDate(p.date) : '', t('board.supports', { n: p.supports?.length ?? 0 }) + (p.supports?.length ? ` : ${names(ctx, p.supports)}` : '')].filter(Boolean).join(' · ')),
    open ? button(t('topic.supportProposal'), () => void ctx.op('proposal-support', { proposal_id: p.id }, err, t('topic.supported')), 'link') : null)));
  if (!open) return h('div', null, h('h4', null, t('topic.proposals')), topic.proposals?.length ? list : h('p', { class: 'muted small' }, t('topic.noProposals')));
  const title = h('input', { id: uid('proposal'), maxlength: 200, required: true });
  const text = h('textarea', { id: uid('proposal-text'), rows: 2, maxlength: 4000 });
  return h('div', null, h('h4', null, t('topic.proposals')), topic.proposals?.length ? list : h('p', { class: 'muted small' }, t('topic.noProposals')),
    h('form', { class: 'proposal-form', onsubmit: (e: Event) => { e.preventDefault(); if (!title.value.trim()) { title.focus(); return; } void ctx.op('proposals', { title: title.value.trim(), text: text.value.trim() }, err, t('topic.proposed')); } },
      field(t('topic.proposalTitle'), title), field(t('topic.proposalText'), text), h('button', { type: 'submit', class: 'small-button' }, t('topic.propose'))));
}

function chosenBlock(ctx: Ctx, err: HTMLElement, open: boolean): HTMLElement {
  const { topic } = ctx;
  if (topic.method) {
    const from = topic.proposals?.find((p) => p.id === topic.method?.proposal_id);
    return h('div', { class: 'chosen-method' }, h('h4', null, t('board.chosenMethod')),
      h('p', null, topic.method.description || from?.title || ''), h('p', { class: 'small' }, h('strong', null, `${t('board.reasons')} : `), topic.method.reasons),
      h('p', { class: 'muted small' }, [ctx.who(topic.method.decided_by), topic.method.date ? formatDate(topic.method.date) : ''].filter(Boolean).join(' · ')));
  }
  if (!open) return h('div', null);
  const proposal = h('select', { id: uid('from-proposal') }, h('option', { value: '' }, t('topic.noProposal')), (topic.proposals ?? []).map((p) => h('option', { value: String(p.id) }, p.title)));
  const desc = h('input', { id: uid('m-desc'), maxlength: 500 });
  const why = h('input', { id: uid('m-why'), maxlength: 1000, required: true });
  return h('form', { class: 'method-form', onsubmit: (e: Event) => {
    e.preventDefault();
    if (!proposal.value && !desc.value.trim()) { err.textContent = t('topic.methodMissing'); desc.focus(); return; }
    if (!why.value.trim()) { err.textContent = t('topic.reasonsMissing'); why.focus(); return; }
    void ctx.op('chosen-method', { ...(proposal.value ? { proposal_id: Number(proposal.value) } : {}), description: desc.value.trim(), reasons: why.value.trim() }, err, t('topic.methodChosen'));
  } }, h('h4', null, t('board.chosenMethod')), field(t('topic.fromProposal'), proposal), field(t('topic.methodDescription'), desc), field(t('board.reasons'), why),
  h('button', { type: 'submit', class: 'small-button', id: 'choose-method' }, t('topic.chooseMethod')));
}

function methodSection(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const active = !topic.status || topic.status === 'active';
  const open = active && topic.stage === 'method';
  const err = errorLine();
  const group = topic.working_group ?? [];
  const body = h('div', { class: 'card-body' },
    h('p', { id: 'working-group' }, h('strong', null, t('topic.workingGroup', { n: group.length })), ' ', names(ctx, group)));
  if (active && ctx.acting.firm !== null && !group.includes(String(ctx.acting.firm)))
    body.append(button(t('topic.join'), () => void ctx.op('join', {}, err, t('topic.joined')), 'small-button', { id: 'join' }));
  body.append(proposalsBlock(ctx, err, open), chosenBlock(ctx, err, open));
  if (open) {
    body.append(h('div', { class: 'next-stage' }, button(t('board.moveTo', { stage: t('board.implementation') }), () =>
      void ctx.op('implementation', {}, err, t('board.moved', { title: topic.title, stage: t('board.implementation') })), 'primary move', { 'data-move': 'implementation', id: 'to-implementation', disabled: !topic.method }),
    topic.method ? null : h('span', { class: 'muted small' }, t('topic.chooseFirst'))));
  }
  body.append(err);
  return h('section', { class: 'card topic-stage', 'aria-label': t('board.method') }, h('div', { class: 'card-head' }, h('h3', null, t('board.method'))), body);
}

function meetingsSection(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const err = errorLine();
  const open = (!topic.status || topic.status === 'active') && topic.stage !== 'need';
  const body = h('div', { class: 'card-body' }, (topic.meetings ?? []).length
    ? h('ul', { class: 'meetings' }, (topic.meetings ?? []).map((m) => h('li', null, h('strong', null, m.title), ` — ${formatDate(m.date)}`,
      h('div', { class: 'muted small' }, t('topic.attendees'), ' : ', names(ctx, m.attendees)), m.minutes ? h('p', { class: 'minutes' }, m.minutes) : null)))
    : h('p', { class: 'muted small' }, t('topic.noMeetings')));
  if (open) {
    const title = h('input', { id: uid('meeting'), maxlength: 200, required: true });
    const minutes = h('textarea', { id: uid('minutes'), rows: 3, maxlength: 4000 });
    const group = new Set(topic.working_group ?? []);
    const boxes = ctx.members.map((m) => ({ m, box: h('input', { type: 'checkbox', id: uid('att'), value: String(m.id), checked: group.has(String(m.id)) }) }));
    const pick = (list: typeof boxes) => list.map(({ m, box }) => h('label', { class: 'check', for: box.id }, box, ' ', m.name));
    const inGroup = boxes.filter(({ m }) => group.has(String(m.id)));
    const others = boxes.filter(({ m }) => !group.has(String(m.id)));
    body.append(h('form', { class: 'meeting-form', onsubmit: (e: Event) => {
      e.preventDefault();
      if (!title.value.trim()) { title.focus(); return; }
      const attendees = boxes.filter(({ box }) => box.checked).map(({ m }) => m.id);
      void ctx.op('meetings', { title: title.value.trim(), attendees, minutes: minutes.value.trim() }, err, t('topic.meetingRecorded'));
    } }, h('h4', null, t('topic.newMeeting')), field(t('topic.meetingTitle'), title),
    h('fieldset', { class: 'attendees' }, h('legend', null, t('topic.attendees')), pick(inGroup),
      others.length ? h('details', null, h('summary', null, t('topic.otherFirms', { n: others.length })), pick(others)) : null),
    field(t('topic.minutes'), minutes), h('button', { type: 'submit', class: 'small-button' }, t('topic.recordMeeting')), err));
  }
  return h('section', { class: 'card topic-stage', 'aria-label': t('topic.meetings') }, h('div', { class: 'card-head' }, h('h3', null, t('topic.meetings'))), body);
}

const STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

function actionRow(ctx: Ctx, a: TopicAction, open: boolean, err: HTMLElement): HTMLElement {
  const status = h('select', { id: uid('status'), 'aria-label': t('topic.status') }, STATUSES.map((s) => h('option', { value: s, selected: a.status === s }, t(`topic.action_${s}` as Key))));
  const progress = h('input', { id: uid('progress'), type: 'number', min: 0, max: 100, step: 5, value: String(a.progress ?? 0), 'aria-label': t('topic.progress') });
  const outcome = h('input', { id: uid('outcome'), maxlength: 1000, value: a.outcome ?? '', 'aria-label': t('topic.outcome') });
  const overdue = a.due && a.status !== 'done' && a.status !== 'cancelled' && a.due < new Date().toISOString().slice(0, 10);
  return h('li', { class: 'action', 'data-action': a.id },
    h('div', null, h('strong', null, a.title), ' ', h('span', { class: `pill ${a.status === 'done' ? 'ok' : ''}` }, t(`topic.action_${a.status ?? 'planned'}` as Key)),
      h('div', { class: 'muted small' }, [t('topic.owner', { who: ctx.name(a.owner_firm ?? '') }), a.due ? t('topic.due', { date: formatDate(a.due) }) : '', overdue ? t('topic.overdue') : ''].filter(Boolean).join(' · '))),
    h('div', { class: 'progress', role: 'img', 'aria-label': `${t('topic.progress')} ${formatPercent((a.progress ?? 0) / 100)}` }, h('span', { style: { width: `${a.progress ?? 0}%` } })),
    a.outcome ? h('p', { class: 'small' }, h('strong', null, `${t('topic.outcome')} : `), a.outcome) : null,
    open ? h('form', { class: 'action-form row-actions', onsubmit: (e: Event) => {
      e.preventDefault();
      if (status.value === 'done' && !outcome.value.trim()) { err.textContent = t('topic.outcomeMissing'); outcome.focus(); return; }
      void ctx.op('action-update', { action_id: a.id, status: status.value, progress: Number(progress.value) || 0, outcome: outcome.value.trim() }, err, t('topic.actionUpdated'));
    } }, status, progress, outcome, h('button', { type: 'submit', class: 'small-button' }, t('common.save'))) : null);
}

function implementationSection(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const err = errorLine();
  const open = (!topic.status || topic.status === 'active') && topic.stage === 'implementation';
  const progress = topicProgress(topic);
  const body = h('div', { class: 'card-body' },
    progress !== null ? h('p', null, h('strong', null, t('topic.overall')), ' ', formatPercent(progress)) : null,
    (topic.actions ?? []).length ? h('ul', { class: 'actions' }, (topic.actions ?? []).map((a) => actionRow(ctx, a, open, err))) : h('p', { class: 'muted small' }, t('topic.noActions')));
  if (open) {
    const title = h('input', { id: uid('action'), maxlength: 200, required: true });
    const group = new Set(topic.working_group ?? []);
    const owner = h('select', { id: uid('owner') }, ctx.members.filter((m) => group.has(String(m.id))).map((m) => h('option', { value: String(m.id) }, m.name)));
    const due = h('input', { id: uid('due'), type: 'date', required: true });
    body.append(h('form', { class: 'new-action', onsubmit: (e: Event) => {
      e.preventDefault();
      if (!title.value.trim()) { title.focus(); return; }
      if (!due.value) { err.textContent = t('topic.dueMissing'); due.focus(); return; }
      void ctx.op('actions', { title: title.value.trim(), owner_id: Number(owner.value), due: due.value }, err, t('topic.actionAdded'));
    } }, h('h4', null, t('topic.newAction')), h('div', { class: 'form-grid' }, field(t('topic.actionTitle'), title), field(t('topic.ownerFirm'), owner), field(t('topic.dueDate'), due)),
    h('button', { type: 'submit', class: 'small-button' }, t('topic.addAction'))));
    const summary = h('textarea', { id: uid('summary'), rows: 2, maxlength: 4000, required: true });
    body.append(h('form', { class: 'success-form', onsubmit: (e: Event) => {
      e.preventDefault();
      if (!summary.value.trim()) { err.textContent = t('topic.summaryMissing'); summary.focus(); return; }
      void ctx.op('success', { summary: summary.value.trim() }, err, t('topic.succeededNow'));
    } }, h('h4', null, t('topic.closeSuccess')), field(t('topic.summary'), summary), h('button', { type: 'submit', class: 'primary', id: 'close-success' }, t('topic.closeSuccess'))));
  }
  body.append(err);
  return h('section', { class: 'card topic-stage', 'aria-label': t('board.implementation') }, h('div', { class: 'card-head' }, h('h3', null, t('board.implementation'))), body);
}

function abandonSection(ctx: Ctx): HTMLElement | null {
  if (ctx.topic.status && ctx.topic.status !== 'active') return null;
  const err = errorLine();
  const reason = h('textarea', { id: uid('reason'), rows: 2, maxlength: 4000, required: true });
  return h('details', { class: 'card abandon' }, h('summary', null, t('topic.abandon')),
    h('form', { class: 'card-body', onsubmit: (e: Event) => {
      e.preventDefault();
      if (!reason.value.trim()) { err.textContent = t('topic.reasonMissing'); reason.focus(); return; }
      void ctx.op('abandon', { reason: reason.value.trim() }, err, t('topic.abandonedNow'));
    } }, field(t('topic.abandonReason'), reason), h('button', { type: 'submit', class: 'danger small-button' }, t('topic.abandon')), err));
}

/** Stage changes, leader changes, the chosen method and the outcome, by date. */
function historySection(ctx: Ctx): HTMLElement {
  const { topic } = ctx;
  const events: Array<[string, string]> = [];
  for (const c of topic.history ?? []) {
    events.push([c.date, c.from ? t('topic.histStage', { from: t(`board.${c.from}` as Key), to: t(`board.${c.to}` as Key), who: ctx.who(c.by) }) : t('topic.histOpened', { who: ctx.who(c.by) })
      + (c.note && c.note !== 'opened' ? ` — ${c.note}` : '')]);
  }
  for (const l of (topic.leaders ?? []).slice(1)) events.push([l.date ?? '', t('topic.histLeader', { who: ctx.who(l.leader) })]);
  for (const p of topic.proposals ?? []) events.push([p.date ?? '', t('topic.histProposal', { title: p.title, who: ctx.who(p.author) })]);
  for (const m of topic.meetings ?? []) events.push([m.date, t('topic.histMeeting', { title: m.title, n: m.attendees?.length ?? 0 })]);
  for (const a of topic.actions ?? []) if (a.status === 'done' && a.updated) events.push([a.updated, t('topic.histActionDone', { title: a.title, who: ctx.name(a.owner_firm ?? '') })]);
  if (topic.method?.date) events.push([topic.method.date, t('topic.histMethod', { who: ctx.who(topic.method.decided_by) })]);
  if (topic.outcome) events.push([topic.outcome.date ?? '', `${t(topic.outcome.status === 'succeeded' ? 'board.succeeded' : 'topic.abandoned')} (${ctx.who(topic.outcome.by)}) : ${topic.outcome.reason}`]);
  events.sort((a, b) => a[0].localeCompare(b[0]));
  return h('section', { class: 'card', 'aria-label': t('topic.history') }, h('div', { class: 'card-head' }, h('h3', null, t('topic.history'))),
    h('ol', { class: 'card-body history', id: 'topic-history' }, events.map(([d, text]) => h('li', null, h('time', { datetime: d }, d ? formatDate(d) : ''), ' ', text))));
}

export async function renderTopic(container: HTMLElement, initiative: string, topicId: string): Promise<void> {
  const [topic, members, acting] = await Promise.all([api.topic(initiative, topicId), api.members(initiative).catch(() => [] as InitiativeMember[]), loadActing(initiative)]);
  const status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const view = h('div', { class: 'topic-page', 'data-topic': topic.id });
  const name = (firm: string) => members.find((m) => String(m.id) === firm)?.name ?? firm;
  const ctx: Ctx = {
    initiative, topic, members, acting, name,
    who: (a) => (a === undefined ? '' : typeof a === 'string' ? a : a.kind === 'animator' ? t('board.animator') : name(a.id)),
    op: async (op, body, err, done) => {
      err.textContent = '';
      try {
        ctx.topic = await api.topicOp(initiative, topicId, op, { ...actingBody(acting), ...body });
        draw();
        status.textContent = done;
      } catch (e) {
        err.textContent = refusal(e);
      }
    },
  };
  function draw() {
    const focused = document.activeElement?.id;
    clear(view);
    const { topic: tp } = ctx;
    view.append(h('p', null, h('a', { href: `#/initiatives/${initiative}/topics` }, `← ${t('topic.back')}`)),
      actingChooser(acting, draw), header(ctx), needSection(ctx));
    if (tp.stage !== 'need' || tp.working_group?.length) view.append(methodSection(ctx));
    if (tp.stage !== 'need') view.append(meetingsSection(ctx));
    if (tp.stage === 'implementation') view.append(implementationSection(ctx));
    if (tp.outcome) view.append(h('div', { class: `notice ${tp.outcome.status === 'succeeded' ? 'ok' : ''}`, id: 'topic-outcome' },
      h('strong', null, t(tp.outcome.status === 'succeeded' ? 'board.succeeded' : 'topic.abandoned')), ' — ', tp.outcome.reason));
    view.append(abandonSection(ctx) ?? '', historySection(ctx));
    if (focused) document.getElementById(focused)?.focus();
  }
  try { draw(); } catch (e) { container.append(messageBox(e)); return; }
  container.append(status, view);
}
