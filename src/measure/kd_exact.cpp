// Exact Kd: the kernel sum of DO 2005 eq. 1 (with dbmss's conventions, kd.hpp) pair by pair.
// Terms with |u| > 39 underflow to exactly 0 in double (exp(−760) = 0), so summing only the
// pairs with |r ± d| ≤ 39·h gives the same result as the full sum.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "kd_internal.hpp"

namespace grappe::measure::detail {

namespace {

struct WeightedDistance {
  double distance, weight;
};

}  // namespace

KdCurve kd_exact(const Sample& sample, std::span<const double> r, const KdOptions& options) {
  KdCurve curve;
  curve.kd.assign(r.size(), std::numeric_limits<double>::quiet_NaN());
  const double limit = 2 * r.back();
  const std::size_t n = sample.size();
  std::vector<WeightedDistance> pairs;
  double first = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double d = std::hypot(sample.x[i] - sample.x[j], sample.y[i] - sample.y[j]);
      if (d > limit) continue;
      if (std::isnan(first)) first = d;
      double w = options.weighted ? sample.weight[i] * sample.weight[j] : 1.0;
      pairs.push_back({d, w});
    }
  curve.pairs = pairs.size();
  if (pairs.size() < 2) return curve;

  std::vector<double> distances(pairs.size());
  std::transform(pairs.begin(), pairs.end(), distances.begin(), [](auto& p) { return p.distance; });
  const double count = static_cast<double>(distances.size());
  long double mean = 0;
  for (double d : distances) mean += d;
  mean /= count;
  long double squares = 0;
  for (double d : distances) squares += (d - mean) * (d - mean);
  const double sd = std::sqrt(static_cast<double>(squares / (count - 1)));
  std::sort(distances.begin(), distances.end());
  const double iqr = quantile_type7(distances, 0.75) - quantile_type7(distances, 0.25);
  const double h = bw_nrd0(sd, iqr, count, first);
  curve.bandwidth = h;

  std::sort(pairs.begin(), pairs.end(), [](auto& a, auto& b) { return a.distance < b.distance; });
  const long double total_weight = all_pairs_weight(sample, options.weighted);
  if (!(total_weight > 0)) return curve;
  const double reach = 39 * h;
  for (std::size_t k = 0; k < r.size(); ++k) {
    auto begin = std::lower_bound(pairs.begin(), pairs.end(), r[k] - reach,
                                  [](const WeightedDistance& p, double v) { return p.distance < v; });
    long double sum = 0;
    for (auto it = begin; it != pairs.end() && it->distance <= r[k] + reach; ++it)
      sum += it->weight * (normal_density((r[k] - it->distance) / h) + normal_density((r[k] + it->distance) / h));
    curve.kd[k] = static_cast<double>(sum / (total_weight * h));
  }
  return curve;
}

}  // namespace grappe::measure::detail
