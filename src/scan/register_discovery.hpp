#pragma once
// Discovered trades in `grappe scan --all` (docs/scan.md, "Discovered trades"): seeds from the
// sub-class clusters, the joint test of co-located codes (grappe/scan/trade_discovery.hpp), and
// each kept union as one more tested trade.
#include <deque>
#include <vector>

#include "candidate_builder.hpp"
#include "grappe/register/trade.hpp"
#include "grappe/scan/register_scan.hpp"
#include "grappe/scan/window_ladder.hpp"

namespace grappe {

// A trade with its cases and its scan.
struct TestedTrade {
  const Trade* trade;
  TradeCases cases;
  ScanResult scan;
};

// The one family of the false discovery rate: every reported cluster, and a p of 1 for each
// tested trade that has none. Calls fn(tested trade, cluster index, q) for each cluster.
template <class Fn>
void for_each_q_value(const std::vector<TestedTrade>& tested, Fn&& fn) {
  std::vector<double> p_values;
  for (const auto& t : tested) {
    for (const auto& cl : t.scan.clusters) p_values.push_back(cl.p_value);
    if (t.scan.clusters.empty()) p_values.push_back(1.0);
  }
  const std::vector<double> q_values = benjamini_hochberg(p_values);
  std::size_t k = 0;
  for (const auto& t : tested) {
    for (std::size_t i = 0; i < t.scan.clusters.size(); ++i) fn(t, i, q_values[k++]);
    if (t.scan.clusters.empty()) ++k;
  }
}

// Appends the discovered trades to `found` and their tests to `tested`.
void discover_trades(const Register& reg, const ScanPopulation& population, const WindowLadder& ladder,
                     const RegisterScanRequest& request, std::deque<Trade>& found,
                     std::vector<TestedTrade>& tested);

}  // namespace grappe
