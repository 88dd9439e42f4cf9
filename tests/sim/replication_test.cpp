// The full model (needs, skills, animator, autonomy): invariants and reproducibility.
#include "grappe/sim/replication.hpp"

#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>

#include "grappe/sim/monte_carlo.hpp"

namespace grappe::sim {
namespace {

Scenario small_territory() {
  Scenario s;
  s.population.firms = 120;
  s.horizon_years = 10;
  s.animator.fte = 0.5;
  s.animator.withdrawal_years = 4;
  return s;
}

std::vector<ReplicationOutcome> run_with_threads(const Scenario& s, int threads, int replications) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  Population population = build_population(s, 99);
  return run_replications(s, population, MonteCarloOptions{replications, 99, {}});
}

bool same(const ReplicationOutcome& a, const ReplicationOutcome& b) {
  return a.members == b.members && a.critical_mass_years == b.critical_mass_years &&
         a.autonomy_years == b.autonomy_years && a.collapse == b.collapse && a.successes == b.successes &&
         a.failures == b.failures && a.projects_started == b.projects_started && a.hours_spent == b.hours_spent;
}

}  // namespace

TEST(Replication, BitIdenticalForOneAndTwoThreads) {
  Scenario s = small_territory();
  auto one = run_with_threads(s, 1, 24);
  auto two = run_with_threads(s, 2, 24);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t r = 0; r < one.size(); ++r) EXPECT_TRUE(same(one[r], two[r])) << "replication " << r;
  Summary a = summarise(s, one), b = summarise(s, two);
  EXPECT_EQ(a.mean_final_members, b.mean_final_members);
  EXPECT_EQ(a.critical_mass_by.back().probability.estimate, b.critical_mass_by.back().probability.estimate);
}

TEST(Replication, DeterministicForASeedAndDifferentAcrossSeeds) {
  Scenario s = small_territory();
  Population population = build_population(s, 5);
  ReplicationOutcome a = Replication(s, population, 5, 3).run();
  ReplicationOutcome b = Replication(s, population, 5, 3).run();
  EXPECT_TRUE(same(a, b));
  bool any_difference = false;
  for (std::uint64_t r = 0; r < 5 && !any_difference; ++r)
    any_difference = !same(a, Replication(s, population, 6, r).run());
  EXPECT_TRUE(any_difference);
}

TEST(Replication, HoursSpentNeverExceedTheBudgetAtAnyStep) {
  Scenario s = small_territory();
  s.animator.sponsor = SponsorPolicy::decay;
  Population population = build_population(s, 8);
  for (std::uint64_t r = 0; r < 6; ++r) {
    Replication rep(s, population, 8, r);
    double budget = 0, spent = 0;
    while (!rep.finished()) {
      rep.step();
      ASSERT_LE(rep.last_allocation().spent(), rep.last_budget() + 1e-9);
      budget += rep.last_budget();
      spent += rep.last_allocation().spent();
    }
    EXPECT_TRUE(rep.outcome().budget_respected);
    EXPECT_NEAR(rep.outcome().hours_budget, budget, 1e-6);
    EXPECT_NEAR(rep.outcome().hours_spent, spent, 1e-6);
    EXPECT_GT(budget, 0);
  }
}

TEST(Replication, CommonRandomNumbersShareNetworkAndCoreAcrossScenarios) {
  Scenario a = small_territory(), b = small_territory();
  b.animator.fte = 0;
  b.core_members = 10;
  Population population = build_population(a, 12);
  Replication ra(a, population, 12, 4), rb(b, population, 12, 4);
  EXPECT_EQ(ra.network().neighbour, rb.network().neighbour);
  EXPECT_EQ(ra.member_count(), 5);
  EXPECT_EQ(rb.member_count(), 10);
}

TEST(Replication, OutcomesAreConsistent) {
  Scenario s = small_territory();
  Population population = build_population(s, 21);
  auto outcomes = run_replications(s, population, MonteCarloOptions{30, 21, {}});
  for (const auto& o : outcomes) {
    ASSERT_EQ(o.members.size(), static_cast<std::size_t>(s.step_count() + 1));
    EXPECT_EQ(o.members[0], s.core_members);
    EXPECT_LE(o.projects_member_initiated, o.projects_started);
    EXPECT_LE(o.successes + o.failures, o.projects_started);
    if (o.critical_mass_years >= 0) {
      int step = static_cast<int>(std::lround(o.critical_mass_years / s.step_years));
      EXPECT_GE(o.members[step], s.critical_mass_members());
      EXPECT_GE(o.successes, s.outcomes.critical_mass_successes);
    }
    EXPECT_GE(o.collapse, 0);  // a withdrawal at 4 years lies within the horizon
    for (int m : o.members) ASSERT_LE(m, s.firm_count());
  }
}

// Paired comparison: averaged over replications, an animator does not lower the number of
// members or of successful projects (monotonicity of hazards seen through the whole model).
TEST(Replication, AnimationHelpsOnAverageOnPairedRuns) {
  Scenario with = small_territory(), without = small_territory();
  with.animator.withdrawal_years = -1;
  with.animator.fte = 1;
  without.animator.fte = 0;
  Population population = build_population(with, 31);
  MonteCarloOptions options{40, 31, {}};
  Summary a = summarise(with, run_replications(with, population, options));
  Summary b = summarise(without, run_replications(without, population, options));
  EXPECT_GT(a.mean_final_members, b.mean_final_members);
  EXPECT_GT(a.mean_successes, b.mean_successes);
  EXPECT_EQ(b.mean_hours_spent, 0.0);
}

}  // namespace grappe::sim
