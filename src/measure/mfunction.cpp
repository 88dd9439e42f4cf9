// M function (Marcon & Puech 2010; dbmss::Mhat), exact: every reference point against every
// point, each neighbour's weight accumulated in the first r bin that contains its distance
// (d ≤ r inclusive) and then cumulated over r.
#include "grappe/measure/mfunction.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <oneapi/tbb/parallel_for.h>

#include "grappe/common/error.hpp"

namespace grappe::measure {

namespace {

struct Ratios {
  std::vector<double> numerator, denominator;  // Σ_i local share, Σ_i expected share
  explicit Ratios(std::size_t n) : numerator(n, 0.0), denominator(n, 0.0) {}
};

// Index of the first r ≥ d (r.size() when beyond rmax).
struct DistanceBins {
  std::span<const double> r;
  bool uniform = false;
  double start = 0, inverse_step = 0;

  explicit DistanceBins(std::span<const double> grid) : r(grid) {
    if (r.size() >= 3) {
      double step = (r.back() - r.front()) / double(r.size() - 1);
      uniform = step > 0;
      for (std::size_t k = 0; k < r.size() && uniform; ++k)
        uniform = std::abs(r[k] - (r.front() + double(k) * step)) <= 1e-9 * std::max(1.0, r.back());
      start = r.front(), inverse_step = uniform ? 1 / step : 0;
    }
  }
  std::size_t operator()(double d) const {
    if (!uniform) return std::size_t(std::lower_bound(r.begin(), r.end(), d) - r.begin());
    double u = std::ceil((d - start) * inverse_step);
    auto k = static_cast<std::size_t>(std::clamp(u, 0.0, double(r.size())));
    while (k > 0 && r[k - 1] >= d) --k;
    while (k < r.size() && r[k] < d) ++k;
    return k;
  }
};

void accumulate_reference(const MarkedView& p, std::size_t i, std::uint32_t type, double type_weight,
                          double total_weight, const DistanceBins& bins, std::vector<double>& all,
                          std::vector<double>& typed, std::vector<std::uint32_t>& neighbours, Ratios& ratios) {
  const std::size_t bin_count = bins.r.size();
  std::fill(all.begin(), all.end(), 0.0);
  std::fill(typed.begin(), typed.end(), 0.0);
  std::fill(neighbours.begin(), neighbours.end(), 0u);
  const double rmax2 = bins.r.back() * bins.r.back();
  const double xi = p.x[i], yi = p.y[i];
  for (std::size_t j = 0; j < p.x.size(); ++j) {
    if (j == i) continue;
    const double dx = p.x[j] - xi, dy = p.y[j] - yi, d2 = dx * dx + dy * dy;
    if (d2 > rmax2 * (1 + 1e-12)) continue;
    const std::size_t k = bins(std::sqrt(d2));
    if (k >= bin_count) continue;
    all[k] += p.weight[j];
    if (p.type[j] == type) typed[k] += p.weight[j];
    ++neighbours[k];
  }
  const double expected = (type_weight - p.weight[i]) / (total_weight - p.weight[i]);
  double cumulated_all = 0, cumulated_typed = 0;
  std::uint64_t cumulated_neighbours = 0;
  for (std::size_t k = 0; k < bin_count; ++k) {
    cumulated_all += all[k], cumulated_typed += typed[k], cumulated_neighbours += neighbours[k];
    if (cumulated_neighbours == 0) continue;
    ratios.numerator[k] += cumulated_typed / cumulated_all;
    ratios.denominator[k] += expected;
  }
}

void accumulate_range(const MarkedView& p, const std::vector<std::size_t>& references, std::size_t begin,
                      std::size_t end, std::uint32_t type, double type_weight, double total_weight,
                      const DistanceBins& bins, Ratios& ratios) {
  std::vector<double> all(bins.r.size()), typed(bins.r.size());
  std::vector<std::uint32_t> neighbours(bins.r.size());
  for (std::size_t k = begin; k < end; ++k)
    accumulate_reference(p, references[k], type, type_weight, total_weight, bins, all, typed, neighbours, ratios);
}

}  // namespace

std::vector<double> mhat(const MarkedView& p, std::uint32_t reference_type, std::span<const double> r,
                         const MOptions& options) {
  if (r.empty()) throw InputError("The distance grid r is empty.");
  for (std::size_t k = 1; k < r.size(); ++k)
    if (!(r[k] > r[k - 1])) throw InputError("Distances r must be strictly increasing.");
  double type_weight = 0, total_weight = 0;
  std::vector<std::size_t> references;
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    total_weight += p.weight[i];
    if (p.type[i] == reference_type) type_weight += p.weight[i], references.push_back(i);
  }
  DistanceBins bins(r);
  Ratios ratios(r.size());
  const std::size_t n = references.size();
  if (!options.parallel || n * p.x.size() < 4'000'000) {
    accumulate_range(p, references, 0, n, reference_type, type_weight, total_weight, bins, ratios);
  } else {
    // Fixed chunks merged in order: the same sums for any number of threads.
    const std::size_t chunks = 16;
    std::vector<Ratios> partial(chunks, Ratios(r.size()));
    tbb::parallel_for(std::size_t(0), chunks, [&](std::size_t c) {
      accumulate_range(p, references, n * c / chunks, n * (c + 1) / chunks, reference_type, type_weight,
                       total_weight, bins, partial[c]);
    });
    for (auto& part : partial)
      for (std::size_t k = 0; k < r.size(); ++k)
        ratios.numerator[k] += part.numerator[k], ratios.denominator[k] += part.denominator[k];
  }
  std::vector<double> m(r.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < r.size(); ++k)
    if (ratios.denominator[k] > 0) m[k] = ratios.numerator[k] / ratios.denominator[k];
  return m;
}

}  // namespace grappe::measure
