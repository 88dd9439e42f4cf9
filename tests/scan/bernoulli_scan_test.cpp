// The Bernoulli scan: window counts and LLRs equal a brute-force evaluation, planted clusters
// are found, p-values are calibrated under random labelling, threads do not change results.
#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "grappe/common/random.hpp"
#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/scan/kulldorff.hpp"

namespace grappe {
namespace {

struct Data {
  std::vector<double> x, y, w;
  std::vector<std::uint32_t> cases;
};

// n uniform points in a 40 km square; `planted` extra cases packed within 1.5 km of (10 km, 10 km).
Data make_data(std::uint64_t seed, int n, int cases, int planted) {
  Rng rng(seed);
  Data d;
  for (int i = 0; i < n; ++i) {
    d.x.push_back(rng.uniform() * 40000);
    d.y.push_back(rng.uniform() * 40000);
    d.w.push_back(1 + std::floor(rng.uniform() * 20));
  }
  std::vector<std::uint32_t> all(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) all[i] = static_cast<std::uint32_t>(i);
  for (int i = 0; i < cases; ++i) std::swap(all[i], all[i + rng.below(n - i)]);
  d.cases.assign(all.begin(), all.begin() + cases);
  for (int i = 0; i < planted; ++i) {
    const double a = rng.uniform() * 6.283185307, r = 1500 * std::sqrt(rng.uniform());
    d.cases.push_back(static_cast<std::uint32_t>(d.x.size()));
    d.x.push_back(10000 + r * std::cos(a));
    d.y.push_back(10000 + r * std::sin(a));
    d.w.push_back(5);
  }
  return d;
}

// Brute force: every window's content by looping over all points.
std::map<std::int32_t, double> brute_force_llr(const WindowLadder& ladder, const Data& d, const ScanOptions& o) {
  std::vector<char> is_case(d.x.size(), 0);
  for (auto p : d.cases) is_case[p] = 1;
  double C = 0, N = 0;
  for (std::size_t p = 0; p < d.x.size(); ++p) {
    const double w = o.weighted ? d.w[p] : 1.0;
    N += w;
    C += is_case[p] ? w : 0.0;
  }
  std::map<std::int32_t, double> result;
  for (std::size_t id = 0; id < ladder.centre_count(); ++id) {
    const double r = ladder.levels()[ladder.centre_level()[id]].radius;
    double c = 0, n = 0, cases = 0, count = 0;
    for (std::size_t p = 0; p < d.x.size(); ++p) {
      if (std::hypot(d.x[p] - ladder.centre_x()[id], d.y[p] - ladder.centre_y()[id]) > r) continue;
      const double w = o.weighted ? d.w[p] : 1.0;
      n += w;
      count += 1;
      c += is_case[p] ? w : 0.0;
      cases += is_case[p];
    }
    EXPECT_EQ(count, ladder.window_count()[id]);
    EXPECT_NEAR(n, ladder.window_total()[id], 1e-9);
    const double max_c = o.weighted ? o.max_case_share * C : std::floor(o.max_case_share * C);
    if (cases < o.min_cases || c > max_c) continue;
    const double llr = bernoulli_llr(c, n, C, N);
    if (llr > 0) result[static_cast<std::int32_t>(id)] = llr;
  }
  return result;
}

void expect_equal_to_brute_force(bool weighted) {
  const Data d = make_data(11, 700, 40, 12);
  const WindowLadder ladder(d.x, d.y, weighted ? std::span<const double>(d.w) : std::span<const double>{},
                            {1000, 8000, 1.5, 0.5});
  ScanOptions o;
  o.weighted = weighted;
  o.min_cases = 3;
  const auto fast = score_windows(ladder, d.cases, o);
  const auto slow = brute_force_llr(ladder, d, o);
  ASSERT_EQ(fast.size(), slow.size());
  for (const auto& s : fast) {
    ASSERT_TRUE(slow.count(s.window)) << s.window;
    EXPECT_NEAR(s.llr, slow.at(s.window), 1e-9 * std::max(1.0, s.llr));
  }
  ASSERT_FALSE(fast.empty());
  double best = 0;
  for (const auto& [id, llr] : slow) best = std::max(best, llr);
  EXPECT_NEAR(fast.front().llr, best, 1e-9 * best);
}

TEST(BernoulliScan, LlrOfAHandComputedWindow) {
  // 4 of 5 points inside are cases; 6 cases among 100 points overall.
  const double expected = 4 * std::log(4.0 / 5) + 1 * std::log(1.0 / 5) + 2 * std::log(2.0 / 95) +
                          93 * std::log(93.0 / 95) - (6 * std::log(6.0 / 100) + 94 * std::log(94.0 / 100));
  EXPECT_NEAR(bernoulli_llr(4, 5, 6, 100), expected, 1e-12);
  EXPECT_EQ(bernoulli_llr(0, 5, 6, 100), 0.0);   // low rate: not a cluster
  EXPECT_EQ(bernoulli_llr(3, 50, 6, 100), 0.0);  // same rate as outside
}

TEST(BernoulliScan, WindowScoresEqualBruteForce) { expect_equal_to_brute_force(false); }
TEST(BernoulliScan, WeightedWindowScoresEqualBruteForce) { expect_equal_to_brute_force(true); }

TEST(BernoulliScan, FindsAPlantedClusterWithASmallPValue) {
  const Data d = make_data(5, 3000, 60, 15);
  const WindowLadder ladder(d.x, d.y, {}, {1000, 10000, 1.5, 0.5});
  ScanOptions o;
  o.simulations = 199;
  o.seed = 42;
  o.early_stop = 0;
  const ScanResult r = scan_bernoulli(ladder, d.cases, o);
  ASSERT_FALSE(r.clusters.empty());
  const auto& top = r.clusters.front();
  EXPECT_LT(std::hypot(top.x - 10000, top.y - 10000), 2500);
  EXPECT_GE(top.cases, 12u);
  EXPECT_EQ(top.p_value_mc, 1.0 / 200);
  EXPECT_LT(top.p_value, 1.0 / 200);  // no simulation came close: the Gumbel tail takes over
  EXPECT_EQ(top.p_value, top.p_value_gumbel);
  // Where simulations do reach a cluster, the Gumbel fit agrees with the rank p-value.
  for (const auto& cl : r.clusters) {
    if (cl.exceedances >= 20) {
      EXPECT_NEAR(cl.p_value_gumbel, cl.p_value_mc, 0.05 + 0.3 * cl.p_value_mc);
    }
  }
  EXPECT_EQ(r.simulations_run, 199);
  // With sequential stopping, the primary is declared significant after 99 simulations.
  o.early_stop = 10;
  const ScanResult quick = scan_bernoulli(ladder, d.cases, o);
  EXPECT_TRUE(quick.stopped_for_significance);
  EXPECT_EQ(quick.simulations_run, 99);
  EXPECT_LT(quick.clusters.front().p_value, 1e-4);
  // Secondary clusters never overlap the primary.
  for (std::size_t i = 1; i < r.clusters.size(); ++i)
    EXPECT_GT(std::hypot(r.clusters[i].x - top.x, r.clusters[i].y - top.y), top.radius + r.clusters[i].radius);
}

TEST(BernoulliScan, SameResultsForOneOrTwoThreads) {
  const Data d = make_data(9, 2000, 80, 0);
  const WindowLadder ladder(d.x, d.y, d.w, {1000, 10000, 1.5, 0.5});
  ScanOptions o;
  o.simulations = 150;
  o.weighted = true;
  ScanResult one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = scan_bernoulli(ladder, d.cases, o);
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = scan_bernoulli(ladder, d.cases, o);
  }
  EXPECT_EQ(one.simulated_max, two.simulated_max);
  ASSERT_EQ(one.clusters.size(), two.clusters.size());
  for (std::size_t i = 0; i < one.clusters.size(); ++i) EXPECT_EQ(one.clusters[i].p_value, two.clusters[i].p_value);
}

// The dense counting of simulations (probe masks) must give the very same simulated maxima as
// the generic path: sparse sweeps (few cases), linear sweeps (many), wide probe blocks (spacing
// below 0.5), a case-share cap and pruning after the first batches.
void expect_dense_counting_matches(int cases, double spacing, double max_case_share, int simulations = 120) {
  const Data d = make_data(21, 3000, cases, 15);
  const WindowLadder ladder(d.x, d.y, {}, {800, 12000, 1.5, spacing});
  ScanOptions o;
  o.simulations = simulations;
  o.early_stop = 0;
  o.max_case_share = max_case_share;
  o.seed = 8;
  const ScanResult dense = scan_bernoulli(ladder, d.cases, o);
  o.dense_counting = false;
  const ScanResult generic = scan_bernoulli(ladder, d.cases, o);
  ASSERT_EQ(dense.simulated_max.size(), static_cast<std::size_t>(simulations));
  EXPECT_EQ(dense.simulated_max, generic.simulated_max);
  ASSERT_EQ(dense.clusters.size(), generic.clusters.size());
  for (std::size_t i = 0; i < dense.clusters.size(); ++i) EXPECT_EQ(dense.clusters[i].p_value, generic.clusters[i].p_value);
  EXPECT_GT(*std::max_element(dense.simulated_max.begin(), dense.simulated_max.end()), 0.0);
}

// 600 simulations: the counters' 8-bit simulation tags wrap on every thread.
TEST(BernoulliScan, DenseCountingMatchesTheGenericPathForFewCases) { expect_dense_counting_matches(25, 0.5, 1.0, 600); }
TEST(BernoulliScan, DenseCountingMatchesTheGenericPathForManyCases) { expect_dense_counting_matches(900, 0.5, 0.3); }
TEST(BernoulliScan, DenseCountingMatchesTheGenericPathForWideBlocks) { expect_dense_counting_matches(200, 0.3, 1.0); }

TEST(WindowLadder, ProbeMasksListTheWindowsOfEveryPoint) {
  const Data d = make_data(3, 1500, 10, 0);
  for (double spacing : {0.5, 0.35}) {
    const WindowLadder ladder(d.x, d.y, {}, {700, 9000, 1.7, spacing});
    const auto dense = ladder.dense_of_centre();
    for (std::size_t l = 0; l < ladder.levels().size(); ++l) {
      const auto& level = ladder.levels()[l];
      for (std::size_t p = 0; p < ladder.point_count(); ++p) {
        std::vector<std::int64_t> expected, got;
        ladder.for_each_window(level, d.x[p], d.y[p], [&](std::int32_t id) { expected.push_back(dense[id]); });
        const auto probe = ladder.probe(p);
        EXPECT_EQ(probe.x, d.x[p]);
        EXPECT_EQ(probe.y, d.y[p]);
        std::uint32_t m = probe.mask[l];
        if (m == WindowLadder::kWideBlock) {
          EXPECT_LT(spacing, 0.5);
          continue;
        }
        const std::int64_t corner = ladder.block_corner(level, d.x[p], d.y[p]);
        for (int k = 0; k < 25; ++k)
          if (m >> k & 1) got.push_back(corner + level.probe_offset[k]);
        std::sort(expected.begin(), expected.end());
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got, expected) << "level " << l << " point " << p;
      }
    }
  }
}

