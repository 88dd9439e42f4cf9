#pragma once
// Duranton–Overman (2005) K-density: the density of bilateral distances between the points of
// one type, estimated with a Gaussian kernel reflected at zero (DO 2005, eq. 1; Silverman 1986,
// §2.10). Conventions follow the reference implementation, R dbmss::Kdhat (Marcon et al.):
//   K(r) = 1/(W·h) Σ_{pairs i<j, d_ij ≤ 2·rmax} w_ij [φ((r − d_ij)/h) + φ((r + d_ij)/h)],
// W = Σ w_ij over *all* pairs (also those beyond 2·rmax: the curve is the density of all
// bilateral distances, truncated), w_ij = 1 (unweighted) or w_i·w_j (weighted), φ the standard
// normal density, h = bw.nrd0 of the (unweighted) pair distances ≤ 2·rmax, rmax = max(r).
//
// Two evaluation paths (docs/measure.md gives their error bounds):
//  - exact: the sum above, pair by pair (O(pairs·|r|)); for tests and checks.
//  - binned (default): pair distances are linearly binned on a lattice of step δ ≤ h/100 in one
//    O(n²) pass (a second pass finds the exact quartiles when bw.nrd0 uses the IQR), then
//    convolved with the kernel; the error is at most 0.0997·δ²/h³ per metre (≤ 1e-5/h), see
//    kd_binned.cpp. The bandwidth is exact.
// This file is the estimator only; null models and envelopes are separate (null_model.hpp,
// envelope.hpp).
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "grappe/measure/points.hpp"

namespace grappe::measure {

struct KdOptions {
  bool weighted = false;             // pairs weighted by w_i·w_j (DO 2005 §3.2; dbmss Weighted = TRUE)
  bool exact = false;                // direct kernel sum instead of the binned path
  double bin_fraction = 1.0 / 100;   // binned path: lattice step δ ≤ bin_fraction·h
  bool parallel = true;              // split the pair loop over threads (off inside simulations)
};

struct KdCurve {
  std::vector<double> kd;            // per metre, one value per r
  double bandwidth = 0;              // h, metres
  std::uint64_t pairs = 0;           // pairs with d ≤ 2·rmax
  double bin_width = 0;              // δ of the binned path (0: exact)
  double error_bound = 0;            // binned path: max |kd − exact sum| per metre, for this h
};

// R's bw.nrd0 (Silverman's rule of thumb): 0.9·min(sd, IQR/1.34)·n^(−1/5), with R's fallbacks
// when that is zero (sd, then |first value|, then 1).
double bw_nrd0(double sd, double iqr, double n, double first_value);

// Type-7 quantile (R's default) of sorted values.
double quantile_type7(std::span<const double> sorted, double p);

// Scratch memory of the binned path, reused between calls (one per thread in simulations).
class KdWorkspace {
 public:
  KdWorkspace();
  ~KdWorkspace();
  KdWorkspace(KdWorkspace&&) noexcept;
  KdWorkspace& operator=(KdWorkspace&&) noexcept;
  struct Buffers;
  Buffers& buffers() { return *buffers_; }

 private:
  std::unique_ptr<Buffers> buffers_;
};

// Requires r sorted ascending, finite, ≥ 0, not empty. A sample with fewer than two pairs
// within 2·rmax gives NaN values.
KdCurve kdhat(const Sample& sample, std::span<const double> r, const KdOptions& options,
              KdWorkspace* workspace = nullptr);

}  // namespace grappe::measure
