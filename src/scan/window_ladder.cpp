#include "grappe/scan/window_ladder.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe {

namespace {
// Dense centre grids above this many cells would use too much memory (a 1 km ladder over
// metropolitan France needs about 5 million).
constexpr double kMaxCellsPerLevel = 80e6;
}  // namespace

WindowLadder::WindowLadder(std::span<const double> x, std::span<const double> y,
                           std::span<const double> weight, const LadderParams& params)
    : x_(x.begin(), x.end()), y_(y.begin(), y.end()) {
  if (x.size() != y.size() || (!weight.empty() && weight.size() != x.size()))
    throw Error("WindowLadder: coordinate and weight columns differ in length.");
  if (!(params.min_radius > 0) || !(params.max_radius >= params.min_radius))
    throw InputError("The scan radii must satisfy 0 < min radius ≤ max radius (got " +
                     std::to_string(params.min_radius) + " and " + std::to_string(params.max_radius) + " m).");
  if (!(params.ratio > 1) || !(params.spacing > 0) || params.spacing > 1)
    throw InputError("The radius ratio must exceed 1 and the centre spacing lie in (0, 1].");
  if (x.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw InputError("Too many establishments for one scan.");
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) throw Error("WindowLadder: point without a location.");
  if (weight.empty()) {
    weight_.assign(x.size(), 1.0);
  } else {
    weight_.assign(weight.begin(), weight.end());
    for (double w : weight_)
      if (!(w > 0) || !std::isfinite(w)) throw InputError("Scan weights must be positive numbers.");
  }
  for (double w : weight_) total_weight_ += w;
  if (x.empty()) return;

  std::vector<double> radii;
  for (double r = params.min_radius; r < params.max_radius * (1 - 1e-9); r *= params.ratio) radii.push_back(r);
  radii.push_back(params.max_radius);
  for (double r : radii) add_level(r, params.spacing);

  centre_xy_.resize(2 * centre_x_.size());
  for (std::size_t id = 0; id < centre_x_.size(); ++id) {
    centre_xy_[2 * id] = centre_x_[id];
    centre_xy_[2 * id + 1] = centre_y_[id];
  }
  // Window totals, one level per task (centre ids of different levels never collide).
  window_total_.assign(centre_x_.size(), 0.0);
  window_count_.assign(centre_x_.size(), 0);
  tbb::parallel_for(std::size_t{0}, levels_.size(), [&](std::size_t l) {
    for (std::size_t p = 0; p < x_.size(); ++p)
      for_each_window(levels_[l], x_[p], y_[p], [&](std::int32_t id) {
        window_total_[id] += weight_[p];
        ++window_count_[id];
      });
  });
  build_probe_masks();
}

// One pass of for_each_window over every point and level, remembered as bits: counting a case
// then costs a few increments per level instead of 25 probes with a distance test each.
void WindowLadder::build_probe_masks() {
  const std::size_t n = x_.size(), levels = levels_.size();
  probe_stride_ = 4 + levels + levels % 2;
  probe_.assign(n * probe_stride_, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t p = range.begin(); p < range.end(); ++p) {
      std::uint32_t* record = probe_.data() + p * probe_stride_;
      std::memcpy(record, &x_[p], sizeof(double));
      std::memcpy(record + 2, &y_[p], sizeof(double));
      for (std::size_t l = 0; l < levels; ++l) {
        const Level& level = levels_[l];
        const BlockRange b = block_range(level, x_[p], y_[p]);
        if (b.i1 - b.i0 >= 5 || b.j1 - b.j0 >= 5) {
          record[4 + l] = kWideBlock;
          continue;
        }
        std::uint32_t m = 0;
        for_each_window(level, x_[p], y_[p], [&](std::int32_t id) {
          const std::int64_t cell = dense_of_centre_[id] - static_cast<std::int64_t>(level.dense_offset);
          const std::int64_t di = cell / level.ny - b.i0, dj = cell % level.ny - b.j0;
          m |= std::uint32_t{1} << (5 * di + dj);
        });
        record[4 + l] = m;
      }
    }
  });
  dense_window_count_.assign(dense_count_, 0);
  for (std::size_t id = 0; id < window_count_.size(); ++id) dense_window_count_[dense_of_centre_[id]] = window_count_[id];
}

void WindowLadder::add_level(double radius, double spacing) {
  Level level;
  level.radius = radius;
  level.side = spacing * radius;
  level.inv_side = 1.0 / level.side;
  level.ox = *std::min_element(x_.begin(), x_.end());
  level.oy = *std::min_element(y_.begin(), y_.end());
  const double xmax = *std::max_element(x_.begin(), x_.end());
  const double ymax = *std::max_element(y_.begin(), y_.end());
  level.nx = static_cast<std::int64_t>((xmax - level.ox) * level.inv_side) + 1;
  level.ny = static_cast<std::int64_t>((ymax - level.oy) * level.inv_side) + 1;
  if (static_cast<double>(level.nx) * static_cast<double>(level.ny) > kMaxCellsPerLevel)
    throw InputError("The area is too large for a minimum scan radius of " + std::to_string(radius) +
                     " m: raise --min-radius.");
  const std::size_t cells = static_cast<std::size_t>(level.nx * level.ny);
  level.dense_offset = dense_count_;
  dense_count_ += cells;
  for (int k = 0; k < 25; ++k) level.probe_offset[k] = (k / 5) * level.ny + k % 5;

  // The centre of a cell is its establishment nearest to the cell's middle (ties: lowest x, y),
  // which depends on locations only.
  std::vector<std::int32_t> best(cells, -1);
  std::vector<double> best_d2(cells, std::numeric_limits<double>::infinity());
  for (std::size_t p = 0; p < x_.size(); ++p) {
    const auto i = static_cast<std::int64_t>((x_[p] - level.ox) * level.inv_side);
    const auto j = static_cast<std::int64_t>((y_[p] - level.oy) * level.inv_side);
    const std::size_t cell = static_cast<std::size_t>(i * level.ny + j);
    const double mx = level.ox + (static_cast<double>(i) + 0.5) * level.side;
    const double my = level.oy + (static_cast<double>(j) + 0.5) * level.side;
    const double d2 = (x_[p] - mx) * (x_[p] - mx) + (y_[p] - my) * (y_[p] - my);
    const std::int32_t b = best[cell];
    if (b < 0 || d2 < best_d2[cell] ||
        (d2 == best_d2[cell] && (x_[p] < x_[b] || (x_[p] == x_[b] && y_[p] < y_[b])))) {
      best[cell] = static_cast<std::int32_t>(p);
      best_d2[cell] = d2;
    }
  }
  level.centre_of_cell.assign(cells, -1);
  for (std::size_t cell = 0; cell < cells; ++cell) {
    if (best[cell] < 0) continue;
    level.centre_of_cell[cell] = static_cast<std::int32_t>(centre_x_.size());
    centre_x_.push_back(x_[best[cell]]);
    centre_y_.push_back(y_[best[cell]]);
    centre_point_.push_back(static_cast<std::uint32_t>(best[cell]));
    centre_level_.push_back(static_cast<std::uint16_t>(levels_.size()));
    dense_of_centre_.push_back(static_cast<std::int64_t>(level.dense_offset + cell));
  }
  levels_.push_back(std::move(level));
}

}  // namespace grappe
