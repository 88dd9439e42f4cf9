#pragma once
// Pieces shared by the exact and binned Kd paths (not part of the public face).
#include <cmath>
#include <numbers>
#include <span>

#include "grappe/measure/kd.hpp"

namespace grappe::measure::detail {

inline constexpr double kInvSqrt2Pi = 0.398942280401432677939946059934;  // φ(0)

inline double normal_density(double u) { return kInvSqrt2Pi * std::exp(-0.5 * u * u); }

// The first pair distance ≤ limit in dbmss's order (i < j, i outer): R's bw.nrd0 falls back on
// |x[1]| when both sd and IQR are zero.
double first_distance(const Sample& sample, double limit);

// Σ w_ij over *all* pairs i < j (dbmss normalises by every pair, not only those within 2·rmax:
// the curve is the density of all bilateral distances, cut at 2·rmax; checked on the oracle).
double all_pairs_weight(const Sample& sample, bool weighted);

KdCurve kd_exact(const Sample& sample, std::span<const double> r, const KdOptions& options);
KdCurve kd_binned(const Sample& sample, std::span<const double> r, const KdOptions& options,
                  KdWorkspace& workspace);

}  // namespace grappe::measure::detail
