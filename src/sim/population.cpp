#include "grappe/sim/population.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "grappe/common/random.hpp"
#include "grappe/sim/streams.hpp"

namespace grappe::sim {
namespace {

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, na = 0, nb = 0;
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t k = 0; k < n; ++k) dot += a[k] * b[k];
  for (double v : a) na += v * v;
  for (double v : b) nb += v * v;
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

// Firms uniform in a disc, each with a main sector and a geometric headcount.
std::vector<FirmData> draw_firms(const PopulationSpec& spec, std::uint64_t master_seed) {
  Rng rng(stream_seed(master_seed, 0, kPopulation));
  std::vector<FirmData> firms(spec.firms);
  double rest = spec.sectors > 1 ? (1 - spec.main_sector_weight) / (spec.sectors - 1) : 0;
  for (auto& f : firms) {
    double r = spec.radius_km * std::sqrt(rng.uniform());
    double angle = 2 * M_PI * rng.uniform();
    f.x_km = r * std::cos(angle);
    f.y_km = r * std::sin(angle);
    int main = static_cast<int>(rng.below(spec.sectors));
    f.trade.assign(spec.sectors, rest);
    f.trade[main] = spec.sectors > 1 ? spec.main_sector_weight : 1.0;
    double u = rng.uniform();  // geometric on {1, 2, …} with the given mean
    double p = 1.0 / std::max(1.0, spec.mean_headcount);
    f.headcount = p >= 1 ? 1 : 1 + std::floor(std::log1p(-u) / std::log1p(-p));
  }
  return firms;
}

void build_pairs(Population& pop, const std::vector<FirmData>& firms, const NetworkSpec& network) {
  const int n = pop.size;
  pop.pair_offset.assign(n + 1, 0);
  std::vector<std::pair<float, std::uint32_t>> row;
  std::vector<float> weights(n);
  for (int i = 0; i < n; ++i) {
    row.clear();
    for (int j = i + 1; j < n; ++j) {
      double d = std::hypot(firms[i].x_km - firms[j].x_km, firms[i].y_km - firms[j].y_km);
      double w = contact_weight(d, firms[i].trade, firms[j].trade, network);
      double p = std::min(1.0, network.kappa * w);
      if (p < Population::kNegligible) {
        pop.dropped_edges += p;
        continue;
      }
      pop.expected_edges += p;
      weights[j] = static_cast<float>(w);
      row.emplace_back(static_cast<float>(p), static_cast<std::uint32_t>(j));
    }
    // Decreasing probability, ties by index so the order is fully determined.
    std::sort(row.begin(), row.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (auto& [p, j] : row) pop.pairs.push_back({p, j, weights[j]});
    pop.pair_offset[i + 1] = static_cast<std::uint32_t>(pop.pairs.size());
  }
}

}  // namespace

double contact_weight(double distance_km, const std::vector<double>& trade_i, const std::vector<double>& trade_j,
                      const NetworkSpec& network) {
  double similarity = network.alpha + (1 - network.alpha) * cosine(trade_i, trade_j);
  return std::exp(-distance_km / network.length_km) * similarity;
}

Population build_population(const Scenario& scenario, std::uint64_t master_seed) {
  std::vector<FirmData> drawn;
  const auto& firms = scenario.population.firms_data.empty() ? (drawn = draw_firms(scenario.population, master_seed))
                                                             : scenario.population.firms_data;
  Population pop;
  pop.size = static_cast<int>(firms.size());
  pop.mode = scenario.network.mode;
  for (const auto& f : firms) {
    pop.x_km.push_back(f.x_km);
    pop.y_km.push_back(f.y_km);
    pop.headcount.push_back(f.headcount);
  }
  if (pop.mode == NetworkMode::uniform) {
    pop.uniform_probability = std::min(1.0, scenario.network.kappa);
    pop.expected_edges = pop.uniform_probability * pop.size * (pop.size - 1.0) / 2;
  }
  if (pop.mode == NetworkMode::spatial) build_pairs(pop, firms, scenario.network);
  return pop;
}

}  // namespace grappe::sim
