// Co-located codes: the joint test finds the codes planted together around a seed cluster, and
// its p-values, which repeat the choice of codes and window on each simulated register, are
// calibrated on null registers (where only the seed code clusters).
#include "grappe/scan/trade_discovery.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "../../src/scan/candidate_places.hpp"
#include "grappe/common/random.hpp"
#include "grappe/scan/bernoulli_scan.hpp"

namespace grappe {
namespace {

constexpr int kCodes = 12;
constexpr double kSide = 30000, kCentre = 15000;

struct Synthetic {
  std::vector<double> x, y;
  CodeLabels labels;
};

// 3000 points uniform on a 30 km square, plus 15 cases of code 0 within 1.5 km of the centre;
// 15 more code-0 cases and 150 cases of each other code at random, except `planted` extra cases
// of codes 1 and 2 within 1.5 km of the centre.
Synthetic synthetic(std::uint64_t seed, int planted) {
  Rng rng(seed);
  Synthetic s;
  auto add = [&](double x, double y, std::int32_t code) {
    s.x.push_back(x);
    s.y.push_back(y);
    s.labels.code.push_back(code);
  };
  auto near_centre = [&](std::int32_t code) {
    const double a = rng.uniform() * 6.283185307, r = 1500 * std::sqrt(rng.uniform());
    add(kCentre + r * std::cos(a), kCentre + r * std::sin(a), code);
  };
  for (int i = 0; i < 15; ++i) near_centre(0);
  for (int i = 0; i < planted; ++i) near_centre(1 + i % 2);
  const std::size_t first_uniform = s.x.size();
  for (int i = 0; i < 3000; ++i) add(rng.uniform() * kSide, rng.uniform() * kSide, -1);
  std::vector<std::size_t> order(s.x.size() - first_uniform);
  std::iota(order.begin(), order.end(), first_uniform);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  std::size_t next = 0;
  for (int i = 0; i < 15; ++i) s.labels.code[order[next++]] = 0;
  for (int k = 1; k < kCodes; ++k)
    for (int i = 0; i < 150; ++i) s.labels.code[order[next++]] = k;
  s.labels.total.assign(kCodes, 0);
  for (auto k : s.labels.code)
    if (k >= 0) ++s.labels.total[static_cast<std::size_t>(k)];
  return s;
}

LadderParams ladder_params() {
  LadderParams p;
  p.min_radius = 1000;
  p.max_radius = 8000;
  return p;
}

// The seed: code 0's most likely cluster.
Discovery discover(const Synthetic& s, int simulations, std::uint64_t seed, bool every_union = false) {
  const WindowLadder ladder(s.x, s.y, {}, ladder_params());
  std::vector<std::uint32_t> cases;
  for (std::uint32_t p = 0; p < s.labels.code.size(); ++p)
    if (s.labels.code[p] == 0) cases.push_back(p);
  ScanOptions scan;
  scan.simulations = 0;
  const auto seed_scan = scan_bernoulli(ladder, cases, scan);
  EXPECT_FALSE(seed_scan.clusters.empty());
  DiscoveryOptions options;
  options.simulations = simulations;
  options.early_stop = 0;
  options.seed = seed;
  options.test_every_union = every_union;
  return discover_trade(ladder, s.labels, 0, seed_scan.clusters.front().window, options);
}

TEST(TradeDiscovery, FindsTheCodesPlantedTogether) {
  const Discovery d = discover(synthetic(11, 24), 199, 5);
  ASSERT_TRUE(d.better_than_parts());
  EXPECT_EQ(d.codes.front(), 0);
  EXPECT_NE(std::find(d.codes.begin(), d.codes.end(), 1), d.codes.end());
  EXPECT_NE(std::find(d.codes.begin(), d.codes.end(), 2), d.codes.end());
  EXPECT_LE(d.p_value, 0.01);
  EXPECT_GT(d.llr, d.seed_llr);
}

// Lower and upper ends of the central 99.8% of Binomial(n, p).
std::pair<int, int> binomial_band(int n, double p) {
  std::vector<double> pmf(static_cast<std::size_t>(n) + 1);
  for (int k = 0; k <= n; ++k)
    pmf[static_cast<std::size_t>(k)] =
        std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                 (n - k) * std::log1p(-p));
  int lo = 0, hi = n;
  for (double tail = 0; tail + pmf[static_cast<std::size_t>(lo)] < 0.001; ++lo)
    tail += pmf[static_cast<std::size_t>(lo)];
  for (double tail = 0; tail + pmf[static_cast<std::size_t>(hi)] < 0.001; --hi)
    tail += pmf[static_cast<std::size_t>(hi)];
  return {lo, hi};
}

// The union's p-value is computed on every null register (not only where the union beats the
// seed code alone, which is rarer still under the null and only removes rejections): its size at
// 5% must be 5%, within the binomial band.
TEST(TradeDiscovery, PValuesAreCalibratedOnNullRegisters) {
  constexpr int kRegisters = 300;
  int rejected = 0, unions = 0, kept = 0;
  for (int r = 0; r < kRegisters; ++r) {
    const Discovery d = discover(synthetic(1000 + r, 0), 99, 77 + r, true);
    unions += d.codes.size() > 1;
    kept += d.better_than_parts() && d.p_value <= 0.05;
    rejected += d.p_value <= 0.05;
  }
  std::printf("null registers: %d of %d with a union; %d rejected at 5%%, %d kept as better than parts\n",
              unions, kRegisters, rejected, kept);
  EXPECT_GE(unions, kRegisters / 2);  // else the size would fall below 5% for want of unions
  const auto [lo, hi] = binomial_band(kRegisters, 0.05);
  EXPECT_GE(rejected, lo) << "too conservative: " << rejected << " of " << kRegisters;
  EXPECT_LE(rejected, hi) << "anti-conservative: " << rejected << " of " << kRegisters;
  EXPECT_LE(kept, hi);
}

TEST(TradeWords, DunningG2AndWordsOfNames) {
  // 12 of 12 members and 0 of 12 others hold the word: G² = 4 · 12 ln 2.
  EXPECT_NEAR(dunning_g2(12, 12, 0, 12), 48 * std::log(2.0), 1e-12);
  // Dunning (1993) style table: no difference, no evidence.
  EXPECT_NEAR(dunning_g2(5, 50, 10, 100), 0, 1e-12);
  EXPECT_EQ(trade_words_of("Les Agencements Dupont & Fils SARL"),
            (std::vector<std::string>{"agencement", "dupont"}));
  EXPECT_EQ(trade_words_of("PRÉSENTOIRS 2000"), (std::vector<std::string>{"presentoir"}));
}

// One lens's candidate: `members` sirets from `first`, found by `trade` of `kind`.
Candidate lens_candidate(const std::string& kind, const std::string& trade, const std::string& name,
                         std::uint64_t first, int members) {
  Candidate c;
  c.trade = trade;
  c.trade_name = name;
  c.trade_establishments = static_cast<std::uint32_t>(members);
  for (int i = 0; i < members; ++i) {
    CandidateMember m;
    m.siret = first + static_cast<std::uint64_t>(i);
    m.found_by = {trade};
    c.members.push_back(m);
  }
  CandidateLens lens;
  lens.kind = kind;
  lens.trade = trade;
  lens.trade_name = name;
  lens.members = c.trade_establishments;
  c.lenses.push_back(lens);
  return c;
}

// The demo's shop fitters: a discovered union of codes (45 firms) leads, the catalogue trade (29
// of them) and a sub-class (21) found the same place. One candidate, with the union's numbers,
// named after the catalogue trade; a place no catalogue trade found keeps its lead lens's name.
TEST(MergeCandidates, APlaceFoundByACatalogueTradeIsNamedAfterIt) {
  std::vector<Candidate> ranked = {
      lens_candidate("subclass", "31.01Z", "Fabrication de meubles de bureau et de magasin", 100, 21),
      lens_candidate("discovered", "found-31.01Z-1", "Trade found at Romorantin-Lanthenay (31.01Z + 25.11Z)",
                     100, 45),
      lens_candidate("trade", "shop-fitting", "Shop fitting", 110, 29),
      lens_candidate("subclass", "25.71Z", "Fabrication de coutellerie", 500, 28)};
  const auto merged = merge_candidates(ranked);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].trade_name, "Shop fitting");
  EXPECT_EQ(merged[0].trade, "found-31.01Z-1");  // the lead lens's statistics and trade
  EXPECT_EQ(merged[0].trade_establishments, 45u);
  EXPECT_EQ(merged[0].lenses.size(), 3u);
  EXPECT_EQ(merged[1].trade_name, "Fabrication de coutellerie");
}

}  // namespace
}  // namespace grappe
