#pragma once
// The K-density of one group of register establishments (a sector or a trade) against random
// location among all located establishments: the use case that `grappe kd --register`, the
// server's candidate curves (GET /api/v1/candidates/{i}/kd) and Python's kd_register share, with
// its defaults in this one place (docs/measure.md).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "grappe/measure/analysis.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/measure/register_points.hpp"

namespace grappe::measure {

struct KdRequest {
  double rmax = 180'000;            // metres: the distances are 0 to rmax by 1 km unless `r` is given
  std::vector<double> r{};          // the distances (metres, increasing); empty: the default grid
  std::size_t max_points = 20'000;  // a larger group is measured on a uniform sample of this many (0: all)
  std::size_t simulations = 99;     // of the null model (0: the observed curve only)
  std::uint64_t seed = 1;           // of the sample and of the simulations' streams
  double confidence = kDefaultConfidence;  // envelope.hpp
  bool weighted = false, exact = false;    // KdOptions
};

struct GroupKd {
  CurveAnalysis analysis;
  std::size_t points = 0;  // the located (and sampled) establishments measured
};

// Where the simulations report (progress) and who shares them (MPI ranks; null: this process).
struct KdRun {
  std::function<void()> on_simulation_done{};
  const parallel::Team* team = nullptr;
};

// The group's Kd with its envelopes; nullopt when fewer than two of its establishments are located.
std::optional<GroupKd> try_group_kd(const RegisterSites& sites, const EstablishmentGroup& group,
                                    const KdRequest& request, const KdRun& run = {});
// The same; throws Error (conflict, "too_few_points") naming the group when it cannot be measured.
GroupKd group_kd(const RegisterSites& sites, const EstablishmentGroup& group, const KdRequest& request,
                 const KdRun& run = {});

}  // namespace grappe::measure
