#pragma once
// One replication's contact network, drawn from a Population: compressed adjacency lists with
// the contact weight of each edge; or "complete" (everyone knows everyone, w = 1) without lists.
#include <cstdint>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/sim/population.hpp"

namespace grappe::sim {

struct ContactNetwork {
  bool complete = false;
  int size = 0;
  std::vector<std::uint32_t> offset;  // size + 1
  std::vector<std::uint32_t> neighbour;
  std::vector<float> weight;
  std::vector<double> weight_sum;     // Σ_j w_ij
  int degree(int i) const { return static_cast<int>(offset[i + 1] - offset[i]); }
  std::size_t edge_count() const { return neighbour.size() / 2; }
};

// Spatial mode: Miller & Hagberg (2011) skipping over each firm's probabilities sorted in
// decreasing order; uniform mode: Batagelj & Brandes (2005) G(n, p) skipping. Both cost
// O(n + edges) instead of O(n²) draws.
ContactNetwork draw_network(const Population& population, Rng& rng);

}  // namespace grappe::sim
