// Binned Kd (the default path). Each step is exact or has a stated error bound:
//  1. Lattice. A pilot bandwidth (from every pair when there are at most 32,768, else from
//     4,096 pairs drawn with a fixed seed) sets the lattice step δ ≤ bin_fraction·h_pilot/1.25, chosen
//     so that every r is a multiple of δ when possible (then the kernel is tabulated once).
//  2. One pass over the pairs (O(n²); fixed chunks, so the sums do not depend on the thread
//     count): pair weights are *linearly binned* on the lattice (a distance d between knots b·δ
//     and (b+1)·δ gives (1 − t)·w to b and t·w to b+1, t = d/δ − b); pairs are counted per bin;
//     Σd and Σd² are accumulated.
//  3. Bandwidth, exact: sd from the sums; when the IQR branch of bw.nrd0 could be taken, a second
//     pass collects the distances of the bins holding the quartiles' order statistics, so the
//     quartiles are exact too. If δ > bin_fraction·h after all (the pilot was off by more than
//     25%), step 2 is redone with a smaller δ.
//  4. Convolution with the reflected kernel. Linear binning evaluates, for each pair, the linear
//     interpolant of g(d) = [φ((r−d)/h) + φ((r+d)/h)]/h between two knots, so the error is
//     ≤ δ²/8·max|g''| ≤ δ²/8 · 2φ(0)/h³ = 0.0997·δ²/h³ per unit weight (Wand & Jones 1995, App. D;
//     Hall & Wand 1996). The kernel is cut at |u| = 7 (φ(7) = 9.1e-12): a further 1.9e-11/h.
//     With δ ≤ h/100 the bound is 1.0e-5/h, i.e. 1.25e-5 of the kernel's peak 2φ(0)/h.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <oneapi/tbb/parallel_for.h>
#include <vector>

#include "grappe/common/random.hpp"
#include "kd_internal.hpp"

namespace grappe::measure {

namespace {

constexpr double kKernelCut = 7.0;  // φ(7) = 9.1e-12

// Per lattice interval [b·δ, (b+1)·δ): Σw, Σw·t (t = d/δ − b, the position inside the interval)
// and the pair count. Linear binning's knot weights follow as L_b = (Σw − Σw·t)_b + (Σw·t)_{b−1};
// keeping the three sums of one interval together makes each pair touch a single cache line.
struct Interval {
  double weight = 0, moment = 0, count = 0;  // count is exact up to 2^53 pairs
};

struct PairHistogram {
  std::vector<Interval> intervals;
  std::vector<double> linear;  // knot weights, filled by finish()
  std::uint64_t pairs = 0;
  double sum = 0, sum_squares = 0;

