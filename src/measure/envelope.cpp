#include "grappe/measure/envelope.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <oneapi/tbb/parallel_for.h>

#include "grappe/common/error.hpp"
#include "grappe/measure/kd.hpp"

namespace grappe::measure {

CurveMatrix simulate_curves(std::size_t simulations, std::size_t columns, std::uint64_t seed,
                            const std::function<void(std::size_t, Rng&, std::span<double>)>& replicate,
                            const std::function<void()>& on_done, const parallel::Team* team) {
  CurveMatrix matrix;
  matrix.rows = simulations, matrix.columns = columns;
  matrix.values.assign(simulations * columns, std::numeric_limits<double>::quiet_NaN());
  const parallel::Range mine = parallel::my_block(simulations, team);
  tbb::parallel_for(mine.begin, mine.end, [&](std::size_t s) {
    Rng rng(stream_seed(seed, s));
    replicate(s, rng, matrix.row(s));
    if (on_done) on_done();
  });
  parallel::share_rows(team, matrix.values, simulations, columns);
  return matrix;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sorted non-NaN simulated values at each r.
std::vector<std::vector<double>> sorted_columns(const CurveMatrix& m) {
  std::vector<std::vector<double>> columns(m.columns);
  for (std::size_t c = 0; c < m.columns; ++c) {
    auto& column = columns[c];
    column.reserve(m.rows);
    for (std::size_t s = 0; s < m.rows; ++s)
      if (double v = m.values[s * m.columns + c]; !std::isnan(v)) column.push_back(v);
    std::sort(column.begin(), column.end());
  }
  return columns;
}

// Band made of the rank-th order statistic from the top (upper) or the bottom (lower).
std::vector<double> band_at_rank(const std::vector<std::vector<double>>& columns, std::size_t rank, bool upper) {
  std::vector<double> band(columns.size(), kNaN);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto& column = columns[c];
    if (rank < column.size()) band[c] = upper ? column[column.size() - 1 - rank] : column[rank];
  }
  return band;
}

std::size_t curves_crossing(const CurveMatrix& m, const std::vector<double>& band, bool upper) {
  std::size_t crossing = 0;
  for (std::size_t s = 0; s < m.rows; ++s) {
    auto row = m.row(s);
    for (std::size_t c = 0; c < m.columns; ++c) {
      if (std::isnan(row[c]) || std::isnan(band[c])) continue;
      if (upper ? row[c] > band[c] : row[c] < band[c]) {
        ++crossing;
        break;
      }
    }
  }
  return crossing;
}

// The largest rank whose band is crossed by at most `allowed` curves (crossings grow with rank).
std::size_t global_rank(const CurveMatrix& m, const std::vector<std::vector<double>>& columns,
                        std::size_t allowed, bool upper) {
  std::size_t low = 0, high = m.rows > 0 ? m.rows - 1 : 0;  // rank 0 is never crossed
  while (low < high) {
    std::size_t middle = (low + high + 1) / 2;
    if (curves_crossing(m, band_at_rank(columns, middle, upper), upper) <= allowed) low = middle;
    else high = middle - 1;
  }
  return low;
}

}  // namespace

Envelope compute_envelope(const CurveMatrix& m, double confidence) {
  if (!(confidence > 0 && confidence < 1)) throw InputError("The confidence level must be between 0 and 1.");
  Envelope e;
  e.confidence = confidence, e.simulations = m.rows;
  auto columns = sorted_columns(m);
  const double alpha = (1 - confidence) / 2;
  e.lo_local.resize(m.columns), e.hi_local.resize(m.columns);
  for (std::size_t c = 0; c < m.columns; ++c) {
    e.lo_local[c] = quantile_type7(columns[c], alpha);
    e.hi_local[c] = quantile_type7(columns[c], 1 - alpha);
  }
  if (m.rows == 0) return e;
  const auto allowed = static_cast<std::size_t>(std::floor(alpha * double(m.rows) + 1e-9));
  e.upper_rank = global_rank(m, columns, allowed, true);
  e.lower_rank = global_rank(m, columns, allowed, false);
  e.hi_global = band_at_rank(columns, e.upper_rank, true);
  e.lo_global = band_at_rank(columns, e.lower_rank, false);
  e.upper_crossing = double(curves_crossing(m, e.hi_global, true)) / double(m.rows);
  e.lower_crossing = double(curves_crossing(m, e.lo_global, false)) / double(m.rows);
  return e;
}

LocalisationTest localisation_test(std::span<const double> r, std::span<const double> observed, const Envelope& e) {
  LocalisationTest test;
  const std::size_t n = r.size();
  test.localised.assign(n, 0), test.dispersed.assign(n, 0);
  if (e.hi_global.size() != n || observed.size() != n) return test;
  double excess = 0, deficit = 0;
  for (std::size_t k = 0; k < n; ++k) {
    // Spacing around r_k (the plain step on a uniform grid, as DO's sum over 1 km steps).
    double width = n == 1 ? 1.0
                   : k == 0 ? r[1] - r[0]
                   : k == n - 1 ? r[n - 1] - r[n - 2]
                                : (r[k + 1] - r[k - 1]) / 2;
    if (std::isnan(observed[k])) continue;
    if (!std::isnan(e.hi_global[k]) && observed[k] > e.hi_global[k])
      test.localised[k] = 1, excess += (observed[k] - e.hi_global[k]) * width;
    if (!std::isnan(e.lo_global[k]) && observed[k] < e.lo_global[k])
      test.dispersed[k] = 1, deficit += (e.lo_global[k] - observed[k]) * width;
  }
  test.gamma = excess;
  test.psi = excess > 0 ? 0 : deficit;
  return test;
}

}  // namespace grappe::measure
