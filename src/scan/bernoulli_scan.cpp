#include "grappe/scan/bernoulli_scan.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <bit>
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

Scratch make_scratch(const WindowLadder& ladder, bool weighted, bool counters = true) {
  Scratch s;
  if (counters) s.count.assign(ladder.centre_count(), 0);
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

// Dense counters of the fast path, one set per thread, reused across simulations, trades and
// ladders without clearing: each entry holds a 24-bit count under an 8-bit simulation tag, and
// an entry whose tag is not the current simulation's counts as 0. The whole array is cleared
// once every 255 simulations, when the tag wraps.
constexpr int kCountBits = 24;
constexpr std::uint32_t kCountMask = (std::uint32_t{1} << kCountBits) - 1;
constexpr std::size_t kMaxDenseCases = kCountMask;  // a count never reaches the tag bits

struct DenseCounters {
  std::vector<std::uint32_t> entry;
  std::uint32_t tag = 0;  // of the current simulation, 1..255
  std::vector<std::int64_t> reached;  // windows whose count reached the minimum, this simulation
};

DenseCounters& dense_counters(std::size_t size) {
  thread_local DenseCounters counters;
  if (counters.entry.size() < size) counters.entry.resize(size, 0);
  if (++counters.tag == 256) {
    std::fill(counters.entry.begin(), counters.entry.end(), 0);
    counters.tag = 1;
  }
  counters.reached.clear();
  return counters;
}

// Calls visit(l, dense window index) for every window holding case p, at the levels whose bit
// is set in `levels`: the same windows as for_each_window, from the point's probe record.
template <class Visit>
void for_each_dense_window(const WindowLadder& ladder, std::uint32_t p, std::uint64_t levels, Visit&& visit) {
  const auto probe = ladder.probe(p);
  const auto all = ladder.levels();
  for (std::size_t l = 0; l < all.size(); ++l) {
    if (!(levels >> l & 1)) continue;
    const auto& level = all[l];
    std::uint32_t m = probe.mask[l];
    if (m == WindowLadder::kWideBlock) {
      const auto dense = ladder.dense_of_centre();
      ladder.for_each_window(level, probe.x, probe.y, [&](std::int32_t id) { visit(l, dense[id]); });
      continue;
    }
    const std::int64_t corner = ladder.block_corner(level, probe.x, probe.y);
    while (m != 0) {
      visit(l, corner + level.probe_offset[std::countr_zero(m)]);
      m &= m - 1;
    }
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

double simulate_max_dense(const WindowLadder& ladder, std::span<const std::uint32_t> cases, const ScanOptions& options,
                          const Totals& t, const std::vector<double>& limit, double floor);

// One simulation: the largest LLR among windows reaching `floor` (0 when none does).
double simulate_max(const WindowLadder& ladder, std::size_t case_count, const ScanOptions& options,
                    std::uint64_t stream, const Totals& observed, const std::vector<double>& limit,
                    double floor, Scratch& s) {
  Rng rng(stream);
  draw_cases(ladder.point_count(), case_count, rng, s);
  Totals t = observed;
  if (!options.weighted && options.dense_counting && ladder.levels().size() < 64 && case_count < kMaxDenseCases)
    return simulate_max_dense(ladder, s.cases, options, t, limit, floor);
  t = case_totals(ladder, s.cases, options);
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

// Unweighted simulations count into dense counters through the probe records and score the
// windows holding at least the minimum number of cases, with the tests of the generic path in
// the same order, so the maximum is the same.
double simulate_max_dense(const WindowLadder& ladder, std::span<const std::uint32_t> cases, const ScanOptions& options,
                          const Totals& t, const std::vector<double>& limit, double floor) {
  DenseCounters& counters = dense_counters(ladder.dense_count());
  std::uint32_t* entry = counters.entry.data();
  const std::uint32_t tag = counters.tag << kCountBits;
  const auto min_cases = static_cast<std::uint32_t>(options.min_cases);
  const auto levels = ladder.levels();
  const std::uint64_t every_level = (std::uint64_t{1} << levels.size()) - 1;
  // Cases outer, levels inner: a case's probe record is read once (one cache line), fetched a
  // few cases ahead. Windows are remembered when their count reaches the minimum number of
  // cases, so only those are scored (the others fail the first test of the generic path).
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (i + kAhead < cases.size()) __builtin_prefetch(ladder.probe(cases[i + kAhead]).mask);
    for_each_dense_window(ladder, cases[i], every_level, [&](std::size_t, std::int64_t k) {
      std::uint32_t e = entry[k];
      e = ((e & ~kCountMask) == tag ? e : tag) + 1;
      entry[k] = e;
      if ((e & kCountMask) == min_cases) counters.reached.push_back(k);
    });
  }
  const auto n_of = ladder.dense_window_count();
  double best = 0;
  for (std::int64_t k : counters.reached) {
    const std::uint32_t c = entry[k] & kCountMask;
    const double n = n_of[k];
    if (c > t.max_c || n > t.max_n || n > limit[c]) continue;
    const double llr = bernoulli_llr(c, n, t.C, t.N, t.null_loglik);
    if (llr >= floor && llr > best) best = llr;
  }
  return best;
}

bool beats(double simulated, double observed) { return simulated >= observed * (1 - 1e-12); }

// The Gumbel fit, which the pruning floor (below the lower quartile of the maxima) does not
// affect. Needs 99 simulations and no early stop.
void fit_gumbel(ScanResult& r) {
  if (r.stopped_early || r.simulated_max.size() < kMinGumbelSimulations) return;
  const GumbelFit g = fit_gumbel_maxima(r.simulated_max);
  r.gumbel_location = g.location;
  r.gumbel_scale = g.scale;
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

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

GumbelFit fit_gumbel_maxima(const std::vector<double>& maxima) {
  GumbelFit g;
  if (maxima.size() < kMinGumbelSimulations) return g;
  const double q50 = quantile(maxima, 0.5), q90 = quantile(maxima, 0.9);
  const double beta = (q90 - q50) / (std::log(std::log(2.0)) - std::log(-std::log(0.9)));
  if (!(beta > 0) || q50 <= 0) return g;
  g.scale = beta;
  g.location = q50 + beta * std::log(std::log(2.0));
  return g;
}

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
  // (Unweighted simulations count in dense_counters instead of Scratch::count.)
  tbb::enumerable_thread_specific<Scratch> scratch(
      [&] { return make_scratch(ladder, options.weighted, options.weighted || !options.dense_counting); });
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
