// Simulation: a scenario form, a run through the API, curves and probabilities with uncertainty.
import { api, ApiError, type SimulationResult } from '../api';
import { h, clear } from '../dom';
import { t, type Key } from '../i18n';
import { formatNumber, formatPercent } from '../format';
import { intervalChart, lineChart } from '../charts/charts';
import { card, notAvailable, messageBox } from '../ui';
import type { PageContext } from '../main';

const FIELDS: Array<{ name: string; label: Key; value: number; min: number; max: number; step: number }> = [
  { name: 'firms', label: 'sim.firms', value: 45, min: 2, max: 5000, step: 1 },
  { name: 'animator_hours_per_month', label: 'sim.hours', value: 20, min: 0, max: 200, step: 1 },
  { name: 'core_size', label: 'sim.core', value: 5, min: 0, max: 100, step: 1 },
  { name: 'sponsor_withdrawal_month', label: 'sim.withdrawal', value: 36, min: 0, max: 180, step: 1 },
  { name: 'horizon_months', label: 'sim.horizon', value: 180, min: 12, max: 360, step: 12 },
  { name: 'replications', label: 'sim.replications', value: 500, min: 10, max: 5000, step: 10 },
  { name: 'seed', label: 'sim.seed', value: 42, min: 0, max: 2 ** 31, step: 1 },
];

export function drawResult(r: SimulationResult, out: HTMLElement): void {
  clear(out);
  if (r.critical_mass?.length) {
    out.append(card(t('sim.criticalMass'), intervalChart(r.critical_mass.map((c) => ({ label: t('sim.byYears', { n: c.years }), p: c.p, lo: c.lo, hi: c.hi })), t('sim.criticalMass'), (v) => formatPercent(v)),
      h('p', { class: 'muted small' }, t('sim.wilson'))));
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
  const out = h('div', { class: 'sim-results', 'aria-live': 'polite' });
  const inputs = FIELDS.map((f) => h('input', { id: `sim-${f.name}`, name: f.name, type: 'number', min: f.min, max: f.max, step: f.step, value: f.value, required: true }));
  const run = h('button', { type: 'submit', class: 'primary' }, t('sim.run'));
  const form = h('form', { class: 'sim-form card', onsubmit: async (e: Event) => {
    e.preventDefault();
    const scenario: Record<string, number> = {};
    for (const i of inputs) {
      if (!i.checkValidity()) { i.focus(); i.reportValidity(); return; }
      scenario[i.name] = Number(i.value);
    }
    run.disabled = true;
    clear(out);
    out.append(h('p', { class: 'muted' }, t('sim.running')));
    try {
      drawResult(await api.simulate(scenario), out);
    } catch (ex) {
      clear(out);
      out.append(ex instanceof ApiError && ex.notAvailable ? notAvailable(t('sim.title')) : messageBox(ex));
    } finally { run.disabled = false; }
  } },
  h('div', { class: 'card-head' }, h('h2', null, t('sim.scenario'))),
  h('div', { class: 'card-body form-grid' }, FIELDS.map((f, i) => h('div', { class: 'field' }, h('label', { for: `sim-${f.name}` }, t(f.label)), inputs[i])), run));
  ctx.root.append(h('div', { class: 'container' }, h('h1', null, t('sim.title')), h('p', { class: 'muted' }, t('sim.intro')),
    h('div', { class: 'sim-layout' }, form, out)));
}
