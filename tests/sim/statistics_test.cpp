#include "grappe/sim/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace grappe::sim {

TEST(Wilson, MatchesPublishedInterval) {
  // Newcombe (1998), Table I example: 81/263 → 0.2553 to 0.3662 (Wilson score, no correction).
  Proportion p = wilson_interval(81, 263);
  EXPECT_NEAR(p.estimate, 0.30798, 1e-5);
  EXPECT_NEAR(p.lower, 0.2553, 1e-4);
  EXPECT_NEAR(p.upper, 0.3662, 1e-4);
  Proportion zero = wilson_interval(0, 10);
  EXPECT_EQ(zero.lower, 0.0);
  EXPECT_NEAR(zero.upper, 0.2775, 1e-4);
}

TEST(Wilson, HalfWidthAtThousandReplicationsIsAtMostSpecBound) {
  Proportion worst = wilson_interval(500, 1000);
  EXPECT_LE((worst.upper - worst.lower) / 2, 0.031);
}

TEST(KaplanMeier, TextbookExampleWithCensoring) {
  // Times 1, 2, 2, censored, censored (times < 0): S(1) = 4/5, S(2) = 4/5 · 2/4 = 0.4.
  KaplanMeier km = kaplan_meier({1, 2, 2, -1, -1}, 10);
  ASSERT_EQ(km.points.size(), 2u);
  EXPECT_DOUBLE_EQ(km.points[0].survival, 0.8);
  EXPECT_DOUBLE_EQ(km.points[1].survival, 0.4);
  EXPECT_EQ(km.points[1].at_risk, 4);
  EXPECT_EQ(km.events, 3);
  EXPECT_EQ(km.censored, 2);
  EXPECT_DOUBLE_EQ(km.median, 2);
  // Greenwood: Var = S² Σ d/(n(n−d)) = 0.16 · (1/20 + 2/8) = 0.048.
  double var_log_log = (1.0 / 20 + 2.0 / 8) / std::pow(std::log(0.4), 2);
  EXPECT_NEAR(km.points[1].lower, std::pow(0.4, std::exp(1.959963984540054 * std::sqrt(var_log_log))), 1e-12);
  EXPECT_LT(km.points[1].lower, 0.4);
  EXPECT_GT(km.points[1].upper, 0.4);
}

TEST(NormalQuantile, InvertsTheCdf) {
  // A relative error of 1.2e-9 on x moves Φ(x) by at most |x| φ(x) 1.2e-9 (≈ 5e-8 p at p = 1e-10).
  for (double p : {1e-10, 0.001, 0.02425, 0.1, 0.5, 0.8, 0.999, 1 - 1e-9})
    EXPECT_NEAR(normal_cdf(normal_quantile_fast(p)), p, 1e-12 + 1e-7 * p);
  EXPECT_NEAR(normal_quantile_fast(0.975), 1.959963984540054, 1.2e-9 * 1.96);
}

TEST(BetaCdf, IntegerParameters) {
  EXPECT_NEAR(beta_cdf_integer(0.3, 1, 1), 0.3, 1e-14);
  EXPECT_NEAR(beta_cdf_integer(0.5, 2, 1), 0.25, 1e-14);        // x²
  EXPECT_NEAR(beta_cdf_integer(0.5, 1, 2), 0.75, 1e-14);        // 1 − (1 − x)²
  EXPECT_NEAR(beta_cdf_integer(0.4, 3, 2), 0.1792, 1e-12);      // 4x³ − 3x⁴
}

TEST(KolmogorovSmirnov, AcceptsUniformAndRejectsShifted) {
  std::vector<double> uniform, shifted;
  for (int i = 0; i < 1000; ++i) {
    double u = (i + 0.5) / 1000;
    uniform.push_back(u);
    shifted.push_back(u * u);
  }
  auto cdf = [](double x) { return std::clamp(x, 0.0, 1.0); };
  EXPECT_GT(ks_p_value(ks_statistic(uniform, cdf), 1000), 0.99);
  EXPECT_LT(ks_p_value(ks_statistic(shifted, cdf), 1000), 1e-6);
  EXPECT_NEAR(ks_p_value(1.36 / std::sqrt(1000.0), 1000), 0.05, 0.005);
}

}  // namespace grappe::sim
