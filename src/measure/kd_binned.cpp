// Binned Kd (the default path). Three steps, each with a known error:
//  1. One pass over the pairs (O(n²), split in fixed chunks so that the result does not depend
//     on the thread count): pair weights are *linearly binned* on a fine lattice of step f = 1 m
//     (a distance d between lattice points b·f and (b+1)·f gives (1 − t)·w to b and t·w to b+1,
//     t = d/f − b), pair counts are tallied per 1 m bin, and Σd, Σd² are accumulated exactly.
//  2. The bandwidth: sd from the sums (exact up to rounding); the quartiles from the 1 m counts,
//     interpolated inside their bin (|error| < f each, so the IQR is within 2 m, a relative
//     bandwidth error ≤ 2 m / IQR when the IQR branch of bw.nrd0 is taken).
//  3. The fine lattice is coarsened to δ = k·f ≤ h/200 (exactly the linear binning on the coarse
//     lattice, since coarse knots are fine knots) and convolved with the reflected kernel. Linear
//     binning evaluates, for each pair, the linear interpolant of g(d) = [φ((r−d)/h)+φ((r+d)/h)]/h
//     between two knots, so the error is ≤ δ²/8·max|g''| ≤ δ²/8 · 2φ(0)/h³ = 0.0997·δ²/h³ per
//     unit weight (Wand & Jones 1995, §D; Hall & Wand 1996). The kernel is cut at |u| = 9
//     (φ(9) = 1.0e-18): a further 2.1e-18/h. With δ ≤ h/200 the bound is 2.5e-6/h, i.e. 3e-6 of
//     the kernel's peak 2φ(0)/h.
// When every r is a multiple of δ the kernel is tabulated once per curve (no exp in the loop).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <oneapi/tbb/parallel_for.h>
#include <vector>

#include "kd_internal.hpp"

namespace grappe::measure {

namespace {

struct PairHistogram {
  std::vector<double> linear;          // linearly binned pair weights, knots b·f
  std::vector<std::uint32_t> counts;   // pairs with d in [b·f, (b+1)·f)
  std::uint64_t pairs = 0;
  double sum = 0, sum_squares = 0, total_weight = 0;

