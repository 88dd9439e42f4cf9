#pragma once
// `grappe simulate --mpi`: each rank runs its block of the replications; the outcomes are then
// shared bit for bit, in replication order, so summaries and sweeps are exactly those of a
// single process (docs/mpi.md).
#include <vector>

#include "grappe/parallel/team.hpp"
#include "grappe/sim/replication.hpp"

namespace grappe::sim {

// `outcomes` has one slot per replication, of which this rank filled parallel::my_block; on
// return every slot is filled, on every rank.
void share_outcomes(const parallel::Team* team, std::vector<ReplicationOutcome>& outcomes);

}  // namespace grappe::sim
