// The topic board: three columns (need → method → implementation), Decidim/Loomio style.
import { api, ApiError, type Stage, type Topic } from '../api';
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

function count(label: Key, items: unknown[] | undefined): HTMLElement | null {
  return items?.length ? h('span', { class: 'pill' }, t(label, { n: items.length })) : null;
}

function topicCard(topic: Topic, onMove: (s: Stage) => void): HTMLElement {
  const next = nextStage(topic.stage);
  return h('article', { class: 'topic', 'data-topic': topic.id, 'aria-label': topic.title },
    h('h4', null, topic.title),
    h('p', { class: 'muted small' }, [topic.initiated_by ? t('board.initiatedBy', { who: topic.initiated_by }) : '', topic.led_by ? t('board.ledBy', { who: topic.led_by }) : ''].filter(Boolean).join(' · ')),
    h('div', { class: 'pills' }, topic.supports ? h('span', { class: 'pill' }, t('board.supports', { n: topic.supports })) : null,
      count('board.polls', topic.polls), count('board.proposals', topic.proposals), count('board.meetings', topic.meetings), count('board.actions', topic.actions),
      topic.progress !== undefined ? h('span', { class: 'pill ok' }, formatPercent(topic.progress)) : null),
    topic.actions?.length ? h('ul', { class: 'actions-list small' }, topic.actions.map((a) => h('li', null, a.title, a.owner ? ` — ${a.owner}` : '', a.due ? ` (${formatDate(a.due)})` : ''))) : null,
    next ? h('button', { type: 'button', class: 'move', 'data-move': next, onclick: () => onMove(next) }, t('board.moveTo', { stage: t(STAGE_KEY[next]) }), ' →') : h('span', { class: 'pill ok' }, t('board.inImplementation')));
}

export async function renderBoard(container: HTMLElement, initiativeId: string): Promise<void> {
  const status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const board = h('div', { class: 'board', id: 'board' });
  let topics: Topic[];
  try {
    topics = await api.topics(initiativeId);
  } catch (e) {
    container.append(e instanceof ApiError && e.notAvailable ? notAvailable(t('ws.tabTopics')) : messageBox(e));
    return;
  }
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

  async function move(topic: Topic, stage: Stage) {
    try {
      const updated = await api.moveTopic(topic.id, stage);
      Object.assign(topic, updated ?? {}, { stage: updated?.stage ?? stage });
      status.textContent = t('board.moved', { title: topic.title, stage: t(STAGE_KEY[stage]) });
      draw();
      board.querySelector<HTMLElement>(`[data-topic="${topic.id}"] button, [data-topic="${topic.id}"]`)?.focus();
    } catch (ex) { err.textContent = `${t('common.error')}: ${(ex as Error).message}`; }
  }

  function draw() {
    clear(board);
    for (const stage of STAGES) {
      const items = topics.filter((x) => x.stage === stage);
      board.append(h('section', { class: `column col-${stage}`, 'data-stage': stage, 'aria-label': t(STAGE_KEY[stage]) },
        h('header', null, h('h3', null, t(STAGE_KEY[stage]), h('span', { class: 'count' }, String(items.length))), h('p', { class: 'muted small' }, t(STAGE_HELP[stage]))),
        stage === 'need' ? addForm : null,
        items.length ? items.map((x) => topicCard(x, (s) => void move(x, s))) : h('p', { class: 'muted small empty' }, t('board.emptyColumn'))));
    }
  }
  draw();
  container.append(status, board);
}
