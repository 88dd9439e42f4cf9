// The collective needs tab: need statements grouped into collective needs, and need → topic.
// The animator edits the grouping (rename, merge, split, move a statement); a member firm, or
// the firm an animator acts for, supports a need. Every edit redraws the tab in place.
import { api, ApiError, type Need, type CollectiveNeedOp } from '../api';
import { h, uid } from '../dom';
import { t } from '../i18n';
import { barChart } from '../charts/charts';
import { section, empty, messageBox } from '../ui';
import { firmNamer, latestSurvey } from './workspaceShared';
import { actingBody, actingChooser, actingName, loadActing, type ActingState } from './acting';
import { refusal } from './topic';

/** A refused grouping edit as a sentence for the animator or member who acted. */
export function needRefusal(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'not_grouped') return t('needs.notGrouped');
    if (e.status === 404 && e.code === 'not_found') return t('needs.notFound');
    if (e.status === 400 || e.status === 422) return t('needs.invalid', { message: e.message });
  }
  return refusal(e);
}

/** The other grouped collective needs a need can be merged with or a statement moved to. */
export function otherGroups(needs: Need[], id: Need['id']): Need[] {
  return needs.filter((n) => n.grouped && String(n.id) !== String(id));
}

const errorLine = () => h('p', { class: 'form-error', role: 'alert' });

