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
  struct Pair {
    float probability;
    std::uint32_t other;
    float weight;
  };  // interleaved: a landing of the skipping walk touches one cache line
  std::vector<std::uint32_t> pair_offset;  // size + 1
  std::vector<Pair> pairs;
  double expected_edges = 0;  // Σ probabilities: the mean edge count of a drawn network
  double dropped_edges = 0;   // Σ of the dropped probabilities: the truncation's expected loss
  static constexpr double kNegligible = 1e-7;
};

// Contact weight of two firms (the formula above); trades need not be normalised.
double contact_weight(double distance_km, const std::vector<double>& trade_i, const std::vector<double>& trade_j,
                      const NetworkSpec& network);

// Firms from scenario.population.firms_data, or drawn from stream_seed(master, 0, kPopulation).
Population build_population(const Scenario& scenario, std::uint64_t master_seed);

}  // namespace grappe::sim
