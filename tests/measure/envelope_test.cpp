// Envelopes: the global band's coverage on fresh simulations (DO 2005 §4), the localisation
// test on planted clusters, and identical results for any thread count.
#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>

#include "grappe/measure/analysis.hpp"
#include "grappe/measure/null_model.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

std::vector<double> km_grid(double rmax_km) {
  std::vector<double> r;
  for (double v = 0; v <= rmax_km; v += 1) r.push_back(v * 1000);
  return r;
}

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

TEST(Envelope, GlobalBandCoverageOnFreshSimulations) {
  // Build the bands from 999 null curves, then count how many of 1000 *other* null curves leave
  // each band somewhere in 0–180 km: about 5% each (binomial sd 0.7%). Local bands would be left
  // far more often, so the test can fail.
  MarkedPoints points = read_points_csv(testing::oracle_path("points5k.csv"));
  Sample sample = points.sample_of(*points.find_type("A"));
  auto r = km_grid(180);
  auto analysis = analyse_kd(sample, points.x, points.y, r, {}, {.simulations = 999, .seed = 11});
  const Envelope& e = *analysis.envelope;
  EXPECT_LE(e.upper_crossing, 0.05);
  EXPECT_GE(e.upper_crossing, 0.04);

  RandomLabelling null_model(points.x, points.y);
  RandomLabelling::Scratch scratch;
  KdWorkspace workspace;
  Sample drawn;
  int above = 0, below = 0, outside_local = 0;
  const int fresh = 1000;
  for (int s = 0; s < fresh; ++s) {
    Rng rng(stream_seed(12345, s));
    null_model.draw_sample(sample.weight, rng, scratch, drawn);
    auto curve = kdhat(drawn, r, {.parallel = false}, &workspace);
    bool up = false, down = false, local = false;
    for (std::size_t k = 0; k < r.size(); ++k) {
      up |= curve.kd[k] > e.hi_global[k];
      down |= curve.kd[k] < e.lo_global[k];
      local |= curve.kd[k] > e.hi_local[k] || curve.kd[k] < e.lo_local[k];
    }
    above += up, below += down, outside_local += local;
  }
  EXPECT_NEAR(above / double(fresh), 0.05, 0.025);
  EXPECT_NEAR(below / double(fresh), 0.05, 0.025);
  EXPECT_GT(outside_local / double(fresh), 0.3);
  // Type A is planted in three tight clusters: localised, with Γ > 0 and no dispersion index.
  EXPECT_GT(analysis.test.gamma, 0);
  EXPECT_TRUE(analysis.test.localised[5]);
  EXPECT_EQ(analysis.test.psi, 0);
}

TEST(Envelope, TypeBDrawnLikeTheEconomyIsRarelyLocalised) {
  MarkedPoints points = read_points_csv(testing::oracle_path("points5k.csv"));
  Sample sample = points.sample_of(*points.find_type("B"));
  auto analysis = analyse_kd(sample, points.x, points.y, km_grid(180), {}, {.simulations = 199, .seed = 5});
  // B has the economy's distribution: its curve stays inside the global bands at most distances.
  int outside = 0;
  for (std::size_t k = 0; k < analysis.r.size(); ++k) outside += analysis.test.localised[k] + analysis.test.dispersed[k];
  EXPECT_LT(outside, 20);
}

TEST(Envelope, SameResultsForAnyThreadCount) {
  MarkedPoints points = read_points_csv(testing::oracle_path("points5k.csv"));
  Sample sample = points.sample_of(*points.find_type("A"));
  auto r = km_grid(60);
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
