// Integration-size statistics: the global band's coverage on fresh null simulations (DO 2005
// §4), and the exact Kd path against the dbmss oracle on the 2,000 A points of points20k.
#include <gtest/gtest.h>

#include <algorithm>

#include "grappe/measure/analysis.hpp"
#include "grappe/measure/null_model.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

TEST(Envelope, GlobalBandCoverageOnFreshSimulations) {
  // Build the bands from 999 null curves, then count how many of 1000 *other* null curves leave
  // each band somewhere in 0–180 km: about 5% each (binomial sd 0.7%). Local bands would be left
  // far more often, so the test can fail.
  MarkedPoints points = read_points_csv(testing::oracle_path("points5k.csv"));
  Sample sample = points.sample_of(*points.find_type("A"));
  auto r = testing::km_grid(180);
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
  auto analysis = analyse_kd(sample, points.x, points.y, testing::km_grid(180), {}, {.simulations = 199, .seed = 5});
  // B has the economy's distribution: its curve stays inside the global bands at most distances.
  int outside = 0;
  for (std::size_t k = 0; k < analysis.r.size(); ++k) outside += analysis.test.localised[k] + analysis.test.dispersed[k];
  EXPECT_LT(outside, 20);
}

// The exact path against the oracle (slow: 181 × 2 exp per pair), so here rather than in the unit tests.
void expect_exact_matches_oracle(const std::string& points, const std::string& oracle_file, const std::string& type, bool weighted) {
  auto oracle = testing::read_oracle_curve(oracle_file);
  Sample s = testing::oracle_sample(points, type);
  auto curve = kdhat(s, oracle.r, {.weighted = weighted, .exact = true});
  double peak = *std::max_element(oracle.value.begin(), oracle.value.end());
  for (std::size_t k = 0; k < oracle.r.size(); ++k)
    EXPECT_NEAR(curve.kd[k], oracle.value[k], std::max(2e-3 * oracle.value[k], 1e-3 * peak)) << oracle_file << " r=" << oracle.r[k];
}

TEST(KdOracle, Points5kExact) {
  for (std::string type : {"A", "B"})
    for (bool weighted : {false, true})
      expect_exact_matches_oracle("points5k.csv", "points5k_kd_" + type + (weighted ? "_weighted" : "") + ".csv", type, weighted);
}

// The weighted 20k case is checked on the binned path (kd_test).
TEST(KdOracle, Points20kExact) {
  expect_exact_matches_oracle("points20k.csv", "points20k_kd_A.csv", "A", false);
}

}  // namespace
}  // namespace grappe::measure
