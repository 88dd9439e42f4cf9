#include "grappe/sim/monte_carlo.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <string>

#include "outcome_sharing.hpp"

namespace grappe::sim {

Cancelled::Cancelled(int done_, int total_)
    : std::runtime_error("the simulation was stopped after " + std::to_string(done_) + " of " +
                         std::to_string(total_) + " replications"),
      done(done_),
      total(total_) {}

std::vector<ReplicationOutcome> run_replications(const Scenario& scenario, const Population& population,
                                                 const MonteCarloOptions& options) {
  std::vector<ReplicationOutcome> outcomes(options.replications);
  // Each replication owns its streams and its slot: no shared mutable state, so the schedule
  // (thread count, chunking, MPI ranks) cannot change any result.
  const parallel::Range mine = parallel::my_block(outcomes.size(), options.team);
  std::atomic<bool> stop{false};
  std::atomic<int> done{0};
  tbb::parallel_for(tbb::blocked_range<int>(static_cast<int>(mine.begin), static_cast<int>(mine.end), 1),
                    [&](const tbb::blocked_range<int>& range) {
    for (int r = range.begin(); r < range.end(); ++r) {
      if (stop.load(std::memory_order_relaxed) || (options.cancelled && options.cancelled())) {
        stop.store(true, std::memory_order_relaxed);
        return;
      }
      outcomes[r] = Replication(scenario, population, options.master_seed, static_cast<std::uint64_t>(r)).run();
      done.fetch_add(1, std::memory_order_relaxed);
      if (options.on_replication_done) options.on_replication_done();
    }
  });
  if (stop.load()) throw Cancelled(done.load(), static_cast<int>(outcomes.size()));
  share_outcomes(options.team, outcomes);
  return outcomes;
}

Proportion critical_mass_probability(const std::vector<ReplicationOutcome>& outcomes, double years) {
  int hits = 0;
  for (const auto& o : outcomes) hits += o.critical_mass_years >= 0 && o.critical_mass_years <= years + 1e-9;
  return wilson_interval(hits, static_cast<int>(outcomes.size()));
}

Summary summarise(const Scenario& scenario, const std::vector<ReplicationOutcome>& outcomes) {
  Summary s;
  const double horizon = scenario.horizon_years;
  for (double years : {5.0, 10.0, 15.0})
    if (years <= horizon + 1e-9) s.critical_mass_by.push_back({years, critical_mass_probability(outcomes, years)});
  std::vector<double> cm_times, autonomy_times;
  int autonomous = 0, collapses = 0, withdrawals = 0, collapses_cm = 0, cm_at_withdrawal = 0;
  long long started = 0, by_members = 0;
  const int steps_per_year = static_cast<int>(std::lround(1.0 / scenario.step_years));
  const int years = static_cast<int>(std::floor(horizon + 1e-9));
  s.mean_members_by_year.assign(years + 1, 0.0);
  for (const auto& o : outcomes) {
    cm_times.push_back(o.critical_mass_years);
    autonomy_times.push_back(o.autonomy_years);
    autonomous += o.autonomy_years >= 0;
    if (o.collapse >= 0) {
      ++withdrawals;
      collapses += o.collapse;
      if (o.critical_mass_at_withdrawal == 1) {
        ++cm_at_withdrawal;
        collapses_cm += o.collapse;
      }
    }
    s.mean_final_members += o.members.back();
    s.mean_degree += o.mean_degree;
    s.mean_successes += o.successes;
    s.mean_failures += o.failures;
    s.mean_projects += o.projects_started;
    started += o.projects_started;
    by_members += o.projects_member_initiated;
    s.mean_hours_budget += o.hours_budget;
    s.mean_hours_spent += o.hours_spent;
    s.budget_respected &= o.budget_respected;
    for (int y = 0; y <= years; ++y) {
      std::size_t index = std::min(o.members.size() - 1, static_cast<std::size_t>(y) * steps_per_year);
      s.mean_members_by_year[y] += o.members[index];
    }
  }
  const double n = std::max<std::size_t>(1, outcomes.size());
  for (double* v : {&s.mean_degree, &s.mean_final_members, &s.mean_successes, &s.mean_failures, &s.mean_projects,
                    &s.mean_hours_budget, &s.mean_hours_spent})
    *v /= n;
  for (auto& v : s.mean_members_by_year) v /= n;
  s.member_initiated_share = started > 0 ? static_cast<double>(by_members) / started : 0.0;
  s.autonomy_by_horizon = {horizon, wilson_interval(autonomous, static_cast<int>(outcomes.size()))};
  s.time_to_critical_mass = kaplan_meier(cm_times, horizon);
  s.time_to_autonomy = kaplan_meier(autonomy_times, horizon);
  s.has_withdrawal = withdrawals > 0;
  s.withdrawal_years = scenario.animator.withdrawal_years;
  s.collapse = wilson_interval(collapses, withdrawals);
  s.collapse_given_critical_mass = wilson_interval(collapses_cm, cm_at_withdrawal);
  return s;
}

PairedDifference paired_difference(const std::vector<ReplicationOutcome>& with,
                                   const std::vector<ReplicationOutcome>& without, double years) {
  PairedDifference d;
  const std::size_t n = std::min(with.size(), without.size());
  if (n == 0) return d;
  auto hit = [&](const ReplicationOutcome& o) { return o.critical_mass_years >= 0 && o.critical_mass_years <= years + 1e-9 ? 1.0 : 0.0; };
  double sum = 0, sum2 = 0;
  for (std::size_t r = 0; r < n; ++r) {
    double x = hit(with[r]) - hit(without[r]);
    sum += x;
    sum2 += x * x;
  }
  d.mean = sum / n;
  double variance = n > 1 ? (sum2 - n * d.mean * d.mean) / (n - 1) : 0.0;
  double half = 1.959963984540054 * std::sqrt(std::max(0.0, variance) / n);
  d.lower = d.mean - half;
  d.upper = d.mean + half;
  return d;
}

}  // namespace grappe::sim
