#pragma once
// Co-located codes: a trade that no single code names (docs/scan.md, "Discovered trades").
//
// A seed is a cluster of one code (a NAF sub-class) found by the Bernoulli scan. Around it, the
// window family is every window of the ladder centred inside the seed's window, at the seed's
// level and the levels just below and above. In each window the other codes that are locally
// over-represented (at least min_code_cases cases and a one-code LLR of min_code_llr) are sorted
// by their share of their own national cases, c_k / C_k, and added one by one to the seed code
// (the order in which adding codes can raise the union's LLR: the "linear-time subset scan" of
// Neill 2012). The statistic is the best LLR of a union (seed code and at least one other) over
// the family.
//
// Its p-value repeats that selection on each simulated register: the seed code's cases stay
// where they are and every other label (codes, or none) is permuted over the other points, then
// codes and window are chosen again by the same rule. The test is therefore exact, conditional
// on the seed, for the choice of codes and window; the seed itself is screened by its own scan
// and its false discovery rate.
#include <cstdint>
#include <vector>

#include "grappe/scan/window_ladder.hpp"

namespace grappe {

// The scan's points labelled by code: code[p] in [0, total.size()) or −1 (not a case of any
// code, e.g. a second establishment of a firm); total[k] = points labelled k.
struct CodeLabels {
  std::vector<std::int32_t> code;
  std::vector<std::uint32_t> total;
};

struct DiscoveryOptions {
  int simulations = 999;
  int early_stop = 10;        // Besag–Clifford: stop at this many simulations beating the union
  int min_cases = 5;          // union cases in a window
  int min_code_cases = 3;     // a code joins only with this many cases in the window
  double min_code_llr = 2.0;  // … and this one-code LLR there
  int min_code_total = 10;    // … and this many cases nationally
  double max_population_share = 0.5;
  std::uint64_t seed = 1;
  bool test_every_union = false;  // p-value even for a union not better than its parts (calibration)
};

struct Discovery {
  std::vector<std::int32_t> codes;  // seed code first, then the codes joined, in joining order
  std::int32_t window = -1;         // the union's best window (ladder centre id)
  std::uint32_t cases = 0;          // union cases in it
  double llr = 0;                   // the union's LLR there
  double seed_llr = 0;              // best LLR of the seed code alone over the family
  double p_value = 1;
  int simulations_run = 0;
  bool better_than_parts() const { return codes.size() > 1 && llr > seed_llr; }
};

Discovery discover_trade(const WindowLadder& ladder, const CodeLabels& labels, std::int32_t seed_code,
                         std::int32_t seed_window, const DiscoveryOptions& options);

}  // namespace grappe