export async function needsTab(id: string, openId?: string): Promise<HTMLElement> {
  const [name, acting] = await Promise.all([firmNamer(id), loadActing(id).catch(() => null as ActingState | null)]);
  // After an action the card is drawn again in place (or the new topic opens): no page reload.
  let card: HTMLElement;
  const redraw = async (open?: string) => { card.replaceWith(await needsTab(id, open)); };
  const run = async (btn: HTMLButtonElement, f: () => Promise<unknown>) => {
    btn.disabled = true;
    try { if ((await f()) !== 'navigated') await redraw(); } catch (e) { btn.disabled = false; btn.after(messageBox(e)); }
  };
  /** One grouping edit: on success the tab is redrawn with this need open, on refusal the reason goes in `err`. */
  const edit = async (control: HTMLButtonElement | HTMLSelectElement, err: HTMLElement, group: Need['id'], op: CollectiveNeedOp, body: Record<string, unknown>, open: Need['id']) => {
    control.disabled = true;
    err.textContent = '';
    try {
      await api.collectiveNeed(id, group, op, body);
      await redraw(String(open));
    } catch (e) {
      control.disabled = false;
      err.textContent = needRefusal(e);
    }
  };
  const importBtn = h('button', { type: 'button', class: 'small-button', onclick: () => void run(importBtn, async () => {
    const survey = await latestSurvey(id);
    if (survey) await api.importNeeds(id, survey.id);
    await api.groupNeeds(id);
  }) }, t('ws.importNeeds'));

  const toTopic = (n: Need) => {
    const btn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button', onclick: () => void run(btn, async () => {
      const topic = await api.needToTopic(id, n.id, actingBody(acting ?? await loadActing(id)));
      location.hash = `#/initiatives/${id}/topics?topic=${encodeURIComponent(String(topic.id))}`;
      return 'navigated';
    }) }, t('ws.makeTopic'));
    return btn;
  };

  const support = (n: Need) => {
    if (!acting || (!acting.animator && !acting.firms.length)) return null;
    const err = errorLine();
    if (acting.firm === null) return h('p', { class: 'muted small' }, t('needs.supportWho'));
    const firm = actingName(acting);
    if ((n.supporters ?? []).map(String).includes(String(acting.firm))) return h('p', { class: 'muted small' }, t('needs.supported', { firm }));
    const btn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button touch', onclick: () => void edit(btn, err, n.id, 'support', actingBody(acting), n.id) },
      t('needs.support', { firm }));
    return h('div', { class: 'need-action' }, btn, err);
  };

  const tools = (n: Need, needs: Need[]) => {
    const others = otherGroups(needs, n.id);
    // Rename.
    const renameErr = errorLine();
    const nameInput = h('input', { type: 'text', id: uid('need-name'), value: n.label, maxlength: 200 });
    const renameBtn: HTMLButtonElement = h('button', { type: 'submit', class: 'small-button touch' }, t('needs.rename'));
    const rename = h('form', { class: 'need-tool', onsubmit: (ev: Event) => {
      ev.preventDefault();
      const v = nameInput.value.trim();
      if (!v) { renameErr.textContent = t('needs.nameMissing'); return; }
      void edit(renameBtn, renameErr, n.id, 'rename', { name: v }, n.id);
    } }, h('label', { for: nameInput.id }, t('needs.newName')), h('div', { class: 'need-row' }, nameInput, renameBtn), renameErr);
    // Merge with another group.
    let merge: HTMLElement | null = null;
    if (others.length) {
      const mergeErr = errorLine();
      const select = h('select', { id: uid('need-merge') }, h('option', { value: '' }, t('needs.chooseGroup')),
        others.map((o) => h('option', { value: String(o.id) }, o.label)));
      const btn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button touch', onclick: () => {
        if (!select.value) { mergeErr.textContent = t('needs.chooseGroup'); return; }
        void edit(btn, mergeErr, n.id, 'merge', { with: Number(select.value) }, n.id);
      } }, t('needs.merge'));
      merge = h('div', { class: 'need-tool' }, h('label', { for: select.id }, t('needs.mergeWith')), h('div', { class: 'need-row' }, select, btn), mergeErr);
    }
    // Statements: tick to split out, or move one to another group.
    let statements: HTMLElement | null = null;
    if (n.statements?.length) {
      const splitErr = errorLine();
      const boxes: Array<[string, HTMLInputElement]> = [];
      const rows = n.statements.map((st) => {
        const box = h('input', { type: 'checkbox', id: uid('need-st'), value: st.id });
        boxes.push([st.id, box]);
        const moveErr = errorLine();
        let move: HTMLElement | null = null;
        if (others.length) {
          const sel: HTMLSelectElement = h('select', { id: uid('need-move'), 'aria-label': `${t('needs.moveTo')} — ${st.text.slice(0, 60)}`,
            onchange: () => { if (sel.value) void edit(sel, moveErr, sel.value, 'move', { need_id: st.id }, sel.value); } },
          h('option', { value: '' }, t('needs.moveTo')), others.map((o) => h('option', { value: String(o.id) }, o.label)));
          move = sel;
        }
        return h('li', { class: 'need-statement' },
          h('label', { for: box.id, class: 'check' }, box, h('span', null, st.text, h('span', { class: 'muted small' }, ` — ${name(st.firm)}`))),
          move, moveErr);
      });
      const splitBtn: HTMLButtonElement = h('button', { type: 'button', class: 'small-button touch', onclick: () => {
        const ids = boxes.filter(([, b]) => b.checked).map(([i]) => i);
        if (!ids.length) { splitErr.textContent = t('needs.splitNone'); return; }
        void edit(splitBtn, splitErr, n.id, 'split', { need_ids: ids }, n.id);
      } }, t('needs.split'));
      statements = h('fieldset', { class: 'need-statements' }, h('legend', null, t('needs.statements')), h('ul', null, rows),
        n.statements.length > 1 ? h('div', { class: 'need-action' }, splitBtn, splitErr) : null);
    }
    return h('div', { class: 'need-tools' }, h('h4', null, t('needs.tools')), rename, merge, statements);
  };

  card = await section(t('ws.needs'), () => api.needs(id), (needs: Need[], b) => {
    if (!needs.length) { b.append(empty(t('ws.noNeeds'))); return; }
    if (acting && (acting.animator ? 1 : 0) + acting.firms.length > 1) {
      // The "state a need" form below has its own chooser: this one gets ids of its own.
      const chooser = actingChooser(acting, () => void redraw(openId));
      chooser.querySelector('select')?.setAttribute('id', 'needs-acting-firm');
      chooser.querySelector('label')?.setAttribute('for', 'needs-acting-firm');
      b.append(chooser);
    }
    b.append(h('p', { class: 'muted' }, t('ws.needsIntro')),
      barChart(needs.slice(0, 15).map((n) => ({ label: n.label, value: n.firms?.length ?? n.support ?? 0 })), t('ws.needs'), (v) => t('ws.nFirms', { n: v }), '#2a7d6b'),
      h('div', { class: 'needs' }, needs.map((n) => h('details', { class: 'need', open: openId !== undefined && String(n.id) === openId, 'data-need': String(n.id) },
        h('summary', null, h('strong', null, n.label), n.theme && n.theme !== n.label ? h('span', { class: 'pill' }, n.theme) : null, h('span', { class: 'muted' }, ` · ${t('ws.nFirms', { n: n.firms?.length ?? n.support ?? 0 })}`)),
        n.texts?.length ? h('ul', { class: 'quotes' }, n.texts.slice(0, 5).map((x) => h('li', null, x))) : null,
        n.firms?.length ? h('p', { class: 'muted small' }, n.firms.map(name).join(', ')) : null,
        n.grouped ? h('div', { class: 'need-actions' }, toTopic(n), support(n)) : null,
        n.grouped && acting?.animator ? tools(n, needs) : null))));
  }, t('ws.needs'), importBtn);
  return card;
}
