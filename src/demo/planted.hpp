#pragma once
// Planted latent clusters (internal): rare trades concentrated around their historical home,
// whose firms descend from one pioneer through spin-offs (founders) and establishment
// transfers (succession links between sirens), plus decoys that must not be flagged.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model.hpp"
#include "world.hpp"

namespace grappe::demo {

struct PlantedCluster {
  std::string id, trade;
  std::vector<std::string> codes;  // the trade's NAF codes (data/trades.json)
  double lon = 0, lat = 0, radius_m = 0;
  std::vector<std::uint64_t> members;  // active establishments of the trade in the cluster
  std::uint32_t root_siren = 0;
  Day root_created = kNoDay;
};

struct PlantedEdge {
  std::uint32_t parent = 0, child = 0;
  std::string source;  // "succession" or "founder"
  Day date = kNoDay;
  std::string cluster;
};

struct PlantedDecoy {
  std::string id, kind;
  std::vector<std::string> codes;
};

struct Planted {
  Batch batch;
  std::vector<PlantedCluster> clusters;
  std::vector<PlantedEdge> edges;
  std::vector<PlantedDecoy> decoys;
};

// The planted firms for a seed (independent of the register's size).
Planted generate_planted(const World& world, const std::filesystem::path& data_dir,
                         std::uint64_t seed);

}  // namespace grappe::demo
