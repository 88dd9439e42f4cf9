// Sensitivity sweeps (docs/sim.md, `--sweep`): every point reuses the master seed and the
// population, so differences between points are paired (common random numbers).
#include <algorithm>

#include "grappe/sim/monte_carlo.hpp"

namespace grappe::sim {

const char* axis_name(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::hours: return "hours";
    case SweepAxis::core: return "core";
    case SweepAxis::withdrawal: return "withdrawal";
  }
  return "?";
}

std::vector<double> default_sweep_values(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::hours: return {0, 0.1, 0.25, 0.5, 1};
    case SweepAxis::core: return {1, 3, 5, 10, 20};
    case SweepAxis::withdrawal: return {2, 3, 5, 8, -1};
  }
  return {};
}

namespace {

Scenario with_value(Scenario s, SweepAxis axis, double value) {
  switch (axis) {
    case SweepAxis::hours: s.animator.fte = value; break;
    case SweepAxis::core: s.core_members = std::min(static_cast<int>(value), s.firm_count()); break;
    case SweepAxis::withdrawal:
      s.animator.sponsor = SponsorPolicy::withdraw;
      s.animator.withdrawal_years = value;
      break;
  }
  return s;
}

}  // namespace

std::vector<SweepPoint> run_sweep(const Scenario& base, const Population& population, SweepAxis axis,
                                  const std::vector<double>& values, const MonteCarloOptions& options) {
  std::vector<SweepPoint> points;
  // Without an animator the withdrawal date is irrelevant and the hours axis shares one baseline.
  std::vector<ReplicationOutcome> shared_baseline;
  if (axis != SweepAxis::core) {
    Scenario none = base;
    none.animator.fte = 0;
    shared_baseline = run_replications(none, population, options);
  }
  const double horizon = base.horizon_years;
  for (double value : values) {
    Scenario s = with_value(base, axis, value);
    auto outcomes = run_replications(s, population, options);
    std::vector<ReplicationOutcome> own_baseline;
    if (axis == SweepAxis::core) {
      Scenario none = s;
      none.animator.fte = 0;
      own_baseline = run_replications(none, population, options);
    }
    const auto& baseline = axis == SweepAxis::core ? own_baseline : shared_baseline;
    Summary summary = summarise(s, outcomes);
    SweepPoint point{axis, value, critical_mass_probability(outcomes, horizon),
                     critical_mass_probability(outcomes, std::min(10.0, horizon)),
                     paired_difference(outcomes, baseline, horizon), summary.collapse, summary.time_to_critical_mass};
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<CannotForceCase> cannot_force_success(const Scenario& base, const MonteCarloOptions& options) {
  std::vector<CannotForceCase> cases;
  const std::vector<double> budgets = {0, 0.25, 0.5, 1, 2, 4};
  for (int variant = 0; variant < 2; ++variant) {
    Scenario s = base;
    s.animator.sponsor = SponsorPolicy::withdraw;
    s.animator.withdrawal_years = -1;
    CannotForceCase c;
    if (variant == 0) {
      c.condition = "sparse network (kappa / 50)";
      s.network.kappa /= 50;
    } else {
      c.condition = "few shared needs (prevalence 0.02)";
      s.needs.prevalence.assign(std::max(1, s.needs.needs), 0.02);
    }
    Population population = build_population(s, options.master_seed);
    for (double fte : budgets) {
      s.animator.fte = fte;
      Proportion p = critical_mass_probability(run_replications(s, population, options), s.horizon_years);
      c.fte.push_back(fte);
      c.critical_mass.push_back(p);
      c.best_upper = std::max(c.best_upper, p.upper);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace grappe::sim
