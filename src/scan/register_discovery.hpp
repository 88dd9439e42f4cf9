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

// Appends the discovered trades to `found` and their tests to `tested`.
void discover_trades(const Register& reg, const ScanPopulation& population, const WindowLadder& ladder,
                     const RegisterScanRequest& request, std::deque<Trade>& found,
                     std::vector<TestedTrade>& tested);

}  // namespace grappe
