#pragma once
// Kulldorff's Bernoulli scan over the windows of a WindowLadder: the observed most likely cluster
// and non-overlapping secondary clusters (the estimator), and Monte Carlo p-values under random
// labelling (the null model: the case labels are permuted over all establishments, which keep
// their locations and weights), with Besag & Clifford's (1991) sequential stopping.
//
// Each simulation draws from its own stream stream_seed(seed, simulation), so the result is the
// same for any thread count.
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "grappe/parallel/team.hpp"
#include "grappe/scan/window_ladder.hpp"

namespace grappe {

struct ScanOptions {
  const parallel::Team* team = nullptr;  // MPI ranks sharing each batch of simulations (null: this process)
  int min_cases = 5;             // a window needs this many case establishments
  double max_population_share = 0.5;  // a window holds at most this share of all establishments
                                      // (SaTScan's rule; weighted: of the total weight)
  double max_case_share = 1.0;   // and at most this share of the cases (1: no limit)
  int simulations = 999;
  int early_stop = 10;           // stop once this many simulations beat the primary, or once the
                                 // primary is certainly significant (0: always run them all)
  int max_clusters = 10;         // primary + secondary clusters reported per trade
  bool weighted = false;         // c, n, C, N are the ladder's weights (headcounts)
  std::uint64_t seed = 1;        // this trade's stream seed
  bool dense_counting = true;    // unweighted simulations use the ladder's probe masks (same
                                 // results; false: the generic path, for tests and benchmarks)
};

struct ScanCluster {
  std::int32_t window = -1;        // centre id in the ladder
  std::uint32_t centre_point = 0;  // index of the establishment at the centre
  double x = 0, y = 0, radius = 0;
  std::uint32_t cases = 0, points = 0;     // establishments inside
  double case_weight = 0, total_weight = 0;  // = counts when unweighted
  double expected = 0;             // total_weight · C / N
  double llr = 0;
  std::uint32_t exceedances = 0;   // simulations whose maximum LLR ≥ llr
  double p_value_mc = 1;           // Monte Carlo rank p-value (Besag–Clifford when stopped early)
  double p_value_gumbel = NAN;     // Gumbel approximation (Abrams, Kleinman & Kulldorff 2010)
  double p_value = 1;              // the one used: Gumbel when no simulation reached llr, else MC
};

struct ScanResult {
  std::vector<ScanCluster> clusters;  // primary first, then secondary ones by decreasing LLR
  std::uint32_t cases = 0;
  double case_weight = 0, total_weight = 0;
  int simulations_run = 0;
  bool stopped_early = false;             // Besag–Clifford: enough simulations beat the primary
  bool stopped_for_significance = false;  // none came near it and the Gumbel tail says none will
  std::vector<double> simulated_max;  // per simulation: maximum LLR, or 0 when below the pruning floor
  double gumbel_location = NAN, gumbel_scale = NAN;
};

// Gumbel distribution of simulated maximum LLRs (Abrams, Kleinman & Kulldorff 2010), fitted on
// their median and 90th percentile, Q(u) = μ − β ln(−ln u); NaN when it cannot be fitted (fewer
// than 99 maxima, or a median of 0).
struct GumbelFit {
  double location = NAN, scale = NAN;
  bool fitted() const { return std::isfinite(scale); }
  double p_value(double llr) const { return -std::expm1(-std::exp(-(llr - location) / scale)); }
};
GumbelFit fit_gumbel_maxima(const std::vector<double>& maxima);
// The q-quantile of the values, interpolated between order statistics (R's type 7); 0 when empty.
double quantile(std::vector<double> values, double q);

// case_points: indices of the case establishments among the ladder's points (distinct).
ScanResult scan_bernoulli(const WindowLadder& ladder, std::span<const std::uint32_t> case_points,
                          const ScanOptions& options);

// Every window with a positive LLR in the observed data, best first (for tests and diagnostics).
struct WindowScore {
  std::int32_t window;
  double llr;
};
std::vector<WindowScore> score_windows(const WindowLadder& ladder, std::span<const std::uint32_t> case_points,
                                       const ScanOptions& options);

}  // namespace grappe