  void reset(std::size_t bins) {
    linear.assign(bins + 2, 0.0);
    counts.assign(bins + 1, 0);
    pairs = 0;
    sum = sum_squares = total_weight = 0;
  }
  void merge(const PairHistogram& other) {
    for (std::size_t b = 0; b < linear.size(); ++b) linear[b] += other.linear[b];
    for (std::size_t b = 0; b < counts.size(); ++b) counts[b] += other.counts[b];
    pairs += other.pairs, sum += other.sum, sum_squares += other.sum_squares;
    total_weight += other.total_weight;
  }
};

void accumulate_pairs(const Sample& s, std::size_t row_begin, std::size_t row_end, double limit,
                      double inverse_step, bool weighted, PairHistogram& hist) {
  const std::size_t n = s.size();
  const double limit_squared = limit * limit;
  double* linear = hist.linear.data();
  std::uint32_t* counts = hist.counts.data();
  // Distances are computed a block at a time in a loop the compiler vectorises (sqrtpd), then
  // binned in a scalar loop.
  constexpr std::size_t kBlock = 256;
  double distance[kBlock];
  for (std::size_t i = row_begin; i < row_end; ++i) {
    const double xi = s.x[i], yi = s.y[i], wi = weighted ? s.weight[i] : 1.0;
    double sum = 0, sum_squares = 0, total = 0;
    std::uint64_t pairs = 0;
    for (std::size_t block = i + 1; block < n; block += kBlock) {
      const std::size_t size = std::min(kBlock, n - block);
      const double* x = s.x.data() + block;
      const double* y = s.y.data() + block;
      for (std::size_t m = 0; m < size; ++m) {
        const double dx = x[m] - xi, dy = y[m] - yi;
        distance[m] = dx * dx + dy * dy;
      }
      for (std::size_t m = 0; m < size; ++m) distance[m] = std::sqrt(distance[m]);
      for (std::size_t m = 0; m < size; ++m) {
        const double d = distance[m];
        if (d * d > limit_squared) continue;
        const double u = d * inverse_step;
        const auto b = static_cast<std::size_t>(u);
        const double w = weighted ? wi * s.weight[block + m] : 1.0;
        const double upper = w * (u - static_cast<double>(b));
        linear[b] += w - upper;
        linear[b + 1] += upper;
        ++counts[b];
        ++pairs, sum += d, sum_squares += d * d, total += w;
      }
    }
    hist.pairs += pairs, hist.sum += sum, hist.sum_squares += sum_squares, hist.total_weight += total;
  }
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

// Approximate order statistic (0-based rank) from the 1 m counts: uniform inside its bin.
double order_statistic(const std::vector<std::uint32_t>& counts, double step, std::uint64_t rank,
                       std::size_t& bin, std::uint64_t& before) {
  while (bin < counts.size() && before + counts[bin] <= rank) before += counts[bin++];
  if (bin >= counts.size()) return double(counts.size()) * step;
  return (double(bin) + (double(rank - before) + 0.5) / double(counts[bin])) * step;
}

double binned_iqr(const PairHistogram& hist, double step) {
  auto quantile = [&](double p) {
    double position = double(hist.pairs - 1) * p;
    auto below = static_cast<std::uint64_t>(std::floor(position));
    std::size_t bin = 0;
    std::uint64_t before = 0;
    double a = order_statistic(hist.counts, step, below, bin, before);
    if (below + 1 >= hist.pairs) return a;
    double b = order_statistic(hist.counts, step, below + 1, bin, before);
    return a + (position - double(below)) * (b - a);
  };
  return quantile(0.75) - quantile(0.25);
}

// Largest k ≤ k_max such that every r is a multiple of k·f (0 when none, even k = 1).
std::size_t lattice_factor(std::span<const double> r, double step, std::size_t k_max) {
  for (std::size_t k = std::max<std::size_t>(k_max, 1); k >= 1; --k) {
    const double width = double(k) * step;
    bool all = std::all_of(r.begin(), r.end(), [&](double v) {
      double q = v / width;
      return std::abs(q - std::round(q)) <= 1e-9 * std::max(1.0, q);
    });
    if (all) return k;
  }
  return 0;
}

}  // namespace

struct KdWorkspace::Buffers {
  PairHistogram histogram;
  std::vector<PairHistogram> chunks;
  std::vector<double> coarse, table;
};
KdWorkspace::KdWorkspace() : buffers_(std::make_unique<Buffers>()) {}
KdWorkspace::~KdWorkspace() = default;
KdWorkspace::KdWorkspace(KdWorkspace&&) noexcept = default;
KdWorkspace& KdWorkspace::operator=(KdWorkspace&&) noexcept = default;

namespace detail {

namespace {

constexpr double kKernelCut = 9.0;      // φ(9) = 1.03e-18
constexpr double kFineStep = 1.0;       // metres
constexpr std::size_t kMaxFineBins = std::size_t(1) << 23;

void fill_histogram(const Sample& sample, double limit, double step, const KdOptions& options,
                    KdWorkspace::Buffers& buffers) {
  const std::size_t bins = static_cast<std::size_t>(std::ceil(limit / step)) + 1;
  PairHistogram& hist = buffers.histogram;
  hist.reset(bins);
  const std::size_t n = sample.size();
  if (n < 2) return;
  const Sample& ordered = sample;
  if (!options.parallel || n < 3000) {
    accumulate_pairs(ordered, 0, n, limit, 1.0 / step, options.weighted, hist);
    return;
  }
  auto bounds = chunk_bounds(n, 8);
  buffers.chunks.resize(bounds.size() - 1);
  tbb::parallel_for(std::size_t(0), bounds.size() - 1, [&](std::size_t c) {
    buffers.chunks[c].reset(bins);
    accumulate_pairs(ordered, bounds[c], bounds[c + 1], limit, 1.0 / step, options.weighted, buffers.chunks[c]);
  });
  for (auto& chunk : buffers.chunks) hist.merge(chunk);
}

}  // namespace

KdCurve kd_binned(const Sample& sample, std::span<const double> r, const KdOptions& options,
                  KdWorkspace& workspace) {
  auto& buffers = workspace.buffers();
  KdCurve curve;
  curve.kd.assign(r.size(), std::numeric_limits<double>::quiet_NaN());
  const double limit = 2 * r.back();
  // 1 m lattice unless rmax is very large (then about 8 M knots).
  const double step = std::max(kFineStep, limit / double(kMaxFineBins));
  fill_histogram(sample, limit, step, options, buffers);
  const PairHistogram& hist = buffers.histogram;
  curve.pairs = hist.pairs;
  if (hist.pairs < 2 || !(hist.total_weight > 0)) return curve;

  const double count = double(hist.pairs);
  const double variance = std::max(0.0, (hist.sum_squares - hist.sum * hist.sum / count) / (count - 1));
  const double first = (std::sqrt(variance) > 0) ? 0.0 : first_distance(sample, limit);
  const double h = bw_nrd0(std::sqrt(variance), binned_iqr(hist, step), count, first);
  curve.bandwidth = h;

  // Coarse lattice δ = k·f ≤ bin_fraction·h, on which every r lies when possible.
  const auto k_max = static_cast<std::size_t>(std::max(1.0, std::floor(options.bin_fraction * h / step)));
  std::size_t k = lattice_factor(r, step, k_max);
  const bool on_lattice = k > 0 && 2 * k >= k_max;
  if (!on_lattice) k = k_max;
  const double delta = double(k) * step;
  curve.bin_width = delta;
  curve.error_bound = 0.0997 * delta * delta / (h * h * h) + 2.1e-18 / h;

  const std::size_t fine = hist.linear.size();
  auto& coarse = buffers.coarse;
  coarse.assign(fine / k + 2, 0.0);
  const double inverse_k = 1.0 / double(k);
  for (std::size_t q = 0, i = 0; i < fine; ++q) {
    coarse[q] += hist.linear[i++];
    for (std::size_t remainder = 1; remainder < k && i < fine; ++remainder, ++i) {
      const double t = double(remainder) * inverse_k;
      coarse[q] += hist.linear[i] * (1 - t);
      coarse[q + 1] += hist.linear[i] * t;
    }
  }
  const auto reach = static_cast<std::ptrdiff_t>(std::ceil(kKernelCut * h / delta));
  const auto last = static_cast<std::ptrdiff_t>(coarse.size()) - 1;
  const double scale = 1.0 / (all_pairs_weight(sample, options.weighted) * h);
  if (on_lattice) {
    auto& table = buffers.table;
    table.resize(std::size_t(reach) + 1);
    for (std::ptrdiff_t m = 0; m <= reach; ++m) table[m] = normal_density(double(m) * delta / h);
    for (std::size_t j = 0; j < r.size(); ++j) {
      const auto rj = static_cast<std::ptrdiff_t>(std::llround(r[j] / delta));
      double sum = 0;
      for (std::ptrdiff_t b = std::max<std::ptrdiff_t>(0, rj - reach); b <= std::min(last, rj + reach); ++b)
        sum += coarse[b] * table[std::abs(rj - b)];
      for (std::ptrdiff_t b = 0; b <= std::min(last, reach - rj); ++b) sum += coarse[b] * table[rj + b];
      curve.kd[j] = sum * scale;
    }
  } else {
    for (std::size_t j = 0; j < r.size(); ++j) {
      const auto centre = static_cast<std::ptrdiff_t>(std::floor(r[j] / delta));
      double sum = 0;
      for (std::ptrdiff_t b = std::max<std::ptrdiff_t>(0, centre - reach); b <= std::min(last, centre + reach + 1); ++b) {
        const double d = double(b) * delta;
        sum += coarse[b] * (normal_density((r[j] - d) / h) + normal_density((r[j] + d) / h));
      }
      curve.kd[j] = sum * scale;
    }
  }
  return curve;
}

}  // namespace detail
}  // namespace grappe::measure
