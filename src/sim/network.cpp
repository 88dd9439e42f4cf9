#include "grappe/sim/network.hpp"

#include <cmath>

namespace grappe::sim {
namespace {

struct Edge {
  std::uint32_t a, b;
  float w;
};

// Number of failures before the next success of a Bernoulli(p) sequence, p in (0, 1).
std::uint64_t geometric_skip(Rng& rng, double log_one_minus_p) {
  double u = 1.0 - rng.uniform();  // (0, 1]
  double k = std::floor(std::log(u) / log_one_minus_p);
  return k > 1e18 ? static_cast<std::uint64_t>(1e18) : static_cast<std::uint64_t>(k);
}

// Miller & Hagberg (2011): skip with the current (largest remaining) probability, then thin.
void spatial_edges(const Population& pop, Rng& rng, std::vector<Edge>& edges) {
  for (int i = 0; i < pop.size; ++i) {
    std::uint64_t pos = pop.pair_offset[i], end = pop.pair_offset[i + 1];
    while (pos < end) {
      double p = pop.pairs[pos].probability;
      if (p >= 1.0) {
        edges.push_back({static_cast<std::uint32_t>(i), pop.pairs[pos].other, pop.pairs[pos].weight});
        ++pos;
        continue;
      }
      pos += geometric_skip(rng, std::log1p(-p));
      if (pos >= end) break;
      const Population::Pair& pair = pop.pairs[pos];
      if (rng.uniform() < pair.probability / p) edges.push_back({static_cast<std::uint32_t>(i), pair.other, pair.weight});
      ++pos;
    }
  }
}

// Batagelj & Brandes (2005), G(n, p): walk the lower triangle by geometric skips.
void uniform_edges(const Population& pop, Rng& rng, std::vector<Edge>& edges) {
  double p = pop.uniform_probability;
  if (p <= 0) return;
  const std::int64_t n = pop.size;
  if (p >= 1) {
    for (std::int64_t v = 1; v < n; ++v)
      for (std::int64_t w = 0; w < v; ++w) edges.push_back({static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(w), 1.0f});
    return;
  }
  double lp = std::log1p(-p);
  std::int64_t v = 1, w = -1;
  while (v < n) {
    w += 1 + static_cast<std::int64_t>(geometric_skip(rng, lp));
    while (w >= v && v < n) {
      w -= v;
      ++v;
    }
    if (v < n) edges.push_back({static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(w), 1.0f});
  }
}

}  // namespace

ContactNetwork draw_network(const Population& pop, Rng& rng) {
  ContactNetwork net;
  net.size = pop.size;
  net.weight_sum.assign(pop.size, 0.0);
  if (pop.mode == NetworkMode::complete) {
    net.complete = true;
    for (auto& s : net.weight_sum) s = pop.size - 1;
    return net;
  }
  std::vector<Edge> edges;
  edges.reserve(pop.expected_edges > 0 ? static_cast<std::size_t>(pop.expected_edges * 1.2 + 16) : 0);
  if (pop.mode == NetworkMode::spatial) spatial_edges(pop, rng, edges);
  else uniform_edges(pop, rng, edges);
  net.offset.assign(pop.size + 1, 0);
  for (auto& e : edges) {
    ++net.offset[e.a + 1];
    ++net.offset[e.b + 1];
  }
  for (int i = 0; i < pop.size; ++i) net.offset[i + 1] += net.offset[i];
  net.neighbour.resize(edges.size() * 2);
  net.weight.resize(edges.size() * 2);
  std::vector<std::uint32_t> fill(net.offset.begin(), net.offset.end() - 1);
  for (auto& e : edges) {
    net.neighbour[fill[e.a]] = e.b;
    net.weight[fill[e.a]++] = e.w;
    net.neighbour[fill[e.b]] = e.a;
    net.weight[fill[e.b]++] = e.w;
  }
  for (int i = 0; i < pop.size; ++i)
    for (auto k = net.offset[i]; k < net.offset[i + 1]; ++k) net.weight_sum[i] += net.weight[k];
  return net;
}

}  // namespace grappe::sim
