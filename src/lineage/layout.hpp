#pragma once
// A simple layered layout (Sugiyama-style, without GraphViz): layers by longest path from the
// roots, order within layers by a few barycentre sweeps (Sugiyama, Tagawa & Toda 1981).
#include <cstdint>
#include <vector>

#include "grappe/lineage/ancestry.hpp"

namespace grappe::lineage {

struct LayeredLayout {
  std::vector<std::vector<std::uint32_t>> rows;  // sirens per layer, left to right
  // Position of a siren: (layer, index in its row); {-1, -1} when absent.
  std::pair<int, int> position(std::uint32_t siren) const;
  std::vector<std::pair<std::uint32_t, std::pair<int, int>>> positions;  // sorted by siren
};

LayeredLayout layered_layout(const Lineage& lineage, const Genealogy& genealogy);

}  // namespace grappe::lineage
