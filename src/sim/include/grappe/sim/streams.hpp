#pragma once
// The random streams of the simulator (docs/sim.md, "Monte Carlo"). Replication r draws from
// stream_seed(master, r, purpose); the scenario is not in the seed, so two scenarios run with the
// same master seed share firms, networks and draws (common random numbers).
#include <cstdint>

namespace grappe::sim {

enum StreamPurpose : std::uint64_t {
  kInitialisation = 1,  // needs, skills, thresholds, initiative, core members
  kNetwork = 2,         // the contact network (a second initialisation stream)
  kDynamics = 3,        // joining, exit, discovery, initiative, projects
  kAnimator = 4,        // the animator's choices (whom to interview, whom to recruit)
  kPopulation = 5,      // drawn positions and trades (index 0: shared by all replications)
};

}  // namespace grappe::sim
