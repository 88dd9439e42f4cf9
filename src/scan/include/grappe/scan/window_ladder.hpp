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
#include <cstring>
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
    std::size_t dense_offset = 0;              // first dense index of this level (see below)
    std::int64_t probe_offset[25] = {};        // dense index of block bit 5·di + dj from the corner
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

  // Fast path for counting cases (docs/scan.md, "Counting"). Windows also have a dense index:
  // level.dense_offset + i·ny + j for the window centred in cell (i, j) (empty cells included).
  // Each point has a probe record, one cache line with the defaults: its x, y and, per level l,
  // a mask saying which windows of level l hold it: bit 5·di + dj is set when the window of cell
  // (i0 + di, j0 + dj) does, (i0, j0) = block_corner(level, x, y) being the first cell
  // for_each_window probes. kWideBlock marks a point whose probe block is wider than 5×5
  // (rounding, or spacing < 0.5): use for_each_window and dense_of_centre for it.
  static constexpr std::uint32_t kWideBlock = 0xffffffffu;
  struct Probe {
    double x, y;
    const std::uint32_t* mask;  // one per level
  };
  Probe probe(std::size_t p) const {
    const std::uint32_t* record = probe_.data() + p * probe_stride_;
    Probe result;
    std::memcpy(&result.x, record, sizeof(double));
    std::memcpy(&result.y, record + 2, sizeof(double));
    result.mask = record + 4;
    return result;
  }
  std::size_t dense_count() const { return dense_count_; }
  std::span<const std::uint32_t> dense_window_count() const { return dense_window_count_; }
  std::span<const std::int64_t> dense_of_centre() const { return dense_of_centre_; }
  std::int64_t block_corner(const Level& level, double px, double py) const {
    const BlockRange b = block_range(level, px, py);
    return static_cast<std::int64_t>(level.dense_offset) + b.i0 * level.ny + b.j0;
  }

  // Calls visit(centre id) for every window of `level` that contains the point (px, py).
  template <class Visit>
  void for_each_window(const Level& level, double px, double py, Visit&& visit) const {
    const double r = level.radius, r2 = r * r;
    const BlockRange b = block_range(level, px, py);
    for (std::int64_t i = b.i0; i <= b.i1; ++i) {
      const std::int32_t* row = level.centre_of_cell.data() + i * level.ny;
      for (std::int64_t j = b.j0; j <= b.j1; ++j) {
        const std::int32_t id = row[j];
        if (id < 0) continue;
        const double dx = px - centre_xy_[2 * id], dy = py - centre_xy_[2 * id + 1];
        if (dx * dx + dy * dy <= r2) visit(id);
      }
    }
  }

 private:
  // The cells whose centre may be within the radius of (px, py), clipped to the grid.
  struct BlockRange {
    std::int64_t i0, i1, j0, j1;
  };
  static BlockRange block_range(const Level& level, double px, double py) {
    const double r = level.radius;
    BlockRange b{static_cast<std::int64_t>((px - r - level.ox) * level.inv_side),
                 static_cast<std::int64_t>((px + r - level.ox) * level.inv_side),
                 static_cast<std::int64_t>((py - r - level.oy) * level.inv_side),
                 static_cast<std::int64_t>((py + r - level.oy) * level.inv_side)};
    if (b.i0 < 0) b.i0 = 0;
    if (b.j0 < 0) b.j0 = 0;
    if (b.i1 >= level.nx) b.i1 = level.nx - 1;
    if (b.j1 >= level.ny) b.j1 = level.ny - 1;
    return b;
  }
  void add_level(double radius, double spacing);
  void build_probe_masks();
  std::size_t dense_count_ = 0;
  std::size_t probe_stride_ = 0;       // uint32 words per probe record (x, y, masks; even)
  std::vector<std::uint32_t> probe_;
  std::vector<std::uint32_t> dense_window_count_;
  std::vector<std::int64_t> dense_of_centre_;
  std::vector<double> x_, y_, weight_;
  double total_weight_ = 0;
  std::vector<Level> levels_;
  std::vector<double> centre_x_, centre_y_, window_total_;
  std::vector<double> centre_xy_;  // interleaved copy for the counting loop (one cache line per probe)
  std::vector<std::uint32_t> centre_point_, window_count_;
  std::vector<std::uint16_t> centre_level_;
};

}  // namespace grappe
