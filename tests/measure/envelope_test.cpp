// Envelopes: the global band's coverage on fresh simulations (DO 2005 §4), the localisation
// test on planted clusters, and identical results for any thread count.
#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>

#include "grappe/measure/analysis.hpp"
#include "grappe/measure/null_model.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

TEST(Envelope, OrderStatisticsOnAHandMadeMatrix) {
  // 20 curves of 2 points: curve s has value s at both r. Confidence 0.8: alpha = 0.1, so at most
  // 2 curves may cross each global band: upper band = 3rd largest (17), lower = 3rd smallest (2).
  CurveMatrix m;
  m.rows = 20, m.columns = 2;
  for (int s = 0; s < 20; ++s) m.values.push_back(s), m.values.push_back(s);
  auto e = compute_envelope(m, 0.8);
  EXPECT_DOUBLE_EQ(e.hi_global[0], 17);
  EXPECT_DOUBLE_EQ(e.lo_global[1], 2);
  EXPECT_DOUBLE_EQ(e.upper_crossing, 0.1);
  EXPECT_DOUBLE_EQ(e.hi_local[0], 0.9 * 19);  // type-7 quantile
  std::vector<double> r{0, 1000}, observed{18, 1};
  auto test = localisation_test(r, observed, e);
  EXPECT_TRUE(test.localised[0]);
  EXPECT_DOUBLE_EQ(test.gamma, 1 * 1000);
  EXPECT_DOUBLE_EQ(test.psi, 0);  // DO: no dispersion index for a localised sector
  EXPECT_TRUE(test.dispersed[1]);
}

TEST(Envelope, SameResultsForAnyThreadCount) {
  MarkedPoints points = read_points_csv(testing::oracle_path("points5k.csv"));
  Sample sample = points.sample_of(*points.find_type("A"));
  auto r = testing::km_grid(60);
  auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    auto kd = analyse_kd(sample, points.x, points.y, r, {.weighted = true}, {.simulations = 40, .seed = 3});
    auto m = analyse_m(points, *points.find_type("A"), r, {.simulations = 8, .seed = 3});
    return std::pair{kd, m};
  };
  auto [kd1, m1] = run(1);
  auto [kd2, m2] = run(2);
  EXPECT_EQ(kd1.observed, kd2.observed);
  EXPECT_EQ(kd1.envelope->hi_global, kd2.envelope->hi_global);
  EXPECT_EQ(kd1.envelope->lo_local, kd2.envelope->lo_local);
  EXPECT_EQ(m1.envelope->hi_local.back(), m2.envelope->hi_local.back());
  EXPECT_EQ(m1.envelope->lo_global.back(), m2.envelope->lo_global.back());
}

TEST(NullModel, DrawSampleIsAUniformSubsetAndRestoresItsScratch) {
  std::vector<double> x{0, 1, 2, 3, 4}, y(5, 0.0), weights{10, 20};
  RandomLabelling null_model(x, y);
  RandomLabelling::Scratch scratch;
  Sample drawn;
  int counts[5] = {};
  for (int s = 0; s < 20000; ++s) {
    Rng rng(stream_seed(1, s));
    null_model.draw_sample(weights, rng, scratch, drawn);
    ASSERT_EQ(drawn.size(), 2u);
    ASSERT_NE(drawn.x[0], drawn.x[1]);
    EXPECT_EQ(drawn.weight[0], 10);
    ++counts[int(drawn.x[0])], ++counts[int(drawn.x[1])];
  }
  for (int c : counts) EXPECT_NEAR(c, 8000, 300);
  for (std::uint32_t i = 0; i < 5; ++i) EXPECT_EQ(scratch.permutation[i], i);
}

}  // namespace
}  // namespace grappe::measure
