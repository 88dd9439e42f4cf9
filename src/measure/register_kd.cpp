#include "grappe/measure/register_kd.hpp"

#include <fmt/format.h>

#include "grappe/common/error.hpp"
#include "grappe/measure/distance_grid.hpp"

namespace grappe::measure {
namespace {

// The Kd, or nullopt with `located` set when fewer than two establishments can be measured.
std::optional<GroupKd> measure_group(const RegisterSites& sites, const EstablishmentGroup& group,
                                     const KdRequest& request, const KdRun& run, std::size_t& located) {
  const Sample sample = group_sample(sites, group, request.max_points, request.seed);
  located = sample.size();
  if (sample.size() < 2) return std::nullopt;
  const auto r = request.r.empty() ? parse_distance_grid("", request.rmax) : request.r;
  const KdOptions kd{.weighted = request.weighted,
                     .exact = request.exact,
                     .bandwidth_pairs_factor = sampled_pairs_factor(sites, group, sample.size())};
  const MonteCarloOptions mc{.simulations = request.simulations,
                             .seed = request.seed,
                             .confidence = request.confidence,
                             .on_simulation_done = run.on_simulation_done,
                             .team = run.team};
  return GroupKd{analyse_kd(sample, sites.x, sites.y, r, kd, mc), sample.size()};
}

}  // namespace

std::optional<GroupKd> try_group_kd(const RegisterSites& sites, const EstablishmentGroup& group,
                                    const KdRequest& request, const KdRun& run) {
  std::size_t located = 0;
  return measure_group(sites, group, request, run, located);
}

GroupKd group_kd(const RegisterSites& sites, const EstablishmentGroup& group, const KdRequest& request,
                 const KdRun& run) {
  std::size_t located = 0;
  if (auto result = measure_group(sites, group, request, run, located)) return std::move(*result);
  throw Error(ErrorKind::conflict, "too_few_points",
              fmt::format("the K-density of {} needs at least two located establishments (found {})",
                          group.code, located));
}

}  // namespace grappe::measure
