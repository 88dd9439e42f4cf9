#pragma once
// The firms of a territory (positions, trades, sizes) and their pairwise contact weights
// w_ij = exp(−d_ij/ℓ)·[α + (1−α)·cos(trade_i, trade_j)]. Built once per scenario and shared,
// read-only, by every replication: the contact network itself is drawn per replication.
#include <cstdint>
#include <vector>

#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

struct Population {
  int size = 0;
  std::vector<double> x_km, y_km, headcount;
  NetworkMode mode = NetworkMode::spatial;
  double uniform_probability = 0;  // uniform mode: edge probability κ
  // Spatial mode: for each firm i, the firms j > i with their edge probability
  // min(1, κ·w_ij) sorted in decreasing order (Miller & Hagberg 2011 need this order).
  // Pairs with probability below kNegligible are dropped (see docs/sim.md for the bound).
  std::vector<std::uint32_t> pair_offset;  // size + 1
  std::vector<std::uint32_t> pair_other;
  std::vector<float> pair_probability;
  std::vector<float> pair_weight;
  static constexpr double kNegligible = 1e-7;
};

// Contact weight of two firms (the formula above); trades need not be normalised.
double contact_weight(double distance_km, const std::vector<double>& trade_i, const std::vector<double>& trade_j,
                      const NetworkSpec& network);

// Firms from scenario.population.firms_data, or drawn from stream_seed(master, 0, kPopulation).
Population build_population(const Scenario& scenario, std::uint64_t master_seed);

}  // namespace grappe::sim
