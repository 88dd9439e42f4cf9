#pragma once
// DBSCAN (Ester, Kriegel, Sander & Xu 1996) on planar points, with the conventions of R's
// dbscan package (Hahsler, Piekenbrock & Doran 2019): a point is core when at least `min_points`
// points, itself included, lie within distance `eps` (inclusive); label 0 is noise, clusters are
// numbered 1, 2, … in the order of their lowest point index. A border point reachable from two
// clusters goes to the one of its nearest core neighbour (R: the first that reaches it).
//
// Algorithm: grid DBSCAN (Gunawan 2013; Gan & Tao 2015). Cells of side eps/√2, so that the points
// of one cell are pairwise within eps: a cell holding ≥ min_points points is all core, and all
// its core points belong to one cluster. Core cells are then joined when some pair of their core
// points is within eps (21 neighbouring cells), with a union–find; work is O(n) for bounded density.
#include <cstdint>
#include <span>
#include <vector>

namespace grappe {

struct DbscanParams {
  double eps = 1000.0;     // metres (same unit as the coordinates)
  int min_points = 5;      // counts the point itself, as in R dbscan's minPts
};

struct DbscanResult {
  std::vector<std::int32_t> label;  // 0 = noise, 1..clusters
  std::vector<std::uint8_t> core;   // 1 when the point is a core point
  std::int32_t clusters = 0;
};

// Runs on oneTBB's current thread limit; the result does not depend on the thread count.
DbscanResult dbscan(std::span<const double> x, std::span<const double> y, const DbscanParams& params);

}  // namespace grappe
