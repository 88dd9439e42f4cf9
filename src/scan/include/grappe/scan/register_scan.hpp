#pragma once
// `grappe scan` on a register: which establishments take part (active, located, metropolitan,
// in the territory, not excluded), which trades are tested, the Bernoulli scan of each
// (bernoulli_scan.hpp), false discovery rate control across trades and the candidates.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/register/trade.hpp"
#include "grappe/scan/window_ladder.hpp"

namespace grappe {

struct RegisterScanRequest {
  std::vector<Trade> trades;          // what to test (--trade, --sector, or --all)
  std::string region, department;     // territory filter (INSEE codes), empty: all
  std::set<std::uint64_t> excluded;   // sirets left out entirely (known clusters)
  LadderParams ladder;
  ScanOptions scan;                   // seed is the master seed; each trade gets its own stream
  double alpha = 0.05;                // keep candidates with q ≤ alpha
  int min_trade_size = 10;            // trades with fewer located firms are not tested
  bool one_per_firm = true;           // cases are firms (one establishment per siren)
  // Exact positions only (default: commune points stacked on one spot would look like a
  // cluster), or commune-precision ones too (docs/register.md).
  PositionPolicy positions = PositionPolicy::exact;
  bool discover = true;               // test co-located sub-classes jointly (trade_discovery.hpp)
  int max_discoveries = 40;           // seeds tried, strongest first
};

struct RegisterScanResult {
  std::vector<Candidate> candidates;  // ranked
  int trades_tested = 0;
  std::size_t establishments = 0;     // points of the scan (N)
  std::size_t commune_precision = 0;  // of which placed at their commune's point (--positions any)
  std::vector<Trade> discovered;      // trades found from co-located codes (ids "found-…")
};

// Every NAF sub-class (as a one-code trade) followed by the catalogue's trades. With NAF 2025:
// every NAF 2025 sub-class that some active establishment has ("NAF2025:25.53Y"), and no
// catalogue trades (their codes are NAF rév. 2).
std::vector<Trade> all_trades(const Register& reg, Nomenclature nomenclature = Nomenclature::naf_rev2);
// A sector code at any NAF level as a trade (NAF 2025: the trade's code is "NAF2025:CODE").
Trade sector_trade(const Register& reg, const std::string& code,
                   Nomenclature nomenclature = Nomenclature::naf_rev2);

RegisterScanResult scan_register(const Register& reg, const RegisterScanRequest& request);

// Benjamini & Hochberg (1995) adjusted p-values (q-values), in the input order.
std::vector<double> benjamini_hochberg(const std::vector<double>& p_values);

}  // namespace grappe
