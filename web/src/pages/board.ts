// The topic board: three columns (need → method → implementation), Decidim/Loomio style.
// Moving on follows the animation rules: the working group forms from the opt-in poll before the
// method stage; a chosen method (with its reasons) is recorded before implementation.
import { api, ApiError, type InitiativeMember, type Stage, type Topic, type TopicActor } from '../api';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { formatDate, formatPercent } from '../format';
import { notAvailable, messageBox } from '../ui';

export const STAGES: Stage[] = ['need', 'method', 'implementation'];
const STAGE_KEY: Record<Stage, Key> = { need: 'board.need', method: 'board.method', implementation: 'board.implementation' };
const STAGE_HELP: Record<Stage, Key> = { need: 'board.needHelp', method: 'board.methodHelp', implementation: 'board.implementationHelp' };

export function nextStage(s: Stage): Stage | null {
  const i = STAGES.indexOf(s);
  return i >= 0 && i < STAGES.length - 1 ? STAGES[i + 1] : null;
}

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
  try {
    [topics, members] = await Promise.all([api.topics(initiativeId), api.members(initiativeId).catch(() => [])]);
  } catch (e) {
    container.append(e instanceof ApiError && e.notAvailable ? notAvailable(t('ws.tabTopics')) : messageBox(e));
    return;
  }
  const firmName = (id: string) => members.find((m) => String(m.id) === id || m.siret === id)?.name ?? id;
  const who = (a: TopicActor | undefined) => (a === undefined ? '' : typeof a === 'string' ? a : a.kind === 'animator' ? t('board.animator') : firmName(a.id));

  const title = h('input', { id: 'new-topic', placeholder: t('board.newPlaceholder'), required: true, maxlength: 200 });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const addForm = h('form', { class: 'new-topic', onsubmit: async (e: Event) => {
    e.preventDefault();
    if (!title.value.trim()) { err.textContent = t('board.titleMissing'); title.focus(); return; }
    try {
      const created = await api.createTopic(initiativeId, { title: title.value.trim() });
      topics.push(created);
      title.value = '';
      err.textContent = '';
      status.textContent = t('board.created', { title: created.title });
      draw();
    } catch (ex) { err.textContent = `${t('common.error')}: ${(ex as Error).message}`; }
  } }, h('label', { for: 'new-topic' }, t('board.newTopic')), h('div', { class: 'inline' }, title, h('button', { type: 'submit', class: 'primary' }, t('board.add'))), err);

  async function move(topic: Topic, stage: Stage, method?: { description: string; reasons: string }) {
    try {
      const updated = await api.moveTopic(topic.id, { stage, method });
      Object.assign(topic, updated ?? {}, { stage: updated?.stage ?? stage });
      status.textContent = t('board.moved', { title: topic.title, stage: t(STAGE_KEY[stage]) });
      draw();
      board.querySelector<HTMLElement>(`[data-topic="${topic.id}"] button`)?.focus();
    } catch (ex) { err.textContent = `${t('common.error')}: ${(ex as Error).message}`; draw(); }
  }

  function methodForm(topic: Topic): HTMLElement {
    const d = h('input', { id: `m-desc-${topic.id}`, required: true, maxlength: 500 });
    const r = h('input', { id: `m-why-${topic.id}`, required: true, maxlength: 1000 });
    return h('form', { class: 'method-form', onsubmit: (e: Event) => {
      e.preventDefault();
      if (!d.value.trim() || !r.value.trim()) { (d.value.trim() ? r : d).focus(); return; }
      void move(topic, 'implementation', { description: d.value.trim(), reasons: r.value.trim() });
    } },
    h('div', { class: 'field' }, h('label', { for: d.id }, t('board.chosenMethod')), d),
    h('div', { class: 'field' }, h('label', { for: r.id }, t('board.reasons')), r),
    h('button', { type: 'submit', class: 'primary move-confirm' }, t('board.moveTo', { stage: t('board.implementation') })));
  }

  function topicCard(topic: Topic): HTMLElement {
    const next = nextStage(topic.stage);
    const leader = topic.leaders?.length ? topic.leaders[topic.leaders.length - 1].leader : undefined;
    const committed = topic.poll?.commitments.length ?? topic.working_group?.length ?? 0;
    const progress = topicProgress(topic);
    const slot = h('div', { class: 'move-slot' });
    const button = next ? h('button', { type: 'button', class: 'move', 'data-move': next, onclick: () => {
      if (next === 'implementation' && !topic.method) { clear(slot); slot.append(methodForm(topic)); slot.querySelector('input')?.focus(); return; }
      void move(topic, next);
    } }, t('board.moveTo', { stage: t(STAGE_KEY[next]) }), ' →') : null;
    return h('article', { class: 'topic', 'data-topic': topic.id, 'aria-label': topic.title },
      h('h4', null, topic.title),
      h('p', { class: 'muted small' }, [topic.initiator ? t('board.initiatedBy', { who: who(topic.initiator) }) : '', leader ? t('board.ledBy', { who: who(leader) }) : ''].filter(Boolean).join(' · ')),
      h('div', { class: 'pills' }, count('board.supports', topic.supports?.length),
        topic.stage === 'need' && topic.required_commitments ? h('span', { class: 'pill' }, t('board.commitments', { n: committed, required: topic.required_commitments })) : null,
        topic.stage !== 'need' ? count('board.group', topic.working_group?.length) : null,
        count('board.proposals', topic.proposals?.length), count('board.meetings', topic.meetings?.length), count('board.actions', topic.actions?.length),
        progress !== null ? h('span', { class: 'pill ok' }, formatPercent(progress)) : null),
      topic.method ? h('p', { class: 'small' }, h('strong', null, `${t('board.chosenMethod')} : `), topic.method.description) : null,
      topic.actions?.length ? h('ul', { class: 'actions-list small' }, topic.actions.map((a) => h('li', null, a.title, a.owner_firm ? ` — ${firmName(a.owner_firm)}` : '', a.due ? ` (${formatDate(a.due)})` : ''))) : null,
      button ?? h('span', { class: 'pill ok' }, topic.status === 'succeeded' ? t('board.succeeded') : t('board.inImplementation')),
      slot);
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
  container.append(status, board);
}
