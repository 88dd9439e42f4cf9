// The topic board: three columns (need → method → implementation), Decidim/Loomio style. Each
// card opens the topic's own page (topic.ts), where its whole life is carried out.
import { api, ApiError, type InitiativeMember, type Stage, type Topic, type TopicActor } from '../api';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { formatDate, formatPercent } from '../format';
import { notAvailable, messageBox } from '../ui';
import { actingBody, actingChooser, loadActing, type ActingState } from './acting';
import { refusal } from './topic';

export const STAGES: Stage[] = ['need', 'method', 'implementation'];
const STAGE_KEY: Record<Stage, Key> = { need: 'board.need', method: 'board.method', implementation: 'board.implementation' };
const STAGE_HELP: Record<Stage, Key> = { need: 'board.needHelp', method: 'board.methodHelp', implementation: 'board.implementationHelp' };

/** Mean progress of actions not cancelled, in [0, 1] (done counts as 100 %), as the animation module defines it. */
export function topicProgress(topic: Topic): number | null {
  const live = (topic.actions ?? []).filter((a) => a.status !== 'cancelled');
  if (!live.length) return null;
  return live.reduce((s, a) => s + (a.status === 'done' ? 100 : a.progress ?? 0), 0) / live.length / 100;
}

function count(label: Key, n: number | undefined): HTMLElement | null {
  return n ? h('span', { class: 'pill' }, t(label, { n })) : null;
}

export async function renderBoard(container: HTMLElement, initiativeId: string): Promise<void> {
  const status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const board = h('div', { class: 'board', id: 'board' });
  let topics: Topic[];
  let members: InitiativeMember[] = [];
  let acting: ActingState;
  try {
    [topics, members, acting] = await Promise.all([api.topics(initiativeId), api.members(initiativeId).catch(() => []), loadActing(initiativeId)]);
  } catch (e) {
    container.append(e instanceof ApiError && e.notAvailable ? notAvailable(t('ws.tabTopics')) : messageBox(e));
    return;
  }
  const firmName = (id: string) => members.find((m) => String(m.id) === id || m.siret === id)?.name ?? id;
  const who = (a: TopicActor | undefined) => (a === undefined ? '' : typeof a === 'string' ? a : a.kind === 'animator' ? t('board.animator') : firmName(a.id));
  const topicUrl = (topic: Topic) => `#/initiatives/${initiativeId}/topics?topic=${encodeURIComponent(String(topic.id))}`;

  const title = h('input', { id: 'new-topic', placeholder: t('board.newPlaceholder'), required: true, maxlength: 200 });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const addForm = h('form', { class: 'new-topic', onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!title.value.trim()) { err.textContent = t('board.titleMissing'); title.focus(); return; }
    try {
      const created = await api.createTopic(initiativeId, { title: title.value.trim(), ...actingBody(acting) });
      topics.push(created);
      title.value = '';
      err.textContent = '';
      status.textContent = t('board.created', { title: created.title });
      draw();
      board.querySelector<HTMLElement>(`[data-topic="${created.id}"] a`)?.focus();
    } catch (ex) { err.textContent = refusal(ex); }
  } }, h('label', { for: 'new-topic' }, t('board.newTopic')), h('div', { class: 'inline' }, title, h('button', { type: 'submit', class: 'primary' }, t('board.add'))), err);

  function topicCard(topic: Topic): HTMLElement {
    const leader = topic.leaders?.length ? topic.leaders[topic.leaders.length - 1].leader : undefined;
    const committed = topic.poll?.commitments.length ?? 0;
    const required = topic.required_commitments ?? 0;
    const progress = topicProgress(topic);
    const closed = topic.status && topic.status !== 'active';
    const group = topic.working_group ?? [];
    return h('article', { class: `topic ${closed ? 'closed' : ''}`, 'data-topic': topic.id, 'aria-label': topic.title },
      h('h4', null, h('a', { href: topicUrl(topic) }, topic.title)),
      h('p', { class: 'muted small' }, [topic.initiator ? t('board.initiatedBy', { who: who(topic.initiator) }) : '', leader ? t('board.ledBy', { who: who(leader) }) : ''].filter(Boolean).join(' · ')),
      h('div', { class: 'pills' }, count('board.supports', topic.supports?.length),
        topic.stage === 'need' && required && !closed ? h('span', { class: `pill ${committed >= required ? 'ok' : ''}` }, t('board.commitments', { n: committed, required })) : null,
        count('board.proposals', topic.proposals?.length), count('board.meetings', topic.meetings?.length), count('board.actions', topic.actions?.length),
        progress !== null ? h('span', { class: 'pill ok' }, formatPercent(progress)) : null,
        closed ? h('span', { class: `pill ${topic.status === 'succeeded' ? 'ok' : 'warn'}` }, topic.status === 'succeeded' ? t('board.succeeded') : t('topic.abandoned')) : null),
      topic.stage !== 'need' && group.length ? h('p', { class: 'small group' }, h('strong', null, t('topic.workingGroup', { n: group.length })), ' ', group.map(firmName).join(', ')) : null,
      topic.method ? h('p', { class: 'small' }, h('strong', null, `${t('board.chosenMethod')} : `), topic.method.description || topic.proposals?.find((p) => p.id === topic.method?.proposal_id)?.title || '') : null,
      topic.actions?.length ? h('ul', { class: 'actions-list small' }, topic.actions.map((a) => h('li', null, a.title, a.owner_firm ? ` — ${firmName(a.owner_firm)}` : '', a.due ? ` (${formatDate(a.due)})` : ''))) : null,
      topic.last_activity ? h('p', { class: 'muted small' }, t('board.lastActivity', { date: formatDate(topic.last_activity) })) : null,
      h('a', { class: 'button small-button open-topic', href: topicUrl(topic) }, closed ? t('board.see') : t('board.open')));
  }

  function draw() {
    clear(board);
    for (const stage of STAGES) {
      const items = topics.filter((x) => x.stage === stage);
      board.append(h('section', { class: `column col-${stage}`, 'data-stage': stage, 'aria-label': t(STAGE_KEY[stage]) },
        h('header', null, h('h3', null, t(STAGE_KEY[stage]), h('span', { class: 'count' }, String(items.length))), h('p', { class: 'muted small' }, t(STAGE_HELP[stage]))),
        stage === 'need' ? addForm : null,
        items.length ? items.map(topicCard) : h('p', { class: 'muted small empty' }, t('board.emptyColumn'))));
    }
  }
  draw();
  container.append(status, actingChooser(acting, () => undefined), board);
}
