// Invariants of the mechanisms with no closed form (docs/sim.md §3): hours spent ≤ budget, and
// monotonicity — more animator hours never lower any hazard or odds.
#include "grappe/sim/mechanisms.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace grappe::sim {

TEST(Animator, HoursSpentNeverExceedBudgetAndFollowPriorities) {
  AnimatorSpec a;
  Rng rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    double budget = rng.uniform() * 300;
    int projects = static_cast<int>(rng.below(8));
    std::vector<int> priority;
    for (int k = 0; k < 6; ++k) {
      if (rng.uniform() < 0.5) {
        priority.push_back(k);
      }
    }
    int candidates = static_cast<int>(rng.below(40));
    Allocation x = allocate_hours(budget, a, projects, priority, 6, candidates);
    ASSERT_LE(x.spent(), budget * (1 + 1e-12) + 1e-12);
    ASSERT_LE(x.outreach_hours, a.max_outreach_hours);
    if (x.outreach_hours < a.max_outreach_hours) {
      ASSERT_NEAR(x.spent(), budget, 1e-9);  // only saturation leaves hours unspent
    }
    ASSERT_LE(x.interviews, candidates);
    // Projects come first: nothing goes elsewhere while a project lacks support.
    bool projects_short = x.support_hours < projects * a.support_hours_per_project - 1e-9;
    if (projects_short) {
      ASSERT_EQ(x.mobilisation_hours + x.interview_hours + x.outreach_hours, 0.0);
    }
    for (double s : x.support) ASSERT_TRUE(s >= 0 && s <= 1);
    for (double m : x.mobilisation) ASSERT_TRUE(m >= 0 && m <= 1);
  }
}

TEST(Animator, EveryCategoryIsNonDecreasingInTheBudget) {
  AnimatorSpec a;
  Rng rng(11);
  for (int trial = 0; trial < 2000; ++trial) {
    int projects = static_cast<int>(rng.below(6));
    std::vector<int> priority = {2, 0, 5};
    int candidates = static_cast<int>(rng.below(30));
    double low = rng.uniform() * 200, high = low + rng.uniform() * 100;
    Allocation x = allocate_hours(low, a, projects, priority, 6, candidates);
    Allocation y = allocate_hours(high, a, projects, priority, 6, candidates);
    for (int p = 0; p < projects; ++p) ASSERT_LE(x.support[p], y.support[p]);
    for (int k = 0; k < 6; ++k) ASSERT_LE(x.mobilisation[k], y.mobilisation[k]);
    ASSERT_LE(x.interviews, y.interviews);
    // Outreach is last in line: it can only shrink when one more interview becomes affordable.
    if (x.interviews == y.interviews) {
      ASSERT_LE(x.outreach_hours, y.outreach_hours + 1e-12);
    }
  }
}

TEST(Hazards, MoreAnimatorHoursNeverLowerAnyHazard) {
  JoiningSpec j;
  NeedsSpec n;
  ProjectSpec p;
  for (double hours = 0; hours < 200; hours += 7.5) {
    EXPECT_LE(spontaneous_hazard(j, hours), spontaneous_hazard(j, hours + 1));
  }
  EXPECT_LE(discovery_hazard(n, false), discovery_hazard(n, true));
  for (double s = 0; s < 1; s += 0.05) {
    EXPECT_LE(method_rate(p, s), method_rate(p, s + 0.05));
    EXPECT_LE(success_probability(p, 0.5, s), success_probability(p, 0.5, s + 0.05));
  }
  // Mobilisation lowers positive thresholds, so commitment (a hazard of joining a project) rises.
  for (double a = 0; a < 1; a += 0.1) {
    EXPECT_GE(mobilised_threshold(0.3, 0.5, a), mobilised_threshold(0.3, 0.5, a + 0.1));
    EXPECT_EQ(mobilised_threshold(-0.1, 0.5, a), -0.1);
  }
}

TEST(Hazards, EventProbabilityIsExactAndMonotone) {
  for (double x : {1e-9, 1e-5, 5e-4, 9.99e-4, 1e-3, 0.01, 0.5, 3.0})
    EXPECT_NEAR(event_probability(x), -std::expm1(-x), 1e-15);
  double previous = 0;
  for (double x = 0; x < 0.01; x += 1e-5) {
    double p = event_probability(x);
    ASSERT_GE(p, previous);
    previous = p;
  }
  EXPECT_EQ(event_probability(0.4, JoiningLaw::linear), 0.4);
  EXPECT_EQ(event_probability(1.4, JoiningLaw::linear), 1.0);
}

TEST(Sponsor, WithdrawalAndDecay) {
  AnimatorSpec a;
  a.fte = 0.5;
  a.withdrawal_years = 3;
  EXPECT_NEAR(sponsor_hours(a, 2.99), 0.5 * 1607 / 12, 1e-9);
  EXPECT_EQ(sponsor_hours(a, 3.0), 0.0);
  a.withdrawal_years = -1;
  EXPECT_GT(sponsor_hours(a, 14.9), 0.0);
  a.sponsor = SponsorPolicy::decay;
  a.decay_years = 4;
  EXPECT_NEAR(sponsor_hours(a, 4), 0.5 * 1607 / 12 / std::exp(1.0), 1e-9);
}

TEST(IncreasingReturns, PicksArgmaxOfPreferencePlusReturns) {
  EXPECT_EQ(increasing_returns_choice({2.5, 0}, 1.0, {0, 2}), 0);  // 2.5 > 2
  EXPECT_EQ(increasing_returns_choice({2.5, 0}, 1.0, {0, 3}), 1);  // 2.5 < 3: lock-in reached
  EXPECT_EQ(increasing_returns_choice({0, 0, 0}, 1.0, {1, 4, 2}), 1);
}

TEST(Cascade, CompleteMixingCountsAndNetworkNeighbours) {
  ContactNetwork complete;
  complete.complete = true;
  complete.size = 5;
  CascadeScratch scratch;
  std::vector<int> pool = {0, 1, 2, 3, 4};
  // Thresholds as counts c/5: 0, 1, 2, 4, 4 → 0, 1, 2 commit, then 3 < 4 stops.
  auto committed = threshold_cascade(pool, {0, 0.2, 0.4, 0.8, 0.8}, {0, 0, 0, 0, 0}, complete, scratch);
  EXPECT_EQ(std::count(committed.begin(), committed.end(), 1), 3);
  // A path 0–1–2–3–4 with threshold 0.5: a seed at one end activates the whole path.
  ContactNetwork path;
  path.size = 5;
  path.offset = {0, 1, 3, 5, 7, 8};
  path.neighbour = {1, 0, 2, 1, 3, 2, 4, 3};
  path.weight.assign(8, 1.0f);
  committed = threshold_cascade(pool, std::vector<double>(5, 0.5), {1, 0, 0, 0, 0}, path, scratch);
  EXPECT_EQ(std::count(committed.begin(), committed.end(), 1), 5);
  // Threshold 0.6: interior nodes (degree 2) need both neighbours: nothing beyond node 1.
  committed = threshold_cascade(pool, std::vector<double>(5, 0.6), {1, 0, 0, 0, 0}, path, scratch);
  EXPECT_EQ(std::count(committed.begin(), committed.end(), 1), 1);
  // Pool restricted to {0, 1, 3}: node 3 has no pool contact and never commits.
  committed = threshold_cascade({0, 1, 3}, std::vector<double>(3, 0.5), {1, 0, 0}, path, scratch);
  EXPECT_EQ(committed, (std::vector<char>{1, 1, 0}));
}

}  // namespace grappe::sim
