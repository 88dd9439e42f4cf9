// Simulation: a scenario form, a run through the API, curves and probabilities with uncertainty.
import { api, ApiError, type SimulationResult } from '../api';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { formatNumber, formatPercent } from '../format';
import { intervalChart, lineChart } from '../charts/charts';
import { card, fieldError, notAvailable, messageBox } from '../ui';
import type { PageContext } from '../main';

interface Field { name: string; label: Key; help: Key; value: number; min: number; max: number; step: number; advanced?: boolean }
// Defaults that can take off: a quarter of a full-time animator (1,607 h a year / 12 / 4 ≈ 34 h a
// month) and a sponsor who stays; with 20 h and a withdrawal at 3 years most runs never get there.
const FIELDS: Field[] = [
  { name: 'firms', label: 'sim.firms', help: 'sim.firmsHelp', value: 45, min: 2, max: 5000, step: 1 },
  { name: 'animator_hours_per_month', label: 'sim.hours', help: 'sim.hoursHelp', value: 34, min: 0, max: 200, step: 1 },
  { name: 'core_size', label: 'sim.core', help: 'sim.coreHelp', value: 5, min: 0, max: 100, step: 1 },
  { name: 'sponsor_withdrawal_month', label: 'sim.withdrawal', help: 'sim.withdrawalHelp', value: 0, min: 0, max: 180, step: 1 },
  { name: 'horizon_months', label: 'sim.horizon', help: 'sim.horizonHelp', value: 180, min: 12, max: 360, step: 12 },
  { name: 'replications', label: 'sim.replications', help: 'sim.replicationsHelp', value: 500, min: 10, max: 5000, step: 10, advanced: true },
  { name: 'seed', label: 'sim.seed', help: 'sim.seedHelp', value: 42, min: 0, max: 2 ** 31, step: 1, advanced: true },
];

/** A scenario as the query of #/simulation, so that a candidate's page can link to it prefilled. */
export function scenarioQuery(scenario: Record<string, number>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(scenario)) if (k !== 'candidate_index') q.set(k, String(v));
  if (scenario.candidate_index !== undefined) q.set('candidate', String(scenario.candidate_index));
  return q.toString();
}

export function drawResult(r: SimulationResult, out: HTMLElement): void {
  clear(out);
  if (r.critical_mass?.length) {
    out.append(card(t('sim.criticalMass'), intervalChart(r.critical_mass.map((c) => ({ label: t('sim.byYears', { n: c.years }), p: c.p, lo: c.lo, hi: c.hi })), t('sim.criticalMass'), (v) => formatPercent(v)),
      h('p', { class: 'muted small' }, t('sim.criticalMassHelp', { m: r.critical_mass_members ?? '?' }), ' ', t('sim.wilson'))));
    if (r.critical_mass.every((c) => c.p === 0)) out.append(h('p', { class: 'notice', id: 'sim-all-zero' }, t('sim.allZero')));
  }
  if (r.members) {
    out.append(card(t('sim.membersCurve'), lineChart({ x: r.members.month, title: t('sim.membersCurve'), xLabel: t('sim.month'), yLabel: t('sim.members'), formatY: (v) => formatNumber(v),
      series: [{ label: t('sim.mean'), y: r.members.mean, color: '#0d2c54' }], bands: [{ label: t('sim.band90'), lo: r.members.lo, hi: r.members.hi, color: '#9fb3c8' }] })));
  }
  if (r.autonomy) {
    out.append(card(t('sim.autonomyCurve'), lineChart({ x: r.autonomy.month, title: t('sim.autonomyCurve'), xLabel: t('sim.month'), yLabel: t('sim.notYetAutonomous'), yMin: 0, yMax: 1, formatY: (v) => formatPercent(v),
      series: [{ label: t('sim.km'), y: r.autonomy.s, color: '#2a7d6b' }], bands: [{ label: t('sim.greenwood'), lo: r.autonomy.lo, hi: r.autonomy.hi, color: '#a8d5c8' }] })));
  }
  if (r.collapse_risk) {
    out.append(card(t('sim.collapse'), h('p', { class: 'big' }, formatPercent(r.collapse_risk.p, 1)),
      h('p', { class: 'muted' }, t('sim.interval', { lo: formatPercent(r.collapse_risk.lo, 1), hi: formatPercent(r.collapse_risk.hi, 1) }))));
  }
  if (!out.childElementCount) out.append(h('p', { class: 'muted' }, t('sim.noOutputs')));
}

