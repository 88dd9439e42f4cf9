#pragma once
// Marcon & Puech (2010, 2017) M function: the relative density of the reference type's weight in
// the neighbourhoods of radius r of the reference points, compared with the whole economy. As
// dbmss::Mhat:
//   M(r) = Σ_i [Σ_{j≠i, d_ij ≤ r, j ∈ T} w_j / Σ_{j≠i, d_ij ≤ r} w_j] / Σ_i [(W_T − w_i)/(W − w_i)],
// i over the reference points (type T) that have at least one neighbour within r, W_T the total
// weight of type T, W the total weight. NaN where no reference point has a neighbour.
// Estimator only: null models and envelopes are separate pieces.
#include <cstdint>
#include <span>
#include <vector>

#include "grappe/measure/points.hpp"

namespace grappe::measure {

// Locations of every point with their marks; the marks may come from a null model's permutation.
struct MarkedView {
  std::span<const double> x, y;
  std::span<const double> weight;
  std::span<const std::uint32_t> type;
};

struct MOptions {
  bool parallel = true;  // split the reference points over threads (off inside simulations)
};

// r sorted ascending (throws InputError otherwise). O(n_T · N).
std::vector<double> mhat(const MarkedView& points, std::uint32_t reference_type, std::span<const double> r,
                         const MOptions& options = {});

inline MarkedView view_of(const MarkedPoints& points) {
  return {points.x, points.y, points.weight, points.type};
}

}  // namespace grappe::measure