// Under random labelling, P(p ≤ 0.05) should be 5%: 300 null data sets, 99 simulations each.
// Binomial(300, 0.05) has sd 3.8 around 15: we accept 6..26 rejections (beyond ±2.8 sd).
double null_rejection_rate(int early_stop) {
  int rejections = 0, runs = 300;
  for (int run = 0; run < runs; ++run) {
    const Data d = make_data(1000 + run, 600, 30, 0);
    const WindowLadder ladder(d.x, d.y, {}, {2000, 10000, 1.6, 0.5});
    ScanOptions o;
    o.simulations = 99;
    o.min_cases = 2;
    o.early_stop = early_stop;
    o.max_clusters = 1;
    o.seed = stream_seed(77, static_cast<std::uint64_t>(run));
    const ScanResult r = scan_bernoulli(ladder, d.cases, o);
    rejections += !r.clusters.empty() && r.clusters.front().p_value <= 0.05;
  }
  return static_cast<double>(rejections) / runs;
}

TEST(BernoulliScan, PValuesAreCalibratedUnderTheNull) {
  const double rate = null_rejection_rate(0);
  std::printf("P(p <= 0.05) under the null: %.3f\n", rate);
  EXPECT_GE(rate, 0.02);
  EXPECT_LE(rate, 0.087);
}

TEST(BernoulliScan, SequentialStoppingKeepsPValuesCalibrated) {
  const double rate = null_rejection_rate(10);
  std::printf("P(p <= 0.05) under the null: %.3f\n", rate);
  EXPECT_GE(rate, 0.02);
  EXPECT_LE(rate, 0.087);
}

}  // namespace
}  // namespace grappe
