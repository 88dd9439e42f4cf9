#include "cell_grid.hpp"

#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <limits>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::detail {

namespace {
std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}
}  // namespace

CellGrid::CellGrid(std::span<const double> x, std::span<const double> y, double side) {
  const std::size_t n = x.size();
  if (!(side > 0) || !std::isfinite(side)) throw InputError("The grid cell side must be a positive distance.");
  if (n >= std::numeric_limits<std::uint32_t>::max()) throw InputError("Too many points for one grid.");
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  if (n > 0) {
    xmin = *std::min_element(x.begin(), x.end());
    xmax = *std::max_element(x.begin(), x.end());
    ymin = *std::min_element(y.begin(), y.end());
    ymax = *std::max_element(y.begin(), y.end());
  }
  if (!std::isfinite(xmin + xmax + ymin + ymax)) throw InputError("Point coordinates must be finite numbers.");
  if ((xmax - xmin) / side > 2e9 || (ymax - ymin) / side > 2e9)
    throw InputError("The distance " + std::to_string(side) + " is too small for the extent of the points.");

  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(n);
  std::vector<std::int64_t> pcx(n), pcy(n);
  for (std::size_t i = 0; i < n; ++i) {
    pcx[i] = static_cast<std::int64_t>(std::floor((x[i] - xmin) / side));
    pcy[i] = static_cast<std::int64_t>(std::floor((y[i] - ymin) / side));
    keyed[i] = {(static_cast<std::uint64_t>(pcx[i]) << 32) | static_cast<std::uint64_t>(pcy[i]),
                static_cast<std::uint32_t>(i)};
  }
  tbb::parallel_sort(keyed.begin(), keyed.end());
  order_.resize(n);
  xs_.resize(n);
  ys_.resize(n);
  cell_of_point_.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t i = keyed[k].second;
    order_[k] = i;
    xs_[k] = x[i];
    ys_[k] = y[i];
    if (k == 0 || keyed[k].first != keyed[k - 1].first)
      cells_.push_back({pcx[i], pcy[i], static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k)});
    cells_.back().end = static_cast<std::uint32_t>(k + 1);
    cell_of_point_[i] = static_cast<std::uint32_t>(cells_.size() - 1);
  }
  std::uint64_t capacity = 16;
  while (capacity < 2 * cells_.size()) capacity <<= 1;
  mask_ = capacity - 1;
  table_keys_.assign(capacity, 0);
  table_cells_.assign(capacity, -1);
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    const std::uint64_t k = key(cells_[c].cx, cells_[c].cy);
    std::uint64_t slot = mix(k) & mask_;
    while (table_cells_[slot] >= 0) slot = (slot + 1) & mask_;
    table_keys_[slot] = k;
    table_cells_[slot] = static_cast<std::int64_t>(c);
  }
}

std::int64_t CellGrid::find(std::int64_t cx, std::int64_t cy) const {
  if (cx < 0 || cy < 0) return -1;
  const std::uint64_t k = key(cx, cy);
  std::uint64_t slot = mix(k) & mask_;
  while (table_cells_[slot] >= 0) {
    if (table_keys_[slot] == k) return table_cells_[slot];
    slot = (slot + 1) & mask_;
  }
  return -1;
}

}  // namespace grappe::detail