export async function renderSimulation(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('sim.title'));
  const query = ctx.match.query;
  const candidate = query.get('candidate');
  const out = h('div', { class: 'sim-results', 'aria-live': 'polite' });
  const inputs = FIELDS.map((f) => h('input', { id: `sim-${f.name}`, name: f.name, type: 'number', min: f.min, max: f.max, step: f.step,
    value: query.get(f.name) ?? f.value, required: true, 'aria-describedby': `sim-${f.name}-help` }));
  // From a candidate, the firms are its members (the server calibrates them from the candidate).
  const firmsInput = inputs[0];
  if (candidate !== null) firmsInput.disabled = true;
  const run = h('button', { type: 'submit', class: 'primary' }, t('sim.run'));
  const field = (f: Field, i: number) => h('div', { class: 'field' }, h('label', { for: `sim-${f.name}` }, t(f.label)), inputs[i], h('span', { class: 'hint', id: `sim-${f.name}-help` }, t(f.help)));
  const form = h('form', { class: 'sim-form card', onsubmit: async (e: Event) => {
    e.preventDefault();
    const scenario: Record<string, number> = {};
    for (const i of inputs) {
      if (i.disabled) continue;
      if (!i.checkValidity()) { i.focus(); i.reportValidity(); return; }
      scenario[i.name] = Number(i.value);
    }
    if (candidate !== null) scenario.candidate_index = Number(candidate);
    run.disabled = true;
    clear(out);
    out.append(h('p', { class: 'muted' }, t('sim.running')));
    try {
      drawResult(await api.simulate(scenario), out);
    } catch (ex) {
      clear(out);
      out.append(ex instanceof ApiError && ex.notAvailable ? notAvailable(t('sim.title')) : messageBox(ex));
      // The refused field gets the message too, in the page's language.
      const fe = fieldError(ex);
      const input = inputs.find((i) => i.name === fe?.field);
      if (fe && input) {
        input.setAttribute('aria-invalid', 'true');
        const help = document.getElementById(`sim-${input.name}-help`);
        if (help) { help.textContent = fe.text; help.classList.add('field-error'); }
        (input.closest('details') as HTMLDetailsElement | null)?.setAttribute('open', '');
        input.focus();
      }
    } finally { run.disabled = false; }
  } },
  h('div', { class: 'card-head' }, h('h2', null, t('sim.scenario'))),
  h('div', { class: 'card-body form-grid' },
    candidate !== null ? h('p', { class: 'notice', id: 'sim-from-candidate' }, t('sim.fromCandidate'), ' ', h('a', { href: `#/candidates/${candidate}` }, t('sim.backToCandidate'))) : null,
    FIELDS.map((f, i) => (f.advanced ? null : field(f, i))),
    h('details', { class: 'advanced' }, h('summary', null, t('sim.advanced')), FIELDS.map((f, i) => (f.advanced ? field(f, i) : null))),
    run));
  ctx.root.append(h('div', { class: 'container' }, h('h1', null, t('sim.title')), h('p', { class: 'muted' }, t('sim.intro')),
    h('details', { class: 'card explain-model' }, h('summary', { class: 'card-head' }, h('h2', null, t('sim.howTitle'))),
      h('div', { class: 'card-body' }, h('p', null, t('sim.how1')), h('p', null, t('sim.how2')), h('p', null, t('sim.how3')))),
    h('div', { class: 'sim-layout' }, form, out)));
  if (candidate !== null) form.requestSubmit();
}
