#pragma once
// Composition of the three pieces (docs/architecture.md): an estimator (Kd, M) on the observed points, the
// same estimator on point sets drawn from a null model (random labelling), and the envelope with
// DO's localisation test. Everything here is wiring; the statistics live in kd.hpp,
// mfunction.hpp, null_model.hpp and envelope.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "grappe/measure/envelope.hpp"
#include "grappe/measure/kd.hpp"
#include "grappe/measure/mfunction.hpp"
#include "grappe/measure/points.hpp"

namespace grappe::measure {

struct MonteCarloOptions {
  std::size_t simulations = 1000;  // 0: the observed curve only
  std::uint64_t seed = 1;
  double confidence = kDefaultConfidence;
  std::function<void()> on_simulation_done{};  // progress (called from worker threads)
  const parallel::Team* team = nullptr;  // MPI ranks sharing the simulations (null: this process)
};

struct CurveAnalysis {
  std::vector<double> r, observed;
  std::optional<Envelope> envelope;  // when simulations > 0
  LocalisationTest test;
  KdCurve kd_details;                // Kd only: bandwidth, pairs, bin width, error bound
};

// Kd of `sample` (the points of one type) with sites of the whole economy (x, y) for the null
// model: each replication puts the sample's weights on sample.size() random sites.
CurveAnalysis analyse_kd(const Sample& sample, std::span<const double> site_x, std::span<const double> site_y,
                         std::span<const double> r, const KdOptions& kd, const MonteCarloOptions& mc);

// M of the reference type; each replication permutes the marks of every point.
CurveAnalysis analyse_m(const MarkedPoints& points, std::uint32_t reference_type, std::span<const double> r,
                        const MonteCarloOptions& mc);

}  // namespace grappe::measure
