#pragma once
// Calibration of a scenario from grappe's own outputs: the firms (positions, sizes, trades) of a
// scan candidate. Behavioural parameters keep the scenario's values.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

// candidates JSON: {"candidates": [{"rank": N, "members": [{"siret", "lon", "lat", "headcount",
// "naf"|"code"|"activity"…}], "codes": [...] …}]}. Picks the candidate whose "rank" (or "id") is
// `id`; positions are projected to km on a local plane around the members' centroid
// (equirectangular, error < 0.1% at cluster scale); a member's trade profile is its NAF code's
// indicator over the candidate's codes (uniform when unknown).
Scenario calibrate_from_candidate(const nlohmann::json& candidates, int id, Scenario base,
                                  const std::string& source = "candidates");
Scenario calibrate_from_candidate_file(const std::string& path, int id, Scenario base);

}  // namespace grappe::sim
