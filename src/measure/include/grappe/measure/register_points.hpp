#pragma once
// Point patterns from the register for the distance-based measures (Kd, M): the *sites* are the
// active establishments with a Lambert-93 location in metropolitan France (overseas coordinates
// are in other projections, so they are left out); weights are headcount-band midpoints.
#include <cstdint>
#include <vector>

#include "grappe/measure/groups.hpp"
#include "grappe/measure/points.hpp"
#include "grappe/register/register.hpp"

namespace grappe::measure {

struct RegisterSites {
  std::vector<double> x, y, weight;
  std::vector<std::uint32_t> site_of_row;  // UINT32_MAX when the row is not a site
  std::size_t commune_precision = 0;       // sites at their commune's point (PositionPolicy::any)
  std::size_t size() const { return x.size(); }
};
// Active metropolitan establishments with a position the policy accepts (default: exact ones).
RegisterSites located_sites(const Register& reg, PositionPolicy positions = PositionPolicy::exact);

// The group's sites; when there are more than max_points (0: no limit), a uniform random subset
// of max_points of them (stream_seed(seed, 0, purpose 1)): a U-statistic sample of the pairs,
// see docs/measure.md for its error.
Sample group_sample(const RegisterSites& sites, const EstablishmentGroup& group, std::size_t max_points,
                    std::uint64_t seed);

// n(n−1)/(m(m−1)) for a sample of m of the group's n sites (1 when not sampled): see
// KdOptions::bandwidth_pairs_factor.
double sampled_pairs_factor(const RegisterSites& sites, const EstablishmentGroup& group,
                            std::size_t sample_size);

// Marked points for M: type 0 = the group (all of its sites), type 1 = the other sites. When the
// other sites outnumber max_others (0: no limit), a uniform random subset of them is kept with
// weights divided by the sampling fraction (Horvitz–Thompson), so that neighbourhood totals keep
// their expectation.
MarkedPoints group_marked_points(const RegisterSites& sites, const EstablishmentGroup& group,
                                 std::size_t max_others, std::uint64_t seed);

}  // namespace grappe::measure
