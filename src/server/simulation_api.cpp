// POST /api/v1/simulations: a scenario from the web app's form (or a full src/sim scenario,
// or the firms of a scan candidate or an initiative), bounded, run on the compute gate, and
// the curves and probabilities with their uncertainty (docs/api.md, "Analyses").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analyses.hpp"
#include "grappe/common/error.hpp"
#include "grappe/measure/kd.hpp"
#include "grappe/sim/calibrate.hpp"
#include "grappe/sim/monte_carlo.hpp"
#include "grappe/workspace/errors.hpp"
#include "input.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

const std::set<std::string> kFields = {"firms",          "animator_hours_per_month",
                                       "core_size",      "sponsor_withdrawal_month",
                                       "horizon_months", "replications",
                                       "seed",           "candidate_index",
                                       "initiative_id",  "scenario"};

struct Request {
  sim::Scenario scenario;
  int replications = 500;
  std::uint64_t seed = 20260127;
  json calibration = nullptr;  // "candidate 0", "initiative 3"
};

// The located firms of an initiative as a candidate to calibrate from.
Candidate initiative_as_candidate(const std::vector<workspace::Member>& members, std::int64_t id) {
  Candidate c;
  c.rank = 1;
  for (const auto& m : members)
    if (m.firm.lon && m.firm.lat) {
      CandidateMember member;
      member.siret = std::stoull(m.firm.siret);  // the workspace stores 14 digits
      member.lon = *m.firm.lon;
      member.lat = *m.firm.lat;
      member.headcount = m.firm.headcount.value_or(1.0);
      c.members.push_back(std::move(member));
    }
  if (c.members.size() < 2)
    workspace::fail_invalid(
        "initiative " + std::to_string(id) + " has fewer than two members with a location to simulate",
        "too_few_firms");
  return c;
}

Request parse(const json& body, const std::vector<Candidate>& candidates,
              const InitiativeMembers& initiative_members, const SimulationLimits& limits) {
  input::object(body);
  for (const auto& [key, value] : body.items())
    if (!kFields.count(key))
      workspace::fail_invalid("unknown field '" + key.substr(0, 40) +
                                  "' (known: firms, animator_hours_per_month, "
                                  "core_size, sponsor_withdrawal_month, horizon_months, replications, seed, "
                                  "candidate_index, initiative_id, scenario)",
                              "unknown_field");
  Request r;
  if (body.contains("scenario")) {
    if (!body["scenario"].is_object()) workspace::fail_invalid("'scenario' must be an object (docs/sim.md)");
    r.scenario = sim::scenario_from_json(body["scenario"], "scenario");
  } else {
    r.scenario.population.firms = 45;
    r.scenario.animator.withdrawal_years = 3;
  }
  sim::Scenario& s = r.scenario;
  if (auto v = input::integer(body, "firms", 2, 5000)) s.population.firms = static_cast<int>(*v);
  if (auto v = input::number(body, "animator_hours_per_month", 0, 1000))
    s.animator.fte = *v / s.animator.hours_per_fte_month;
  if (auto v = input::integer(body, "core_size", 0, 5000)) s.core_members = static_cast<int>(*v);
  // 0 = the sponsor never withdraws.
  if (auto v = input::integer(body, "sponsor_withdrawal_month", 0, 600))
    s.animator.withdrawal_years = *v ? *v / 12.0 : -1;
  if (auto v = input::integer(body, "horizon_months", 1, 600))
    s.horizon_years = static_cast<double>(*v) / 12.0;
  if (auto v = input::integer(body, "replications", 1, limits.max_replications))
    r.replications = static_cast<int>(*v);
  if (auto v = input::integer(body, "seed", 0, std::int64_t{1} << 53))
    r.seed = static_cast<std::uint64_t>(*v);

  auto candidate = input::integer(body, "candidate_index", 0, 1'000'000);
  auto initiative = input::integer(body, "initiative_id", 1, std::int64_t{1} << 53);
  if (candidate && initiative) workspace::fail_invalid("give candidate_index or initiative_id, not both");
  if (candidate) {
    if (*candidate >= static_cast<std::int64_t>(candidates.size()))
      workspace::fail_not_found("candidate " + std::to_string(*candidate));
    s = sim::calibrate_from_candidate(candidates[*candidate], s, "candidate");
    r.calibration = "candidate " + std::to_string(*candidate);
  } else if (initiative) {
    const Candidate firms = initiative_as_candidate(initiative_members(*initiative), *initiative);
    s = sim::calibrate_from_candidate(firms, s, "initiative");
    r.calibration = "initiative " + std::to_string(*initiative);
  }
  if (s.core_members > s.firm_count())
    workspace::fail_invalid("'core_size' (" + std::to_string(s.core_members) +
                                ") is larger than the number of firms (" + std::to_string(s.firm_count()) +
                                ")",
                            "out_of_range");
  s.validate();
  const double work = static_cast<double>(s.firm_count()) * r.replications * s.step_count();
  if (work > limits.max_work)
    workspace::fail_invalid("'replications': firms × replications × months is " +
                                std::to_string(std::llround(work)) + ", above the server's limit of " +
                                std::to_string(std::llround(limits.max_work)) +
                                "; use fewer replications, firms or months",
                            "out_of_range");
  return r;
}

