#include "grappe/scan/dbscan.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <cmath>
#include <numeric>

#include "cell_grid.hpp"
#include "grappe/common/error.hpp"

namespace grappe {

namespace {

using detail::CellGrid;

// The 25 cells within two steps: with side eps/√2 (shrunk a hair) no point beyond them can be
// within eps of a point of the centre cell.
constexpr int kReach = 2;

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Neighbour cells (indices) of every cell, itself included.
std::vector<std::vector<std::uint32_t>> neighbour_cells(const CellGrid& grid) {
  auto cells = grid.cells();
  std::vector<std::vector<std::uint32_t>> result(cells.size());
  tbb::parallel_for(std::size_t{0}, cells.size(), [&](std::size_t c) {
    for (int dx = -kReach; dx <= kReach; ++dx)
      for (int dy = -kReach; dy <= kReach; ++dy) {
        const std::int64_t other = grid.find(cells[c].cx + dx, cells[c].cy + dy);
        if (other >= 0) result[c].push_back(static_cast<std::uint32_t>(other));
      }
  });
  return result;
}

}  // namespace

DbscanResult dbscan(std::span<const double> x, std::span<const double> y, const DbscanParams& params) {
  if (x.size() != y.size()) throw Error("dbscan: x and y must have the same length.");
  if (!(params.eps > 0) || !std::isfinite(params.eps)) throw InputError("DBSCAN eps must be a positive distance.");
  if (params.min_points < 1) throw InputError("DBSCAN minPts must be at least 1.");
  const std::size_t n = x.size();
  DbscanResult result;
  result.label.assign(n, 0);
  result.core.assign(n, 0);
  if (n == 0) return result;

  const double eps2 = params.eps * params.eps;
  const CellGrid grid(x, y, params.eps / std::sqrt(2.0) * (1.0 - 1e-9));
  const auto cells = grid.cells();
  const auto xs = grid.xs();
  const auto ys = grid.ys();
  const auto order = grid.order();
  const auto near = neighbour_cells(grid);
  const std::uint32_t min_points = static_cast<std::uint32_t>(params.min_points);

  // 1. Core points (in cell order).
  std::vector<std::uint8_t> core_sorted(n, 0);
  std::vector<std::uint8_t> cell_has_core(cells.size(), 0);
  tbb::parallel_for(std::size_t{0}, cells.size(), [&](std::size_t c) {
    const auto& cell = cells[c];
    const std::uint32_t own = cell.end - cell.begin;
    for (std::uint32_t p = cell.begin; p < cell.end; ++p) {
      std::uint32_t count = own;  // the points of one cell are pairwise within eps
      for (std::size_t k = 0; k < near[c].size() && count < min_points; ++k) {
        const auto& other = cells[near[c][k]];
        if (near[c][k] == c) continue;
        for (std::uint32_t q = other.begin; q < other.end && count < min_points; ++q) {
          const double dx = xs[p] - xs[q], dy = ys[p] - ys[q];
          count += (dx * dx + dy * dy <= eps2);
        }
      }
      if (count >= min_points) {
        core_sorted[p] = 1;
        cell_has_core[c] = 1;
      }
    }
  });

  // 2. Join core cells that hold a pair of core points within eps.
  UnionFind sets(cells.size());
  auto connected = [&](const CellGrid::Cell& a, const CellGrid::Cell& b) {
    for (std::uint32_t p = a.begin; p < a.end; ++p) {
      if (!core_sorted[p]) continue;
      for (std::uint32_t q = b.begin; q < b.end; ++q) {
        if (!core_sorted[q]) continue;
        const double dx = xs[p] - xs[q], dy = ys[p] - ys[q];
        if (dx * dx + dy * dy <= eps2) return true;
      }
    }
    return false;
  };
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (!cell_has_core[c]) continue;
    for (std::uint32_t other : near[c]) {
      if (other <= c || !cell_has_core[other]) continue;
      if (sets.find(static_cast<std::uint32_t>(c)) == sets.find(other)) continue;
      if (connected(cells[c], cells[other])) sets.unite(static_cast<std::uint32_t>(c), other);
    }
  }

  // 3. Number clusters by their lowest core point index (R's order of discovery).
  std::vector<std::uint32_t> position(n);
  for (std::size_t k = 0; k < n; ++k) position[order[k]] = static_cast<std::uint32_t>(k);
  std::vector<std::int32_t> cluster_of_root(cells.size(), 0);
  const auto cell_of_point = grid.cell_of_point();
  for (std::size_t i = 0; i < n; ++i) {
    if (!core_sorted[position[i]]) continue;
    result.core[i] = 1;
    const std::uint32_t root = sets.find(cell_of_point[i]);
    if (cluster_of_root[root] == 0) cluster_of_root[root] = ++result.clusters;
    result.label[i] = cluster_of_root[root];
  }

  // 4. Border points join the cluster of their nearest core neighbour within eps.
  tbb::parallel_for(std::size_t{0}, cells.size(), [&](std::size_t c) {
    const auto& cell = cells[c];
    for (std::uint32_t p = cell.begin; p < cell.end; ++p) {
      if (core_sorted[p]) continue;
      double best = eps2;
      std::int64_t best_cell = -1;
      for (std::uint32_t other : near[c]) {
        if (!cell_has_core[other]) continue;
        for (std::uint32_t q = cells[other].begin; q < cells[other].end; ++q) {
          if (!core_sorted[q]) continue;
          const double dx = xs[p] - xs[q], dy = ys[p] - ys[q];
          const double d2 = dx * dx + dy * dy;
          if (d2 <= best) {
            best = d2;
            best_cell = other;
          }
        }
      }
      if (best_cell >= 0)
        result.label[order[p]] = cluster_of_root[sets.find(static_cast<std::uint32_t>(best_cell))];
    }
  });
  return result;
}

}  // namespace grappe
