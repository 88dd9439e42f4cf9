// Kd dispatch and the bandwidth rule shared by both paths.
#include <algorithm>
#include <cmath>
#include <limits>

#include "grappe/common/error.hpp"
#include "kd_internal.hpp"

namespace grappe::measure {

double bw_nrd0(double sd, double iqr, double n, double first_value) {
  // R: lo <- min(hi, IQR/1.34); if (!lo) (lo <- hi) || (lo <- abs(x[1])) || (lo <- 1)
  double lo = std::min(sd, iqr / 1.34);
  if (!(lo > 0)) lo = sd;
  if (!(lo > 0)) lo = std::abs(first_value);
  if (!(lo > 0)) lo = 1.0;
  return 0.9 * lo * std::pow(n, -0.2);
}

double quantile_type7(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  double position = (static_cast<double>(sorted.size()) - 1) * p;  // 0-based
  auto below = static_cast<std::size_t>(std::floor(position));
  double fraction = position - static_cast<double>(below);
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

namespace detail {

double first_distance(const Sample& sample, double limit) {
  const std::size_t n = sample.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double d = std::hypot(sample.x[i] - sample.x[j], sample.y[i] - sample.y[j]);
      if (d <= limit) return d;
    }
  return 0;
}

double all_pairs_weight(const Sample& sample, bool weighted) {
  const double n = double(sample.size());
  if (!weighted) return 0.5 * n * (n - 1);
  long double sum = 0, squares = 0;
  for (double w : sample.weight) sum += w, squares += (long double)w * w;
  return static_cast<double>(0.5L * (sum * sum - squares));
}

}  // namespace detail

KdCurve kdhat(const Sample& sample, std::span<const double> r, const KdOptions& options,
              KdWorkspace* workspace) {
  if (r.empty()) throw InputError("The distance grid r is empty.");
  for (std::size_t k = 0; k < r.size(); ++k) {
    if (!std::isfinite(r[k]) || r[k] < 0)
      throw InputError("Distances r must be finite and non-negative (got " + std::to_string(r[k]) + ").");
    if (k > 0 && r[k] <= r[k - 1]) throw InputError("Distances r must be strictly increasing.");
  }
  if (options.exact) return detail::kd_exact(sample, r, options);
  if (workspace) return detail::kd_binned(sample, r, options, *workspace);
  KdWorkspace local;
  return detail::kd_binned(sample, r, options, local);
}

}  // namespace grappe::measure
