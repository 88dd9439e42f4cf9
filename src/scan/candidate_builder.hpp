#pragma once
// Internal pieces of scan_register: the scanned population, a trade's cases, and turning a
// scan cluster into a Candidate (members, footprint, indicators, score).
#include <cstdint>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/scan/register_scan.hpp"
#include "grappe/scan/window_ladder.hpp"

namespace grappe {

// Active, located, metropolitan establishments of the territory, minus the excluded ones.
struct ScanPopulation {
  ScanPopulation(const Register& reg, const RegisterScanRequest& request, bool weighted);
  std::vector<std::int32_t> point_of_row;  // −1: not in the scan
  std::vector<std::uint32_t> rows;
  std::vector<double> x, y, headcount, weight;  // weight empty when unweighted
  std::size_t commune_precision = 0;            // points at their commune's point (--positions any)

 private:
  void sort_spatially();
};

struct TradeCases {
  std::vector<std::uint32_t> establishments;  // the trade's establishments in the population, sorted
  std::vector<std::uint32_t> points;  // the scan's cases: one establishment per firm (siren),
                                      // its lowest siret, unless counting establishments
  std::uint32_t national = 0;         // active establishments of the trade in the whole register
};

TradeCases select_cases(const Register& reg, const ScanPopulation& population, const Trade& trade,
                        bool one_per_firm);

// Trades discovered from co-located codes have ids "found-…".
inline constexpr const char* kDiscoveredPrefix = "found-";
// "subclass" (one NAF sub-class, no keyword), "discovered" or "trade".
const char* lens_kind(const Register& reg, const Trade& trade);

// One candidate for cluster `cluster` of the trade's scan, found by the trade's lens.
Candidate build_candidate(const Register& reg, const ScanPopulation& population, const Trade& trade,
                          const TradeCases& cases, const ScanResult& scan, std::size_t cluster);

// Headcount of every establishment in each candidate's window → employment LQ.
void add_employment_in_windows(const ScanPopulation& population, std::vector<Candidate>& candidates);

// US Cluster Mapping flags (quartiles over the candidates), score and rank.
void rank_candidates(std::vector<Candidate>& candidates);

// Convex hull (Andrew's monotone chain), counter-clockwise indices into the points.
std::vector<std::size_t> convex_hull(const std::vector<double>& x, const std::vector<double>& y,
                                     const std::vector<std::size_t>& subset);

}  // namespace grappe
