// Kd: the binned and exact paths against a naive transcription of the kernel formula, and both
// against the dbmss oracle (tests/data/oracles/README.md: 2e-3 relative, floor 1e-3·max).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "grappe/common/random.hpp"
#include "grappe/measure/kd.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

using testing::oracle_sample;
using testing::read_oracle_curve;

// The formula of oracles/README.md, written as plainly as possible (independent of kd_exact).
std::vector<double> naive_kd(const Sample& s, const std::vector<double>& r, bool weighted) {
  const double rmax = r.back();
  std::vector<double> d, w;
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      double dist = std::sqrt((s.x[i] - s.x[j]) * (s.x[i] - s.x[j]) + (s.y[i] - s.y[j]) * (s.y[i] - s.y[j]));
      if (dist <= 2 * rmax) d.push_back(dist), w.push_back(weighted ? s.weight[i] * s.weight[j] : 1.0);
    }
  const double n = double(d.size());
  double mean = std::accumulate(d.begin(), d.end(), 0.0) / n, ss = 0;
  for (double v : d) ss += (v - mean) * (v - mean);
  double sd = std::sqrt(ss / (n - 1));
  std::vector<double> sorted = d;
  std::sort(sorted.begin(), sorted.end());
  auto q = [&](double p) {
    double h = (n - 1) * p;
    std::size_t lo = std::size_t(std::floor(h));
    return sorted[lo] + (h - double(lo)) * (sorted[std::min(lo + 1, sorted.size() - 1)] - sorted[lo]);
  };
  double h = 0.9 * std::min(sd, (q(0.75) - q(0.25)) / 1.34) * std::pow(n, -0.2);
  double total = 0;  // every pair, also those beyond 2·rmax
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t j = i + 1; j < s.size(); ++j) total += weighted ? s.weight[i] * s.weight[j] : 1.0;
  const double c = 1 / std::sqrt(2 * M_PI);
  std::vector<double> kd;
  for (double rv : r) {
    double sum = 0;
    for (std::size_t k = 0; k < d.size(); ++k)
      sum += w[k] * c * (std::exp(-0.5 * std::pow((rv - d[k]) / h, 2)) + std::exp(-0.5 * std::pow((rv + d[k]) / h, 2)));
    kd.push_back(sum / (total * h));
  }
  return kd;
}

Sample random_clustered_sample(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  Sample s;
  for (std::size_t i = 0; i < n; ++i) {
    double cx = (i % 3) * 40000.0, cy = (i % 2) * 25000.0;
    s.push_back(cx + 9000 * rng.uniform(), cy + 7000 * rng.uniform(), double(1 + rng.below(50)));
  }
  return s;
}

std::vector<double> grid(double step, double rmax) {
  std::vector<double> r;
  for (double v = 0; v <= rmax + 1e-9; v += step) r.push_back(v);
  return r;
}

TEST(Kd, ExactEqualsTheKernelFormula) {
  Sample s = random_clustered_sample(300, 7);
  auto r = grid(500, 60000);
  for (bool weighted : {false, true}) {
    KdOptions options{.weighted = weighted, .exact = true};
    auto curve = kdhat(s, r, options);
    auto expected = naive_kd(s, r, weighted);
    for (std::size_t k = 0; k < r.size(); ++k)
      EXPECT_NEAR(curve.kd[k], expected[k], 1e-9 * expected[k] + 1e-300) << "r=" << r[k] << " weighted=" << weighted;
  }
}

TEST(Kd, BinnedStaysWithinItsErrorBound) {
  Sample s = random_clustered_sample(400, 11);
  for (auto r : {grid(1000, 60000), grid(737.5, 50000)}) {  // on and off the lattice
    for (bool weighted : {false, true}) {
      auto exact = kdhat(s, r, {.weighted = weighted, .exact = true});
      auto binned = kdhat(s, r, {.weighted = weighted});
      EXPECT_GT(binned.bin_width, 0);
      EXPECT_LE(binned.bin_width, binned.bandwidth / 100 + 1e-9);
      // The bandwidth is exact (quartiles refined by a second pass when needed).
      EXPECT_NEAR(binned.bandwidth, exact.bandwidth, 1e-9 * exact.bandwidth);
      double peak = *std::max_element(exact.kd.begin(), exact.kd.end());
      for (std::size_t k = 0; k < r.size(); ++k)
        EXPECT_LE(std::abs(binned.kd[k] - exact.kd[k]), binned.error_bound + 1e-12 * peak) << "r=" << r[k];
    }
  }
}

TEST(Kd, BinnedErrorBoundHoldsWithTheExactBandwidth) {
  // Same sample where sd < IQR/1.34, so the bandwidth is exact and only binning differs.
  Sample s;
  Rng rng(3);
  for (int i = 0; i < 200; ++i) s.push_back(50000 * rng.uniform(), 50000 * rng.uniform(), 1);
  auto r = grid(1000, 30000);
  auto exact = kdhat(s, r, {.exact = true});
  auto binned = kdhat(s, r, {});
  ASSERT_NEAR(binned.bandwidth, exact.bandwidth, 1e-9 * exact.bandwidth);
  for (std::size_t k = 0; k < r.size(); ++k) EXPECT_LE(std::abs(binned.kd[k] - exact.kd[k]), binned.error_bound);
}

TEST(Kd, FewerThanTwoPairsGiveNaN) {
  Sample s;
  s.push_back(0, 0, 1);
  s.push_back(10, 0, 1);
  auto curve = kdhat(s, grid(1000, 5000), {});
  EXPECT_TRUE(std::isnan(curve.kd[0]));
}

TEST(Kd, RejectsABadGrid) {
  Sample s = random_clustered_sample(10, 1);
  std::vector<double> decreasing{0, 2000, 1000};
  EXPECT_ANY_THROW(kdhat(s, decreasing, {}));
  std::vector<double> negative{-1, 0};
  EXPECT_ANY_THROW(kdhat(s, negative, {}));
}

void expect_matches_oracle(const std::string& points, const std::string& type, bool weighted, bool exact) {
  auto oracle = read_oracle_curve(std::string(points == "points5k.csv" ? "points5k" : "points20k") + "_kd_" + type +
                                  (weighted ? "_weighted" : "") + ".csv");
  Sample s = oracle_sample(points, type);
  auto curve = kdhat(s, oracle.r, {.weighted = weighted, .exact = exact});
  double peak = *std::max_element(oracle.value.begin(), oracle.value.end());
  for (std::size_t k = 0; k < oracle.r.size(); ++k)
    EXPECT_NEAR(curve.kd[k], oracle.value[k], std::max(2e-3 * std::abs(oracle.value[k]), 1e-3 * peak))
        << points << " type " << type << " weighted=" << weighted << " r=" << oracle.r[k];
}

TEST(KdOracle, Points5kBinned) {
  for (std::string type : {"A", "B"})
    for (bool weighted : {false, true}) expect_matches_oracle("points5k.csv", type, weighted, false);
}

TEST(KdOracle, Points5kExact) {
  for (std::string type : {"A", "B"})
    for (bool weighted : {false, true}) expect_matches_oracle("points5k.csv", type, weighted, true);
}

TEST(KdOracle, Points20kBinned) {
  for (bool weighted : {false, true}) expect_matches_oracle("points20k.csv", "A", weighted, false);
}

}  // namespace
}  // namespace grappe::measure
