#pragma once
// Calibration of a scenario from grappe's own outputs: the firms (positions, sizes, trades) of a
// scan candidate. Behavioural parameters keep the scenario's values.
#include <string>

#include "grappe/candidate/candidate.hpp"
#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

// Positions are projected to km on a local plane around the members' centroid (equirectangular,
// error < 0.1% at cluster scale); a member's trade profile is the indicator of the candidate's
// code its NAF sub-class falls under (uniform when none does). `source` names the candidate in
// errors (InputError when it has no members).
Scenario calibrate_from_candidate(const Candidate& candidate, Scenario base,
                                  const std::string& source = "candidate");
// The candidate of this rank in a candidates file.
Scenario calibrate_from_candidate_file(const std::string& path, int rank, Scenario base);

// Index in `codes` of the code a NAF sub-class falls under ("31.01Z" under "31.01Z", "31.0" or
// "31"; the longest wins), or -1.
int trade_index(const std::vector<std::string>& codes, const std::string& subclass);

}  // namespace grappe::sim