// Steps shown on the curves: every step, thinned to at most ~720 points.
std::vector<std::size_t> shown_steps(std::size_t steps) {
  const std::size_t every = std::max<std::size_t>(1, (steps + 719) / 720);
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t <= steps; t += every) out.push_back(t);
  if (out.back() != steps) out.push_back(steps);
  return out;
}

// Mean members and the pointwise 90% band (5th and 95th percentiles over replications).
json members_curve(const std::vector<sim::ReplicationOutcome>& outcomes,
                   const std::vector<std::size_t>& steps, double months_per_step) {
  json month = json::array(), mean = json::array(), lo = json::array(), hi = json::array();
  std::vector<double> values(outcomes.size());
  for (std::size_t t : steps) {
    double sum = 0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto& m = outcomes[i].members;
      values[i] = m[std::min(t, m.size() - 1)];
      sum += values[i];
    }
    month.push_back(t * months_per_step);
    mean.push_back(sum / values.size());
    std::sort(values.begin(), values.end());
    lo.push_back(measure::quantile_type7(values, 0.05));
    hi.push_back(measure::quantile_type7(values, 0.95));
  }
  return {{"month", month}, {"mean", mean}, {"lo", lo}, {"hi", hi}};
}

// Kaplan–Meier S(t) of "not yet autonomous" with its 95% interval, as a step function on the
// months of the members curve.
json survival_curve(const sim::KaplanMeier& km, const std::vector<std::size_t>& steps,
                    double months_per_step) {
  json month = json::array(), s = json::array(), lo = json::array(), hi = json::array();
  std::size_t next = 0;
  double sv = 1, sl = 1, sh = 1;
  for (std::size_t t : steps) {
    const double m = t * months_per_step;
    while (next < km.points.size() && km.points[next].time * 12 <= m + 1e-9) {
      sv = km.points[next].survival, sl = km.points[next].lower, sh = km.points[next].upper;
      ++next;
    }
    month.push_back(m), s.push_back(sv), lo.push_back(sl), hi.push_back(sh);
  }
  return {{"month", month},
          {"s", s},
          {"lo", lo},
          {"hi", hi},
          {"median_months", km.median >= 0 ? json(km.median * 12) : json()}};
}

// A probability with its interval, by a horizon in years when given.
json probability(const sim::Proportion& p, std::optional<double> years = std::nullopt) {
  json out = {{"p", p.estimate}, {"lo", p.lower}, {"hi", p.upper}};
  if (years) out["years"] = *years;
  return out;
}

}  // namespace

json run_simulation(const json& body, const std::vector<Candidate>& candidates,
                    const InitiativeMembers& initiative_members, const SimulationLimits& limits,
                    ComputeGate& gate, const std::function<bool()>& client_gone) {
  const Request r = parse(body, candidates, initiative_members, limits);
  const sim::Scenario& s = r.scenario;
  return gate.run([&] {
    const sim::Population population = sim::build_population(s, r.seed);
    sim::MonteCarloOptions options;
    options.replications = r.replications;
    options.master_seed = r.seed;
    options.cancelled = client_gone;
    std::vector<sim::ReplicationOutcome> outcomes;
    try {
      outcomes = sim::run_replications(s, population, options);
    } catch (const sim::Cancelled& stopped) {
      // Said on stderr: the operator sees that the compute slot was given back early.
      std::fprintf(stderr, "grappe serve: simulation stopped after %d of %d replications: the client left\n",
                   stopped.done, stopped.total);
      throw Error(ErrorKind::conflict, "client_gone", "the client closed the connection: simulation stopped");
    }
    const auto summary = sim::summarise(s, outcomes);
    const double months_per_step = s.step_years * 12;
    const auto steps = shown_steps(static_cast<std::size_t>(s.step_count()));

    json critical = json::array();
    for (const auto& c : summary.critical_mass_by) critical.push_back(probability(c.probability, c.years));
    if (summary.critical_mass_by.empty() || summary.critical_mass_by.back().years < s.horizon_years - 1e-9)
      critical.push_back(
          probability(sim::critical_mass_probability(outcomes, s.horizon_years), s.horizon_years));
    json out = {{"replications", r.replications},
                {"seed", r.seed},
                {"firms", s.firm_count()},
                {"core_size", s.core_members},
                {"horizon_months", s.horizon_years * 12},
                {"calibration", r.calibration},
                {"critical_mass_members", s.critical_mass_members()},
                {"critical_mass", critical},
                {"members", members_curve(outcomes, steps, months_per_step)},
                {"autonomy", survival_curve(summary.time_to_autonomy, steps, months_per_step)},
                {"autonomy_by_horizon", probability(summary.autonomy_by_horizon.probability)},
                {"time_to_critical_mass",
                 {{"median_months", summary.time_to_critical_mass.median >= 0
                                        ? json(summary.time_to_critical_mass.median * 12)
                                        : json()}}},
                {"collapse_risk", nullptr},
                {"mean_final_members", summary.mean_final_members}};
    if (summary.has_withdrawal && summary.collapse.trials > 0) {
      out["collapse_risk"] = probability(summary.collapse);
      out["collapse_risk"]["withdrawal_month"] = s.animator.withdrawal_years * 12;
      out["collapse_risk"]["window_months"] = s.outcomes.collapse_window_years * 12;
    }
    return out;
  });
}

}  // namespace grappe::server
