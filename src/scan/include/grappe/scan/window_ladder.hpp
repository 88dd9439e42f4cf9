#pragma once
// The set of circular windows the scan statistic maximises over. It depends only on where the
// establishments are (never on which are cases), so that the Monte Carlo test is an exact
// permutation test: the same windows are scanned in the observed data and in every simulation.
//
// Windows come in levels with a geometric ladder of radii r_0 = min_radius, r_{l+1} = ratio·r_l,
// …, up to max_radius. At level l the plane is cut into square cells of side spacing·r_l and each
// occupied cell contributes one centre: the establishment nearest to the cell's middle. A window
// is (level, centre): all establishments within r_l of the centre (distance ≤ r_l). With the
// defaults (spacing 0.5) every establishment is within 0.36·r_l of some centre of every level.
// This is SaTScan's circular scan with a "grid file" of centres and a discrete set of radii,
// chosen so that a case's windows can be enumerated in O(levels) work (see docs/scan.md).
#include <cstdint>
#include <span>
#include <vector>

namespace grappe {

struct LadderParams {
  double min_radius = 1000.0;   // metres
  double max_radius = 50000.0;  // metres
  double ratio = 1.5;           // between successive radii
  double spacing = 0.5;         // centre-cell side as a fraction of the radius
};

class WindowLadder {
 public:
  // x, y in metres; weight per point (empty: all 1). Throws InputError for bad parameters.
  WindowLadder(std::span<const double> x, std::span<const double> y, std::span<const double> weight,
               const LadderParams& params);

  struct Level {
    double radius, side, inv_side, ox, oy;
    std::int64_t nx, ny;
    std::vector<std::int32_t> centre_of_cell;  // nx·ny, global centre id or −1
  };
  std::span<const Level> levels() const { return levels_; }
  std::size_t point_count() const { return x_.size(); }
  std::size_t centre_count() const { return centre_x_.size(); }
  double total_weight() const { return total_weight_; }
  std::span<const double> x() const { return x_; }
  std::span<const double> y() const { return y_; }
  std::span<const double> weight() const { return weight_; }

  // Per centre (global id): position, the establishment it sits on, its level, and the total
  // weight (count when unweighted) of the establishments inside its window.
  std::span<const double> centre_x() const { return centre_x_; }
  std::span<const double> centre_y() const { return centre_y_; }
  std::span<const std::uint32_t> centre_point() const { return centre_point_; }
  std::span<const std::uint16_t> centre_level() const { return centre_level_; }
  std::span<const double> window_total() const { return window_total_; }
  std::span<const std::uint32_t> window_count() const { return window_count_; }

  // Calls visit(centre id) for every window of `level` that contains the point (px, py).
  template <class Visit>
  void for_each_window(const Level& level, double px, double py, Visit&& visit) const {
    const double r = level.radius, r2 = r * r;
    std::int64_t i0 = static_cast<std::int64_t>((px - r - level.ox) * level.inv_side);
    std::int64_t i1 = static_cast<std::int64_t>((px + r - level.ox) * level.inv_side);
    std::int64_t j0 = static_cast<std::int64_t>((py - r - level.oy) * level.inv_side);
    std::int64_t j1 = static_cast<std::int64_t>((py + r - level.oy) * level.inv_side);
    if (i0 < 0) i0 = 0;
    if (j0 < 0) j0 = 0;
    if (i1 >= level.nx) i1 = level.nx - 1;
    if (j1 >= level.ny) j1 = level.ny - 1;
    for (std::int64_t i = i0; i <= i1; ++i) {
      const std::int32_t* row = level.centre_of_cell.data() + i * level.ny;
      for (std::int64_t j = j0; j <= j1; ++j) {
        const std::int32_t id = row[j];
        if (id < 0) continue;
        const double dx = px - centre_x_[id], dy = py - centre_y_[id];
        if (dx * dx + dy * dy <= r2) visit(id);
      }
    }
  }

 private:
  void add_level(double radius, double spacing);
  std::vector<double> x_, y_, weight_;
  double total_weight_ = 0;
  std::vector<Level> levels_;
  std::vector<double> centre_x_, centre_y_, window_total_;
  std::vector<std::uint32_t> centre_point_, window_count_;
  std::vector<std::uint16_t> centre_level_;
};

}  // namespace grappe
