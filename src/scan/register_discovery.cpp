#include "register_discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "grappe/common/random.hpp"
#include "grappe/scan/kulldorff.hpp"
#include "grappe/scan/trade_discovery.hpp"

namespace grappe {

namespace {

constexpr std::uint64_t kDiscoverySeedPurpose = 0xd15c;

// Every point labelled with its sub-class when it is one of the sub-class's cases (its firm's
// lowest siret in the code, unless counting establishments), else −1.
CodeLabels code_labels(const Register& reg, const ScanPopulation& population, bool one_per_firm) {
  CodeLabels labels;
  labels.code.assign(population.rows.size(), -1);
  labels.total.assign(reg.naf().subclass_count(), 0);
  std::uint32_t previous_siren = 0;
  for (std::uint16_t s = 0; s < reg.naf().subclass_count(); ++s) {
    const auto [first, last] = reg.sector_rows(s);
    std::vector<std::pair<std::uint64_t, std::int32_t>> points;  // (siret, point)
    for (std::size_t row = first; row < last; ++row)
      if (population.point_of_row[row] >= 0)
        points.emplace_back(reg.siret()[row], population.point_of_row[row]);
    std::sort(points.begin(), points.end());
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto siren = static_cast<std::uint32_t>(points[i].first / 100000);
      if (one_per_firm && i > 0 && siren == previous_siren) continue;
      previous_siren = siren;
      labels.code[static_cast<std::size_t>(points[i].second)] = s;
      ++labels.total[s];
    }
  }
  return labels;
}

// The discovered trade's name: its codes and the commune at its centre.
Trade discovered_trade(const Register& reg, const ScanPopulation& population, const WindowLadder& ladder,
                       const Discovery& d) {
  Trade t;
  const std::uint32_t row = population.rows[ladder.centre_point()[d.window]];
  std::string place;
  if (reg.commune()[row] != kNoCommune) place = reg.territories().commune(reg.commune()[row]).name;
  for (auto k : d.codes) t.codes.push_back(reg.naf().code(static_cast<std::uint16_t>(k)));
  t.id = fmt::format("{}{}-{}", kDiscoveredPrefix, t.codes.front(), reg.siret()[row]);
  std::string joined;
  for (const auto& c : t.codes) joined += (joined.empty() ? "" : " + ") + c;
  t.name_fr = fmt::format("Métier trouvé à {} ({})", place.empty() ? "?" : place, joined);
  t.name_en = fmt::format("Trade found at {} ({})", place.empty() ? "?" : place, joined);
  t.name = t.name_en;
  return t;
}

// The union's cluster as the scan reports clusters, from its own cases.
ScanResult discovered_scan(const WindowLadder& ladder, const TradeCases& cases, const Discovery& d) {
  ScanResult r;
  ScanCluster cl;
  cl.window = d.window;
  cl.centre_point = ladder.centre_point()[d.window];
  cl.x = ladder.centre_x()[d.window];
  cl.y = ladder.centre_y()[d.window];
  cl.radius = ladder.levels()[ladder.centre_level()[d.window]].radius;
  for (std::uint32_t p : cases.points) {
    const double dx = ladder.x()[p] - cl.x, dy = ladder.y()[p] - cl.y;
    cl.cases += dx * dx + dy * dy <= cl.radius * cl.radius;
  }
  cl.points = ladder.window_count()[d.window];
  cl.case_weight = cl.cases;
  cl.total_weight = cl.points;
  const double C = static_cast<double>(cases.points.size()), N = static_cast<double>(ladder.point_count());
  cl.expected = cl.total_weight * C / N;
  cl.llr = bernoulli_llr(cl.cases, cl.points, C, N);
  cl.p_value = cl.p_value_mc = d.p_value;
  r.clusters.push_back(cl);
  r.cases = static_cast<std::uint32_t>(cases.points.size());
  r.simulations_run = d.simulations_run;
  return r;
}

struct Seed {
  std::uint16_t code;
  ScanCluster cluster;  // a copy: `tested` grows as trades are discovered
};

// The sub-class clusters with q ≤ alpha over every trade tested (the family of the candidates),
// strongest first. Not p ≤ alpha: among ~550 codes, ~27 chance clusters pass p ≤ 0.05, and a
// chance seed next to a real cluster (the demo's 60.20B beside the shop fitters) would lead a
// union of its own code and the cluster's codes, which beats the seed code alone trivially.
std::vector<Seed> discovery_seeds(const Register& reg, const std::vector<TestedTrade>& tested, double alpha) {
  std::vector<Seed> seeds;
  for_each_q_value(tested, [&](const TestedTrade& t, std::size_t i, double q) {
    if (q <= alpha && std::string(lens_kind(reg, *t.trade)) == "subclass")
      seeds.push_back({*reg.naf().find(t.trade->id), t.scan.clusters[i]});
  });
  std::stable_sort(seeds.begin(), seeds.end(),
                   [](const Seed& a, const Seed& b) { return a.cluster.llr > b.cluster.llr; });
  return seeds;
}

DiscoveryOptions discovery_options(const RegisterScanRequest& request, std::uint16_t seed_code) {
  DiscoveryOptions options;
  options.simulations = request.scan.simulations;
  options.early_stop = request.scan.early_stop;
  options.min_cases = request.scan.min_cases;
  options.min_code_total = request.min_trade_size;
  options.max_population_share = request.scan.max_population_share;
  options.seed = stream_seed(request.scan.seed, seed_code, kDiscoverySeedPurpose);
  return options;
}

}  // namespace

// Each seed, unless centred inside the window of a stronger one, gets one joint test; the unions
// that explain their place better than the seed code alone become tested trades.
void discover_trades(const Register& reg, const ScanPopulation& population, const WindowLadder& ladder,
                     const RegisterScanRequest& request, std::deque<Trade>& found,
                     std::vector<TestedTrade>& tested) {
  const std::vector<Seed> seeds = discovery_seeds(reg, tested, request.alpha);
  if (seeds.empty()) return;
  const CodeLabels labels = code_labels(reg, population, request.one_per_firm);
  std::vector<ScanCluster> done;
  const char* trace_env = std::getenv("GRAPPE_SCAN_TRACE");
  const bool trace = trace_env && *trace_env == '1';
  for (const auto& seed : seeds) {
    if (static_cast<int>(done.size()) >= request.max_discoveries) break;
    const bool covered = std::any_of(done.begin(), done.end(), [&](const ScanCluster& d) {
      return std::hypot(d.x - seed.cluster.x, d.y - seed.cluster.y) <= d.radius;
    });
    if (covered) continue;
    done.push_back(seed.cluster);
    const Discovery d =
        discover_trade(ladder, labels, seed.code, seed.cluster.window, discovery_options(request, seed.code));
    if (trace)  // bench and diagnostics: seed code, codes joined, union and seed LLRs, p, simulations
      std::fprintf(stderr, "discovery-trace\t%s\t%zu\t%.2f\t%.2f\t%.3g\t%d\n",
                   reg.naf().code(seed.code).c_str(), d.codes.size(), d.llr, d.seed_llr, d.p_value,
                   d.simulations_run);
    if (!d.better_than_parts()) continue;
    found.push_back(discovered_trade(reg, population, ladder, d));
    TradeCases cases = select_cases(reg, population, found.back(), request.one_per_firm);
    ScanResult scan = discovered_scan(ladder, cases, d);
    tested.push_back({&found.back(), std::move(cases), std::move(scan)});
  }
}

}  // namespace grappe
