// The limiting cases of docs/sim.md at reduced sizes (fast enough under ASan), with tolerances
// widened to about 3 standard errors of the reduced samples. Full sizes: limiting_cases_full_test.
#include "grappe/sim/limiting_cases.hpp"
#include "grappe/sim/replication.hpp"

#include <gtest/gtest.h>

#include "expect_cases.hpp"

#include <cmath>

namespace grappe::sim {
namespace {

}  // namespace

TEST(LimitingCases, TheoreticalValuesOfTheSpec) {
  // Granovetter fixed points and Arthur's formula reproduce docs/sim.md's numbers ("Limiting cases").
  EXPECT_NEAR(granovetter_fixed_point(0.10), 0.0077, 0.0005);
  EXPECT_NEAR(granovetter_fixed_point(0.15), 1.0, 1e-6);
  EXPECT_LT(granovetter_fixed_point(0.1220), 0.1);
  EXPECT_GT(granovetter_fixed_point(0.1225), 0.99);
  EXPECT_NEAR(granovetter_fixed_point(0.10, 0.0373), 0.083, 0.001);
  EXPECT_GT(granovetter_fixed_point(0.10, 0.0375), 0.99);
  EXPECT_LT(granovetter_fixed_point(0.10, 0, 0.4470), 0.2);
  EXPECT_GT(granovetter_fixed_point(0.10, 0, 0.4462), 0.99);
  EXPECT_NEAR(arthur_lock_in_probability(0.6, 3, 3), 0.77143, 1e-5);
  EXPECT_NEAR(arthur_lock_in_probability(0.5, 2, 4), 0.66667, 1e-5);
}

TEST(LimitingCases, BassContinuousDiscreteAndExponential) { expect_all_pass(bass_cases(CaseSize::reduced, 1)); }
TEST(LimitingCases, GranovetterThresholds) { expect_all_pass(granovetter_cases(CaseSize::reduced, 1)); }
TEST(LimitingCases, WattsCascades) { expect_all_pass(watts_cases(CaseSize::reduced, 1)); }
TEST(LimitingCases, ArthurLockIn) { expect_all_pass(arthur_cases(CaseSize::reduced, 1)); }
TEST(LimitingCases, PolyaUrn) { expect_all_pass(polya_cases(CaseSize::reduced, 1)); }

// The tests can fail: the same harness rejects a wrong model (Bass with q off by 20%).
TEST(LimitingCases, HarnessDetectsAWrongModel) {
  Scenario wrong = bass_scenario(0.03, 0.38 * 1.2, 2000, 0.01, 5, JoiningLaw::hazard);
  Population population = build_population(wrong, 1);
  double mean = 0;
  for (std::uint64_t r = 0; r < 10; ++r) mean += Replication(wrong, population, 1, r).run().members.back() / 2000.0 / 10;
  double e = std::exp(-(0.41) * 5), expected = (1 - e) / (1 + 0.38 / 0.03 * e);
  EXPECT_GT(std::fabs(mean - expected), 0.012);
}

}  // namespace grappe::sim
