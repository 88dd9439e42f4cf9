#include "grappe/sim/report.hpp"

#include <fmt/format.h>

#include "grappe/common/paths.hpp"

namespace grappe::sim {
namespace {

using nlohmann::json;

json proportion(const Proportion& p) {
  return {{"estimate", p.estimate}, {"lower", p.lower}, {"upper", p.upper}, {"successes", p.successes}, {"trials", p.trials}};
}

json curve(const KaplanMeier& km) {
  json points = json::array();
  // Reported as the cumulative incidence 1 − S(t) ("probability reached by t") with its band.
  for (const auto& p : km.points)
    points.push_back({{"years", p.time}, {"at_risk", p.at_risk}, {"events", p.events}, {"probability", 1 - p.survival},
                      {"lower", 1 - p.upper}, {"upper", 1 - p.lower}});
  return {{"events", km.events}, {"censored", km.censored}, {"median_years", km.median < 0 ? json(nullptr) : json(km.median)},
          {"points", points}};
}

std::string percent(const Proportion& p) {
  return fmt::format("{:5.1f}% [{:5.1f}, {:5.1f}]", 100 * p.estimate, 100 * p.lower, 100 * p.upper);
}

std::string sweep_value(const SweepPoint& p) {
  if (p.axis == SweepAxis::withdrawal && p.value < 0) return "never";
  if (p.axis == SweepAxis::hours) return fmt::format("{:g} FTE", p.value);
  if (p.axis == SweepAxis::withdrawal) return fmt::format("{:g} y", p.value);
  return fmt::format("{:g}", p.value);
}

}  // namespace

nlohmann::json report_to_json(const SimulationReport& r) {
  const Summary& s = r.summary;
  json by = json::array();
  for (const auto& p : s.critical_mass_by) by.push_back({{"years", p.years}, {"probability", proportion(p.probability)}});
  json results = {
      {"critical_mass_by", by},
      {"critical_mass_members", r.scenario.critical_mass_members()},
      {"time_to_critical_mass", curve(s.time_to_critical_mass)},
      {"time_to_autonomy", curve(s.time_to_autonomy)},
      {"autonomy_by_horizon", proportion(s.autonomy_by_horizon.probability)},
      {"mean_final_members", s.mean_final_members},
      {"mean_contacts_per_firm", s.mean_degree},
      {"mean_members_by_year", s.mean_members_by_year},
      {"mean_projects", s.mean_projects},
      {"mean_successes", s.mean_successes},
      {"mean_failures", s.mean_failures},
      {"member_initiated_share", s.member_initiated_share},
      {"mean_hours_budget", s.mean_hours_budget},
      {"mean_hours_spent", s.mean_hours_spent},
      {"hours_within_budget", s.budget_respected},
  };
  if (s.has_withdrawal)
    results["collapse_after_withdrawal"] = {{"withdrawal_years", s.withdrawal_years},
                                            {"window_years", r.scenario.outcomes.collapse_window_years},
                                            {"all", proportion(s.collapse)},
                                            {"given_critical_mass_at_withdrawal", proportion(s.collapse_given_critical_mass)}};
  json out = {{"program", version_string()},
              {"master_seed", r.options.master_seed},
              {"replications", r.options.replications},
              {"calibration", r.calibration},
              {"scenario", scenario_to_json(r.scenario)},
              {"results", results}};
  if (!r.sweeps.empty()) {
    json sweeps = json::array();
    for (const auto& p : r.sweeps)
      sweeps.push_back({{"axis", axis_name(p.axis)},
                        {"value", p.axis == SweepAxis::withdrawal && p.value < 0 ? json("never") : json(p.value)},
                        {"critical_mass", proportion(p.critical_mass)},
                        {"critical_mass_10y", proportion(p.critical_mass_10y)},
                        {"value_of_animation", {{"delta", p.value_of_animation.mean}, {"lower", p.value_of_animation.lower}, {"upper", p.value_of_animation.upper}}},
                        {"collapse", p.collapse.trials > 0 ? proportion(p.collapse) : json(nullptr)},
                        {"median_years_to_critical_mass", p.time_to_critical_mass.median < 0 ? json(nullptr) : json(p.time_to_critical_mass.median)}});
    out["sweeps"] = sweeps;
  }
  if (!r.cannot_force.empty()) {
    json cases = json::array();
    for (const auto& c : r.cannot_force) {
      json points = json::array();
      for (std::size_t k = 0; k < c.fte.size(); ++k) points.push_back({{"fte", c.fte[k]}, {"critical_mass", proportion(c.critical_mass[k])}});
      cases.push_back({{"condition", c.condition}, {"budgets", points}, {"largest_upper_bound", c.best_upper}});
    }
    out["cannot_force_success"] = cases;
  }
  return out;
}

std::string report_table(const SimulationReport& r) {
  const Summary& s = r.summary;
  std::string t = fmt::format("{} — scenario '{}', {} firms{}, {} replications, master seed {}\n", version_string(),
                              r.scenario.name, r.scenario.firm_count(),
                              r.calibration.empty() ? "" : " (" + r.calibration + ")", r.options.replications,
                              r.options.master_seed);
  t += fmt::format("animator {:g} FTE, core {} members, critical mass = {} members and {} successes, {:.1f} contacts a firm\n\n",
                   r.scenario.animator.fte, r.scenario.core_members, r.scenario.critical_mass_members(),
                   r.scenario.outcomes.critical_mass_successes, s.mean_degree);
  t += "outcome                                  probability [95% CI]\n";
  for (const auto& p : s.critical_mass_by)
    t += fmt::format("critical mass by {:>2g} years               {}\n", p.years, percent(p.probability));
  t += fmt::format("autonomy by {:>2g} years                    {}\n", s.autonomy_by_horizon.years,
                   percent(s.autonomy_by_horizon.probability));
  if (s.has_withdrawal)
    t += fmt::format("collapse within {:g} y of withdrawal ({:g} y) {}\n", r.scenario.outcomes.collapse_window_years,
                     s.withdrawal_years, percent(s.collapse));
  auto median = [](const KaplanMeier& km) { return km.median < 0 ? std::string("not reached") : fmt::format("{:.2f} y", km.median); };
  t += fmt::format("median time to critical mass (Kaplan–Meier): {}\n", median(s.time_to_critical_mass));
  t += fmt::format("median time to autonomy (Kaplan–Meier):      {}\n", median(s.time_to_autonomy));
  t += fmt::format("mean members at horizon {:.1f}, projects {:.1f} ({:.0f}% member-initiated), successes {:.1f}\n",
                   s.mean_final_members, s.mean_projects, 100 * s.member_initiated_share, s.mean_successes);
  if (!r.sweeps.empty()) {
    t += "\nsweep        value      P(CM by horizon) [95% CI]   ΔP vs no animator (paired) [95% CI]\n";
    for (const auto& p : r.sweeps)
      t += fmt::format("{:<12} {:<10} {}     {:+6.1f}% [{:+6.1f}, {:+6.1f}]\n", axis_name(p.axis), sweep_value(p),
                       percent(p.critical_mass), 100 * p.value_of_animation.mean, 100 * p.value_of_animation.lower,
                       100 * p.value_of_animation.upper);
  }
  for (const auto& c : r.cannot_force) {
    t += fmt::format("\ncannot force success — {}:\n", c.condition);
    for (std::size_t k = 0; k < c.fte.size(); ++k)
      t += fmt::format("  {:>4g} FTE  P(CM) {}\n", c.fte[k], percent(c.critical_mass[k]));
  }
  return t;
}

nlohmann::json cases_to_json(const std::vector<CaseResult>& cases, std::uint64_t seed, CaseSize size) {
  json list = json::array();
  for (const auto& c : cases)
    list.push_back({{"case", c.name}, {"reference", c.reference}, {"parameters", c.parameters}, {"expected", c.expected},
                    {"measured", c.measured}, {"tolerance", c.tolerance}, {"comparison", c.kind}, {"pass", c.pass}});
  return {{"program", version_string()}, {"master_seed", seed}, {"sizes", size == CaseSize::full ? "full" : "reduced"},
          {"cases", list}};
}

std::string cases_table(const std::vector<CaseResult>& cases) {
  std::string t = fmt::format("{:<52} {:<48} {:>10} {:>10} {:>9}  {}\n", "case", "parameters", "expected", "measured",
                              "tolerance", "pass");
  for (const auto& c : cases) {
    std::string tol = c.kind == "abs" ? fmt::format("±{:g}", c.tolerance)
                      : c.kind == "max" ? fmt::format("≤+{:g}", c.tolerance)
                      : c.kind == "min" ? fmt::format("≥-{:g}", c.tolerance)
                                        : fmt::format("p>{:g}", c.tolerance);
    t += fmt::format("{:<52} {:<48} {:>10.5g} {:>10.5g} {:>9}  {}\n", c.name, c.parameters, c.expected, c.measured, tol,
                     c.pass ? "yes" : "NO");
  }
  return t;
}

}  // namespace grappe::sim