  void reset(std::size_t bins) {
    intervals.assign(bins + 1, Interval{});
    pairs = 0, sum = sum_squares = 0;
  }
  void merge(const PairHistogram& other) {
    for (std::size_t b = 0; b < intervals.size(); ++b) {
      intervals[b].weight += other.intervals[b].weight;
      intervals[b].moment += other.intervals[b].moment;
      intervals[b].count += other.intervals[b].count;
    }
    pairs += other.pairs, sum += other.sum, sum_squares += other.sum_squares;
  }
  void finish() {
    linear.assign(intervals.size() + 1, 0.0);
    for (std::size_t b = 0; b < intervals.size(); ++b) {
      linear[b] += intervals[b].weight - intervals[b].moment;
      linear[b + 1] += intervals[b].moment;
    }
  }
  std::uint64_t count(std::size_t b) const { return static_cast<std::uint64_t>(intervals[b].count); }
  std::size_t size() const { return intervals.size(); }
};

// One row of pairs (i, j > i). Distances are computed a block at a time in a loop the compiler
// vectorises (and, through target_clones, with AVX2 where the CPU has it), then binned.
template <bool kWeighted>
__attribute__((target_clones("avx2", "default"))) void accumulate_row(
    const double* xs, const double* ys, const double* ws, std::size_t i, std::size_t n, double limit_squared,
    double inverse_step, Interval* intervals, std::uint64_t& pairs_out, double& sum_out, double& squares_out) {
  constexpr std::size_t kBlock = 128;
  double d2s[kBlock], ds[kBlock];
  const double xi = xs[i], yi = ys[i], wi = kWeighted ? ws[i] : 1.0;
  double sum = 0, squares = 0;
  std::uint64_t pairs = 0;
  for (std::size_t start = i + 1; start < n; start += kBlock) {
    const std::size_t size = std::min(kBlock, n - start);
    const double* x = xs + start;
    const double* y = ys + start;
    for (std::size_t m = 0; m < size; ++m) {
      const double dx = x[m] - xi, dy = y[m] - yi;
      d2s[m] = dx * dx + dy * dy;
    }
    for (std::size_t m = 0; m < size; ++m) ds[m] = std::sqrt(d2s[m]);
    for (std::size_t m = 0; m < size; ++m) {
      if (d2s[m] > limit_squared) continue;
      const double d = ds[m];
      const double u = d * inverse_step;
      const auto b = static_cast<std::size_t>(u);
      const double w = kWeighted ? wi * ws[start + m] : 1.0;
      Interval& interval = intervals[b];
      interval.weight += w;
      interval.moment += w * (u - static_cast<double>(b));
      if constexpr (kWeighted) interval.count += 1;
      ++pairs, sum += d, squares += d2s[m];
    }
  }
  pairs_out += pairs, sum_out += sum, squares_out += squares;
}

template <bool kWeighted>
void accumulate_rows(const Sample& s, std::size_t row_begin, std::size_t row_end, double limit, double inverse_step,
                     PairHistogram& hist) {
  for (std::size_t i = row_begin; i < row_end; ++i)
    accumulate_row<kWeighted>(s.x.data(), s.y.data(), s.weight.data(), i, s.size(), limit * limit, inverse_step,
                              hist.intervals.data(), hist.pairs, hist.sum, hist.sum_squares);
  if constexpr (!kWeighted)  // unweighted: Σw of an interval is its count
    for (auto& interval : hist.intervals) interval.count = interval.weight;
}

// Rows split so that chunks hold about the same number of pairs; fixed for a given n so that
// sums are merged in the same order whatever the number of threads.
std::vector<std::size_t> chunk_bounds(std::size_t n, std::size_t chunks) {
  std::vector<std::size_t> bounds{0};
  const double total = 0.5 * double(n) * double(n - 1);
  double done = 0;
  for (std::size_t i = 0; i < n && bounds.size() < chunks; ++i) {
    done += double(n - 1 - i);
    if (done >= total * double(bounds.size()) / double(chunks)) bounds.push_back(i + 1);
  }
  bounds.push_back(n);
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  return bounds;
}

bool use_chunks(const Sample& s, const KdOptions& options) { return options.parallel && s.size() >= 3000; }

// Calls body(row_begin, row_end, chunk) over fixed chunks, in parallel when asked.
template <typename Body>
std::size_t for_each_chunk(const Sample& s, const KdOptions& options, Body&& body) {
  if (!use_chunks(s, options)) {
    body(std::size_t(0), s.size(), std::size_t(0));
    return 1;
  }
  auto bounds = chunk_bounds(s.size(), 8);
  tbb::parallel_for(std::size_t(0), bounds.size() - 1, [&](std::size_t c) { body(bounds[c], bounds[c + 1], c); });
  return bounds.size() - 1;
}

// Type-7 quantile position: order statistics `below` and below+1 (0-based), weight `fraction`.
struct QuantilePosition {
  std::uint64_t below;
  double fraction;
};
QuantilePosition quantile_position(std::uint64_t n, double p) {
  double position = double(n - 1) * p;
  auto below = static_cast<std::uint64_t>(std::floor(position));
  return {below, position - double(below)};
}

// Bin of an order statistic from the counts.
std::size_t bin_of_rank(const PairHistogram& hist, std::uint64_t rank, std::uint64_t& before) {
  before = 0;
  for (std::size_t b = 0; b < hist.size(); ++b) {
    if (before + hist.count(b) > rank) return b;
    before += hist.count(b);
  }
  return hist.size() - 1;
}

// IQR from the counts, each order statistic placed uniformly inside its bin (|error| < δ each).
double approximate_iqr(const PairHistogram& hist, double step) {
  auto value = [&](std::uint64_t rank) {
    std::uint64_t before = 0;
    std::size_t b = bin_of_rank(hist, rank, before);
    return (double(b) + (double(rank - before) + 0.5) / double(std::max<std::uint64_t>(hist.count(b), 1))) * step;
  };
  auto quantile = [&](double p) {
    auto q = quantile_position(hist.pairs, p);
    double a = value(q.below);
    return q.below + 1 < hist.pairs ? a + q.fraction * (value(q.below + 1) - a) : a;
  };
  return quantile(0.75) - quantile(0.25);
}

// Largest δ ≤ target such that every r is a multiple of δ: δ = G/k with G the greatest common
// divisor of the r (in metres, when they are whole metres). 0 when there is none.
double lattice_step(std::span<const double> r, double target) {
  std::uint64_t g = 0;
  for (double v : r) {
    if (v != std::floor(v) || v > 1e12) return 0;
    g = std::gcd(g, static_cast<std::uint64_t>(v));
  }
  if (g == 0) return target;
  return double(g) / std::ceil(double(g) / target);
}

}  // namespace

struct KdWorkspace::Buffers {
  PairHistogram histogram;
  std::vector<PairHistogram> chunks;
  std::vector<double> pilot, table;
  std::vector<std::vector<double>> quartile_values;
};
KdWorkspace::KdWorkspace() : buffers_(std::make_unique<Buffers>()) {}
KdWorkspace::~KdWorkspace() = default;
KdWorkspace::KdWorkspace(KdWorkspace&&) noexcept = default;
KdWorkspace& KdWorkspace::operator=(KdWorkspace&&) noexcept = default;

namespace detail {

namespace {

constexpr int kPilotPairs = 4096;
inline double square(double v) { return v * v; }

// bw.nrd0 of every pair (exact = true, small samples) or of kPilotPairs random pairs.
double pilot_bandwidth(const Sample& s, double limit, std::vector<double>& distances, bool& exact) {
  const std::size_t n = s.size();
  const double all_pairs = 0.5 * double(n) * double(n - 1);
  distances.clear();
  exact = all_pairs <= 8192;
  double first = 0;
  if (exact) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (double d = std::sqrt(square(s.x[i] - s.x[j]) + square(s.y[i] - s.y[j])); d <= limit) {
          if (distances.empty()) first = d;
          distances.push_back(d);
        }
  } else {
    Rng rng(0x6b64'70696c6f74ULL ^ n);  // fixed: the pilot only sets the lattice
    for (int k = 0; k < kPilotPairs; ++k) {
      std::size_t i = rng.below(n), j = rng.below(n - 1);
      if (j >= i) ++j;
      if (double d = std::sqrt(square(s.x[i] - s.x[j]) + square(s.y[i] - s.y[j])); d <= limit) distances.push_back(d);
    }
  }
  if (distances.size() < 2) return exact ? 0 : limit / 100;
  const double count = double(distances.size());
  double mean = std::accumulate(distances.begin(), distances.end(), 0.0) / count, squares = 0;
  for (double d : distances) squares += (d - mean) * (d - mean);
  if (!exact) {
    // A rough IQR is enough to set the lattice.
    auto at = [&](double p) {
      auto nth = distances.begin() + std::ptrdiff_t(p * double(distances.size() - 1));
      std::nth_element(distances.begin(), nth, distances.end());
      return *nth;
    };
    const double iqr = at(0.75) - at(0.25);
    return bw_nrd0(std::sqrt(squares / (count - 1)), iqr, all_pairs * count / kPilotPairs, first);
  }
  std::sort(distances.begin(), distances.end());
  const double iqr = quantile_type7(distances, 0.75) - quantile_type7(distances, 0.25);
  // The number of pairs within 2·rmax, estimated from the drawn ones when not exact.
  const double in_range = exact ? count : all_pairs * count / kPilotPairs;
  return bw_nrd0(std::sqrt(squares / (count - 1)), iqr, in_range, first);
}

void fill_histogram(const Sample& s, double limit, double step, const KdOptions& options, KdWorkspace::Buffers& buffers) {
  const std::size_t bins = static_cast<std::size_t>(std::ceil(limit / step)) + 1;
  PairHistogram& hist = buffers.histogram;
  hist.reset(bins);
  auto accumulate = [&](std::size_t begin, std::size_t end, PairHistogram& target) {
    if (options.weighted) accumulate_rows<true>(s, begin, end, limit, 1.0 / step, target);
    else accumulate_rows<false>(s, begin, end, limit, 1.0 / step, target);
  };
  if (!use_chunks(s, options)) {
    accumulate(0, s.size(), hist);
  } else {
    buffers.chunks.resize(8);
    std::size_t used = for_each_chunk(s, options, [&](std::size_t begin, std::size_t end, std::size_t c) {
      buffers.chunks[c].reset(bins);
      accumulate(begin, end, buffers.chunks[c]);
    });
    for (std::size_t c = 0; c < used; ++c) hist.merge(buffers.chunks[c]);
  }
  hist.finish();
}

// Exact IQR: a second pass collects the distances in the bins of the four order statistics.
double exact_iqr(const Sample& s, double limit, double step, const KdOptions& options, KdWorkspace::Buffers& buffers) {
  const PairHistogram& hist = buffers.histogram;
  auto q1 = quantile_position(hist.pairs, 0.25), q3 = quantile_position(hist.pairs, 0.75);
  std::uint64_t ranks[4] = {q1.below, std::min(q1.below + 1, hist.pairs - 1), q3.below, std::min(q3.below + 1, hist.pairs - 1)};
  std::size_t bins[4];
  std::uint64_t before[4];
  for (int k = 0; k < 4; ++k) bins[k] = bin_of_rank(hist, ranks[k], before[k]);
  auto wanted = [&](std::size_t b) { return b == bins[0] || b == bins[1] || b == bins[2] || b == bins[3]; };
  auto& values = buffers.quartile_values;
  values.assign(8, {});
  const double limit_squared = limit * limit, inverse_step = 1 / step;
  std::size_t used = for_each_chunk(s, options, [&](std::size_t begin, std::size_t end, std::size_t c) {
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t j = i + 1; j < s.size(); ++j) {
        const double dx = s.x[j] - s.x[i], dy = s.y[j] - s.y[i], d2 = dx * dx + dy * dy;
        if (d2 > limit_squared) continue;
        const double d = std::sqrt(d2);
        if (wanted(static_cast<std::size_t>(d * inverse_step))) values[c].push_back(d);
      }
  });
  std::vector<double> all;
  for (std::size_t c = 0; c < used; ++c) all.insert(all.end(), values[c].begin(), values[c].end());
  std::sort(all.begin(), all.end());
  auto value = [&](int k) {  // rank within its bin = rank − pairs before the bin
    auto first = std::lower_bound(all.begin(), all.end(), double(bins[k]) * step,
                                  [&](double v, double) { return static_cast<std::size_t>(v * inverse_step) < bins[k]; });
    return *(first + static_cast<std::ptrdiff_t>(ranks[k] - before[k]));
  };
  double v[4];
  for (int k = 0; k < 4; ++k) v[k] = value(k);
  return (v[2] + q3.fraction * (v[3] - v[2])) - (v[0] + q1.fraction * (v[1] - v[0]));
}

// Σ_b coarse[b]·[φ((r−bδ)/h) + φ((r+bδ)/h)] for every r.
void convolve(const std::vector<double>& binned, std::span<const double> r, double step, double h, bool on_lattice,
              std::vector<double>& table, std::vector<double>& out) {
  const auto reach = static_cast<std::ptrdiff_t>(std::ceil(kKernelCut * h / step));
  const auto last = static_cast<std::ptrdiff_t>(binned.size()) - 1;
  if (on_lattice) {
    // Symmetric table: table[m + reach] = φ(m·δ/h), m = −reach..reach (contiguous dot products).
    table.resize(std::size_t(2 * reach + 1));
    for (std::ptrdiff_t m = -reach; m <= reach; ++m) table[std::size_t(m + reach)] = normal_density(double(m) * step / h);
    for (std::size_t j = 0; j < r.size(); ++j) {
      const auto rj = static_cast<std::ptrdiff_t>(std::llround(r[j] / step));
      const std::ptrdiff_t begin = std::max<std::ptrdiff_t>(0, rj - reach), end = std::min(last, rj + reach) + 1;
      const double* kernel = table.data() + (begin - rj + reach);
      const double* values = binned.data() + begin;
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      std::ptrdiff_t m = 0, count = std::max<std::ptrdiff_t>(0, end - begin);
      for (; m + 4 <= count; m += 4)
        s0 += values[m] * kernel[m], s1 += values[m + 1] * kernel[m + 1], s2 += values[m + 2] * kernel[m + 2],
            s3 += values[m + 3] * kernel[m + 3];
      for (; m < count; ++m) s0 += values[m] * kernel[m];
      // Reflection: φ((r + bδ)/h) = table[rj + b + reach], b = 0..reach − rj.
      for (std::ptrdiff_t b = 0; b <= std::min(last, reach - rj); ++b) s1 += binned[b] * table[std::size_t(rj + b + reach)];
      out[j] = (s0 + s1) + (s2 + s3);
    }
    return;
  }
  for (std::size_t j = 0; j < r.size(); ++j) {
    const auto centre = static_cast<std::ptrdiff_t>(std::floor(r[j] / step));
    double sum = 0;
    for (std::ptrdiff_t b = std::max<std::ptrdiff_t>(0, centre - reach); b <= std::min(last, centre + reach + 1); ++b) {
      const double d = double(b) * step;
      sum += binned[b] * (normal_density((r[j] - d) / h) + normal_density((r[j] + d) / h));
    }
    out[j] = sum;
  }
}

}  // namespace

KdCurve kd_binned(const Sample& sample, std::span<const double> r, const KdOptions& options, KdWorkspace& workspace) {
  auto& buffers = workspace.buffers();
  KdCurve curve;
  curve.kd.assign(r.size(), std::numeric_limits<double>::quiet_NaN());
  if (sample.size() < 2) return curve;
  const double limit = 2 * r.back();
  bool pilot_exact = false;
  double target = options.bin_fraction * pilot_bandwidth(sample, limit, buffers.pilot, pilot_exact);
  if (!pilot_exact) target /= 1.25;  // room for the pilot's error
  if (!(target > 0)) target = std::max(limit, 1.0) * 1e-6;
  for (int attempt = 0; attempt < 3; ++attempt) {
    double step = lattice_step(r, target);
    const bool on_lattice = step > 0;
    if (!on_lattice) step = target;
    step = std::max(step, limit / double(std::size_t(1) << 24));  // at most 16 M knots
    fill_histogram(sample, limit, step, options, buffers);
    const PairHistogram& hist = buffers.histogram;
    curve.pairs = hist.pairs;
    if (hist.pairs < 2) return curve;
    const double count = double(hist.pairs);
    const double sd = std::sqrt(std::max(0.0, (hist.sum_squares - hist.sum * hist.sum / count) / (count - 1)));
    double iqr = approximate_iqr(hist, step);
    if ((iqr - 2 * step) / 1.34 < sd) iqr = exact_iqr(sample, limit, step, options, buffers);
    const double first = (sd > 0 && iqr > 0) ? 0.0 : first_distance(sample, limit);
    const double h = bw_nrd0(sd, iqr, count, first);
    if (step > options.bin_fraction * h * (1 + 1e-9) && attempt < 2) {
      target = options.bin_fraction * h;  // the pilot was too far off: bin again, finer
      continue;
    }
    curve.bandwidth = h;
    curve.bin_width = step;
    curve.error_bound = 0.0997 * step * step / (h * h * h) + 2.1e-18 / h;
    convolve(hist.linear, r, step, h, on_lattice, buffers.table, curve.kd);
    const double scale = 1.0 / (all_pairs_weight(sample, options.weighted) * h);
    for (double& v : curve.kd) v *= scale;
    return curve;
  }
  return curve;
}

}  // namespace detail
}  // namespace grappe::measure
