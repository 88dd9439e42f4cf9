#include "grappe/scan/bernoulli_scan.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "grappe/common/error.hpp"
#include "grappe/common/random.hpp"
#include "grappe/scan/kulldorff.hpp"

namespace grappe {

namespace {

// Simulations between two checks of the stopping rules: small at first, as most trades stop
// (Besag–Clifford) within a few dozen simulations; the batches never change the results.
constexpr int kFirstBatch = 11, kBatch = 33;
constexpr std::size_t kMinGumbelSimulations = 99;
constexpr std::uint64_t kSamplingPurpose = 0x5ca9;

// Per-thread counters over all windows; only touched windows are reset after use.
struct Scratch {
  std::vector<std::uint32_t> count;
  std::vector<double> weight;
  std::vector<std::int32_t> touched;
  std::vector<std::uint64_t> taken;  // bitset over points, for sampling without replacement
  std::vector<std::uint32_t> cases;
};

Scratch make_scratch(const WindowLadder& ladder, bool weighted) {
  Scratch s;
  s.count.assign(ladder.centre_count(), 0);
  if (weighted) s.weight.assign(ladder.centre_count(), 0.0);
  s.taken.assign(ladder.point_count() / 64 + 1, 0);
  return s;
}

// Adds the cases to the counters of every window containing them.
void count_cases(const WindowLadder& ladder, std::span<const std::uint32_t> cases, bool weighted, Scratch& s) {
  const auto x = ladder.x(), y = ladder.y(), w = ladder.weight();
  for (const auto& level : ladder.levels())
    for (std::uint32_t p : cases) {
      const double wp = w[p];
      ladder.for_each_window(level, x[p], y[p], [&](std::int32_t id) {
        if (s.count[id]++ == 0) s.touched.push_back(id);
        if (weighted) s.weight[id] += wp;
      });
    }
}

// The case totals of a window set: C (count) and its weight.
struct Totals {
  double C, N, null_loglik, max_c, max_n;
};

// Draws `count` distinct points uniformly (random labelling), into s.cases.
void draw_cases(std::size_t n, std::size_t count, Rng& rng, Scratch& s) {
  s.cases.clear();
  const bool complement = count > n / 2;
  const std::size_t draws = complement ? n - count : count;
  std::vector<std::uint32_t> drawn;
  auto& target = complement ? drawn : s.cases;
  while (target.size() < draws) {
    const auto p = static_cast<std::uint32_t>(rng.below(n));
    std::uint64_t& word = s.taken[p >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (p & 63);
    if (word & bit) continue;
    word |= bit;
    target.push_back(p);
  }
  if (complement)
    for (std::uint32_t p = 0; p < n; ++p)
      if (!(s.taken[p >> 6] & (std::uint64_t{1} << (p & 63)))) s.cases.push_back(p);
  for (std::uint32_t p : target) s.taken[p >> 6] = 0;
  // Index order is space order when the caller sorted its points so (cache reuse in counting).
  if (!complement) std::sort(s.cases.begin(), s.cases.end());
}

// Largest window size n at which c cases still reach an LLR of `floor` (unweighted pruning:
// the LLR falls with n at fixed c in the high-rate region), −1 when none does.
std::vector<double> size_thresholds(const Totals& t, double floor) {
  std::vector<double> limit(static_cast<std::size_t>(t.max_c) + 1, -1.0);
  tbb::parallel_for(std::size_t{1}, limit.size(), [&](std::size_t ci) {
    const double c = static_cast<double>(ci);
    if (bernoulli_llr(c, c, t.C, t.N, t.null_loglik) < floor) return;
    double lo = c, hi = std::floor(c * t.N / t.C) + 1;  // llr(lo) ≥ floor > llr(hi)
    while (hi - lo > 1) {
      const double mid = std::floor((lo + hi) / 2);
      (bernoulli_llr(c, mid, t.C, t.N, t.null_loglik) >= floor ? lo : hi) = mid;
    }
    limit[ci] = lo;
  });
  return limit;
}

std::vector<WindowScore> evaluate_observed(const WindowLadder& ladder, const Scratch& s, const Totals& t,
                                           const ScanOptions& options) {
  std::vector<WindowScore> scores;
  const auto total = ladder.window_total();
  for (std::int32_t id : s.touched) {
    const double c = static_cast<double>(s.count[id]);
    const double cw = options.weighted ? s.weight[id] : c;
    if (c < options.min_cases || cw > t.max_c || total[id] > t.max_n) continue;
    const double llr = bernoulli_llr(cw, total[id], t.C, t.N, t.null_loglik);
    if (llr > 0) scores.push_back({id, llr});
  }
  std::sort(scores.begin(), scores.end(), [](const WindowScore& a, const WindowScore& b) {
    return a.llr != b.llr ? a.llr > b.llr : a.window < b.window;
  });
  return scores;
}

Totals case_totals(const WindowLadder& ladder, std::span<const std::uint32_t> cases, const ScanOptions& options) {
  Totals t{};
  t.N = options.weighted ? ladder.total_weight() : static_cast<double>(ladder.point_count());
  for (std::uint32_t p : cases) t.C += options.weighted ? ladder.weight()[p] : 1.0;
  t.null_loglik = bernoulli_null_loglik(t.C, t.N);
  t.max_c = options.weighted ? options.max_case_share * t.C : std::floor(options.max_case_share * t.C);
  t.max_n = options.max_population_share * t.N;
  return t;
}

void check_cases(const WindowLadder& ladder, std::span<const std::uint32_t> cases) {
  for (std::uint32_t p : cases)
    if (p >= ladder.point_count()) throw Error("scan_bernoulli: case index out of range.");
}

// Greedy choice of clusters that do not overlap (their discs are disjoint), best LLR first.
std::vector<ScanCluster> pick_clusters(const WindowLadder& ladder, const std::vector<WindowScore>& scores,
                                       const Scratch& s, const Totals& t, const ScanOptions& options) {
  std::vector<ScanCluster> picked;
  const auto cx = ladder.centre_x(), cy = ladder.centre_y();
  for (const auto& score : scores) {
    if (static_cast<int>(picked.size()) >= options.max_clusters) break;
    const std::int32_t id = score.window;
    const double r = ladder.levels()[ladder.centre_level()[id]].radius;
    bool overlaps = false;
    for (const auto& other : picked)
      overlaps = overlaps || std::hypot(cx[id] - other.x, cy[id] - other.y) <= r + other.radius;
    if (overlaps) continue;
    ScanCluster cl;
    cl.window = id;
    cl.centre_point = ladder.centre_point()[id];
    cl.x = cx[id];
    cl.y = cy[id];
    cl.radius = r;
    cl.cases = s.count[id];
    cl.points = ladder.window_count()[id];
    cl.case_weight = options.weighted ? s.weight[id] : s.count[id];
    cl.total_weight = ladder.window_total()[id];
    cl.expected = cl.total_weight * t.C / t.N;
    cl.llr = score.llr;
    picked.push_back(cl);
  }
  return picked;
}

// One simulation: the largest LLR among windows reaching `floor` (0 when none does).
double simulate_max(const WindowLadder& ladder, std::size_t case_count, const ScanOptions& options,
                    std::uint64_t stream, const Totals& observed, const std::vector<double>& limit,
                    double floor, Scratch& s) {
  Rng rng(stream);
  draw_cases(ladder.point_count(), case_count, rng, s);
  Totals t = observed;
  if (options.weighted) t = case_totals(ladder, s.cases, options);
  count_cases(ladder, s.cases, options.weighted, s);
  const auto total = ladder.window_total();
  const auto window_count = ladder.window_count();
  double best = 0;
  for (std::int32_t id : s.touched) {
    const std::uint32_t c = s.count[id];
    s.count[id] = 0;
    double cw = c;
    if (options.weighted) {
      cw = s.weight[id];
      s.weight[id] = 0;
    }
    if (c < static_cast<std::uint32_t>(options.min_cases) || cw > t.max_c || total[id] > t.max_n) continue;
    if (!options.weighted && static_cast<double>(window_count[id]) > limit[c]) continue;
    const double llr = bernoulli_llr(cw, total[id], t.C, t.N, t.null_loglik);
    if (llr >= floor && llr > best) best = llr;
  }
  s.touched.clear();
  return best;
}

bool beats(double simulated, double observed) { return simulated >= observed * (1 - 1e-12); }

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// Gumbel distribution of the simulated maxima (Abrams, Kleinman & Kulldorff 2010), fitted on
// the median and the 90th percentile, Q(u) = μ − β ln(−ln u), which the pruning floor (below the
// lower quartile of those) does not affect. Needs 99 simulations and no early stop.
void fit_gumbel(ScanResult& r) {
  if (r.stopped_early || r.simulated_max.size() < kMinGumbelSimulations) return;
  const double q50 = quantile(r.simulated_max, 0.5), q90 = quantile(r.simulated_max, 0.9);
  const double beta = (q90 - q50) / (std::log(std::log(2.0)) - std::log(-std::log(0.9)));
  if (!(beta > 0) || q50 <= 0) return;
  r.gumbel_scale = beta;
  r.gumbel_location = q50 + beta * std::log(std::log(2.0));
}

// The other side of sequential testing: once no simulation has come near the primary cluster
// and the Gumbel fit puts the expected number of exceedances in all remaining simulations
// below 0.01, running them could only confirm p < 1/(simulations+1): stop (docs/scan.md).
bool certainly_significant(ScanResult& r, double primary, int simulations) {
  if (r.simulated_max.size() < kMinGumbelSimulations) return false;
  fit_gumbel(r);
  if (!std::isfinite(r.gumbel_scale)) return false;
  const double p = -std::expm1(-std::exp(-(primary - r.gumbel_location) / r.gumbel_scale));
  return p * static_cast<double>(simulations - r.simulations_run) < 0.01;
}

}  // namespace

std::vector<WindowScore> score_windows(const WindowLadder& ladder, std::span<const std::uint32_t> case_points,
                                       const ScanOptions& options) {
  check_cases(ladder, case_points);
  Scratch s = make_scratch(ladder, options.weighted);
  count_cases(ladder, case_points, options.weighted, s);
  return evaluate_observed(ladder, s, case_totals(ladder, case_points, options), options);
}

ScanResult scan_bernoulli(const WindowLadder& ladder, std::span<const std::uint32_t> case_points,
                          const ScanOptions& options) {
  check_cases(ladder, case_points);
  if (options.simulations < 0 || options.min_cases < 1 || options.max_clusters < 1 ||
      !(options.max_case_share > 0 && options.max_case_share <= 1))
    throw InputError("Scan options out of range (simulations ≥ 0, min cases ≥ 1, share in (0, 1]).");
  ScanResult result;
  const Totals totals = case_totals(ladder, case_points, options);
  result.cases = static_cast<std::uint32_t>(case_points.size());
  result.case_weight = totals.C;
  result.total_weight = totals.N;
  if (case_points.empty() || case_points.size() >= ladder.point_count()) return result;
  {
    Scratch s = make_scratch(ladder, options.weighted);
    count_cases(ladder, case_points, options.weighted, s);
    const auto scores = evaluate_observed(ladder, s, totals, options);
    result.clusters = pick_clusters(ladder, scores, s, totals, options);
  }
  if (result.clusters.empty() || options.simulations == 0) return result;

  // The first two batches compute exact maxima (floor 0) for the Gumbel fit; later batches skip
  // windows that cannot reach min(lowest reported LLR, lower quartile of those).
  double floor = 0;
  std::vector<double> limit = options.weighted ? std::vector<double>{} : size_thresholds(totals, floor);
  tbb::enumerable_thread_specific<Scratch> scratch([&] { return make_scratch(ladder, options.weighted); });
  const double primary = result.clusters.front().llr;
  int beaten = 0;
  bool pruned = false;
  for (int start = 0, end = 0; start < options.simulations && !result.stopped_early; start = end) {
    end = std::min(options.simulations, start + (start < 66 ? kFirstBatch : kBatch));
    if (start >= 66 && !pruned) {
      pruned = true;
      floor = std::min(result.clusters.back().llr * (1 - 1e-12), quantile(result.simulated_max, 0.25));
      if (!options.weighted) limit = size_thresholds(totals, floor);
    }
    std::vector<double> batch(static_cast<std::size_t>(end - start));
    // With MPI ranks each computes its block of the batch; the maxima are then shared.
    const parallel::Range mine = parallel::my_block(batch.size(), options.team);
    tbb::parallel_for(start + static_cast<int>(mine.begin), start + static_cast<int>(mine.end), [&](int sim) {
      batch[static_cast<std::size_t>(sim - start)] =
          simulate_max(ladder, case_points.size(), options, stream_seed(options.seed, static_cast<std::uint64_t>(sim), kSamplingPurpose),
                       totals, limit, floor, scratch.local());
    });
    parallel::share_rows(options.team, batch, batch.size(), 1);
    for (double m : batch) {  // in simulation order, so the stopping point is thread-independent
      result.simulated_max.push_back(m);
      ++result.simulations_run;
      if (beats(m, primary) && ++beaten >= options.early_stop && options.early_stop > 0) {
        result.stopped_early = true;
        break;
      }
    }
    if (!result.stopped_early && beaten == 0 && options.early_stop > 0 &&
        certainly_significant(result, primary, options.simulations)) {
      result.stopped_for_significance = true;
      break;
    }
  }
  const double k = result.simulations_run;
  fit_gumbel(result);
  for (auto& cl : result.clusters) {
    cl.exceedances = 0;
    for (double m : result.simulated_max) cl.exceedances += beats(m, cl.llr);
    // Besag & Clifford (1991): p = h/k when stopped at the h-th exceedance; else the usual rank.
    cl.p_value_mc = result.stopped_early ? std::min(1.0, cl.exceedances / k) : (cl.exceedances + 1.0) / (k + 1.0);
    if (std::isfinite(result.gumbel_scale))
      cl.p_value_gumbel = -std::expm1(-std::exp(-(cl.llr - result.gumbel_location) / result.gumbel_scale));
    // Below 1/(k+1) the rank p-value cannot go: SaTScan's Gumbel p-value takes over there.
    cl.p_value = cl.exceedances == 0 && std::isfinite(cl.p_value_gumbel) ? cl.p_value_gumbel : cl.p_value_mc;
  }
  return result;
}

}  // namespace grappe
