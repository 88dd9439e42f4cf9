#pragma once
// Execution of a Scenario many times: replications in parallel (oneTBB) with per-replication
// streams, so results are bit-identical for any thread count; summaries (Wilson, Kaplan–Meier)
// and sweeps with paired differences against "no animator" on common random numbers.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grappe/parallel/team.hpp"
#include "grappe/sim/population.hpp"
#include "grappe/sim/replication.hpp"
#include "grappe/sim/scenario.hpp"
#include "grappe/sim/statistics.hpp"

namespace grappe::sim {

struct MonteCarloOptions {
  int replications = 1000;
  std::uint64_t master_seed = 20260127;
  std::function<void()> on_replication_done{};  // progress; called from worker threads
  const parallel::Team* team = nullptr;         // MPI ranks sharing the replications (null: this process)
  // Asked before each replication, from worker threads: true stops the run, which then throws
  // Cancelled (the server's caller left). Not with a team: the other ranks would wait.
  std::function<bool()> cancelled{};
};

// A run stopped by MonteCarloOptions::cancelled after `done` of `total` replications.
class Cancelled : public std::runtime_error {
 public:
  Cancelled(int done, int total);
  int done, total;
};

std::vector<ReplicationOutcome> run_replications(const Scenario& scenario, const Population& population,
                                                 const MonteCarloOptions& options);

struct ProbabilityAt {
  double years;
  Proportion probability;
};
struct Summary {
  std::vector<ProbabilityAt> critical_mass_by;  // 5, 10, 15 years (those within the horizon)
  ProbabilityAt autonomy_by_horizon;
  KaplanMeier time_to_critical_mass, time_to_autonomy;
  bool has_withdrawal = false;
  double withdrawal_years = -1;
  Proportion collapse, collapse_given_critical_mass;
  double mean_final_members = 0, mean_successes = 0, mean_failures = 0, mean_projects = 0;
  double member_initiated_share = 0;  // of all projects started
  double mean_degree = 0;             // of the contact networks
  double mean_hours_budget = 0, mean_hours_spent = 0;
  bool budget_respected = true;
  std::vector<double> mean_members_by_year;  // at t = 0, 1, 2, … years
};
Summary summarise(const Scenario& scenario, const std::vector<ReplicationOutcome>& outcomes);

// P(critical mass by t) as the share of replications with critical_mass_years ≤ t.
Proportion critical_mass_probability(const std::vector<ReplicationOutcome>& outcomes, double years);

// Paired difference of critical-mass indicators (same replication index, common random numbers):
// mean and a 95% normal interval of the per-replication differences.
struct PairedDifference {
  double mean = 0, lower = 0, upper = 0;
};
PairedDifference paired_difference(const std::vector<ReplicationOutcome>& with,
                                   const std::vector<ReplicationOutcome>& without, double years);

enum class SweepAxis { hours, core, withdrawal };
struct SweepPoint {
  SweepAxis axis;
  double value;                 // FTE, core members, or withdrawal years (−1: never)
  Proportion critical_mass;     // by the horizon
  Proportion critical_mass_10y;
  PairedDifference value_of_animation;  // ΔP = P(CM | H) − P(CM | 0), paired
  Proportion collapse;          // trials = 0 when there is no withdrawal
  KaplanMeier time_to_critical_mass;
};
const char* axis_name(SweepAxis axis);
std::vector<double> default_sweep_values(SweepAxis axis);  // docs/sim.md's grids (`--sweep`)
std::vector<SweepPoint> run_sweep(const Scenario& base, const Population& population, SweepAxis axis,
                                  const std::vector<double>& values, const MonteCarloOptions& options);

// "One can create favourable conditions, not force success": under sparse networks or few shared
// needs, P(CM) for budgets up to `max_fte` stays far from 1.
struct CannotForceCase {
  std::string condition;  // "sparse network", "few shared needs"
  std::vector<double> fte;
  std::vector<Proportion> critical_mass;
  double best_upper = 0;  // largest Wilson upper bound over the budgets
};
std::vector<CannotForceCase> cannot_force_success(const Scenario& base, const MonteCarloOptions& options);

}  // namespace grappe::sim
