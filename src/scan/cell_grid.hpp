#pragma once
// A sparse square grid over planar points: points sorted by cell, cells found by key through an
// open-addressing hash table. Shared by DBSCAN and the footprint code (internal header).
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace grappe::detail {

class CellGrid {
 public:
  // Cells of side `side` over the points; throws InputError when the grid would be absurdly fine.
  CellGrid(std::span<const double> x, std::span<const double> y, double side);

  struct Cell {
    std::int64_t cx, cy;
    std::uint32_t begin, end;  // range in order()/xs()/ys()
  };
  std::span<const Cell> cells() const { return cells_; }
  // Point indices sorted by cell, and their coordinates in that order.
  std::span<const std::uint32_t> order() const { return order_; }
  std::span<const double> xs() const { return xs_; }
  std::span<const double> ys() const { return ys_; }
  // Cell index of integer cell coordinates, or -1.
  std::int64_t find(std::int64_t cx, std::int64_t cy) const;
  // Cell index of every point (by original index).
  std::span<const std::uint32_t> cell_of_point() const { return cell_of_point_; }

 private:
  static std::uint64_t key(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint64_t>(cy & 0xffffffff);
  }
  std::vector<Cell> cells_;
  std::vector<std::uint32_t> order_;
  std::vector<double> xs_, ys_;
  std::vector<std::uint32_t> cell_of_point_;
  std::vector<std::uint64_t> table_keys_;
  std::vector<std::int64_t> table_cells_;
  std::uint64_t mask_ = 0;
};

}  // namespace grappe::detail
