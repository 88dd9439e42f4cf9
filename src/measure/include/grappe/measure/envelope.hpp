#pragma once
// Monte Carlo envelopes around any estimator's curve, and the localisation tests of Duranton &
// Overman (2005, §4). Independent of the estimator (kd.hpp, mfunction.hpp) and of the null model
// (null_model.hpp): the input is a matrix of simulated curves.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/parallel/team.hpp"

namespace grappe::measure {

// Simulated curves, one row per replication.
struct CurveMatrix {
  std::size_t rows = 0, columns = 0;
  std::vector<double> values;
  std::span<double> row(std::size_t s) { return {values.data() + s * columns, columns}; }
  std::span<const double> row(std::size_t s) const { return {values.data() + s * columns, columns}; }
};

// Runs replicate(s, rng, row) for s = 0..simulations−1 in parallel (oneTBB), replication s with
// its own stream Rng(stream_seed(seed, s)): the matrix is identical for any thread count.
// on_done (optional) is called after each replication (progress). With a team (MPI ranks), each
// member computes its block of the replications and the rows are then shared: the same matrix.
CurveMatrix simulate_curves(std::size_t simulations, std::size_t columns, std::uint64_t seed,
                            const std::function<void(std::size_t, Rng&, std::span<double>)>& replicate,
                            const std::function<void()>& on_done = {}, const parallel::Team* team = nullptr);

// DO 2005: 5th/95th local percentiles, 5% of the simulated curves outside each global band.
inline constexpr double kDefaultConfidence = 0.90;

struct Envelope {
  // Local band: (1−c)/2 and (1+c)/2 quantiles; each global band is crossed by at most (1−c)/2
  // of the simulated curves.
  double confidence = kDefaultConfidence;
  std::size_t simulations = 0;
  std::vector<double> lo_local, hi_local, lo_global, hi_global;
  std::size_t upper_rank = 0, lower_rank = 0;    // global bands = these order statistics (0 = extreme)
  double upper_crossing = 0, lower_crossing = 0; // share of simulated curves crossing each global band
};

// Local bands: type-7 quantiles at each r. Global bands (DO 2005, §4): at every r the same order
// statistic of the simulated values, the least extreme one such that at most (1−c)/2 of the
// simulated curves go above the upper band somewhere (resp. below the lower band). NaN values
// (e.g. M where nobody has a neighbour) are left out.
Envelope compute_envelope(const CurveMatrix& simulations, double confidence = kDefaultConfidence);

// DO 2005 §4: Γ = Σ_r max(K(r) − K̄(r), 0)·Δr (localisation), Ψ = Σ_r max(K_(r) − K(r), 0)·Δr
// when Γ = 0, else 0 (dispersion); K̄, K_ the global bands; Δr the grid spacing (DO sum over
// 1 km steps of a density per km: the same number). Flags per r.
struct LocalisationTest {
  double gamma = 0, psi = 0;
  std::vector<std::uint8_t> localised, dispersed;  // K above the upper / below the lower global band
  bool is_localised() const { return gamma > 0; }
  bool is_dispersed() const { return psi > 0; }
};
LocalisationTest localisation_test(std::span<const double> r, std::span<const double> observed, const Envelope& envelope);

}  // namespace grappe::measure
