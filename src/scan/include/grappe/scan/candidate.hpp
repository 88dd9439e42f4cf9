#pragma once
// A candidate cluster: a significant local concentration of one trade, with its members,
// footprint and scores (PRODUCT.md §2, §5). Written by `grappe scan`, read by `grappe report`.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace grappe {

struct CandidateMember {
  std::uint64_t siret = 0;
  std::string name, address, commune, commune_name;
  double headcount = 0;
  double lon = 0, lat = 0;
  bool in_footprint = false;  // belongs to a DBSCAN cluster of the members
  std::string code;           // NAF sub-class of the establishment
  std::vector<std::string> found_by;  // ids of the lenses (trades) whose window holds it
  std::uint32_t row = 0;              // working value, not written: the register row
};

// One way the candidate was found (docs/scan.md, "One candidate per place"): a NAF sub-class,
// a trade of the catalogue or a --trade file, or a trade discovered from co-located codes.
struct CandidateLens {
  std::string kind;  // "subclass", "trade" or "discovered"
  std::string trade, trade_name;
  std::vector<std::string> codes, keywords;
  double llr = 0, p_value = 1, q_value = 1, radius_m = 0;
  std::uint32_t members = 0;
};

// A word over-represented in the members' names against the same codes nationally.
struct TradeWord {
  std::string word;
  double g2 = 0;               // Dunning's log-likelihood ratio
  std::uint32_t members = 0;   // members whose names hold it
  std::uint32_t national = 0;  // other establishments of the codes whose names hold it
};

struct Candidate {
  int rank = 0;
  double score = 0;
  double p_value = 1, q_value = 1, llr = 0;
  std::string trade, trade_name;
  std::vector<std::string> codes;
  double lon = 0, lat = 0, radius_m = 0;
  std::uint64_t center_siret = 0;
  bool secondary = false;             // not the most likely cluster of its trade
  std::uint32_t establishments = 0;   // all establishments in the window (n)
  std::uint32_t trade_establishments = 0;  // the trade's, in the window (c = members)
  double expected = 0;                // c expected under one national rate (n·C/N)
  std::uint32_t firms = 0;            // distinct firms of the trade in the window (the scan's cases)
  double firms_expected = 0;          // … expected under one national rate
  double relative_risk = 0;           // rate inside / rate outside
  double lq = 0;                      // location quotient (c/n)/(C/N)
  double employment = 0;              // headcount of the members
  double employment_lq = 0;           // (members' headcount / window headcount) / (C_e / N_e)
  double rarity = 0;                  // members / the trade's active establishments in France
  std::uint32_t national_trade = 0;
  int simulations = 0;
  bool strong = false;                // US Cluster Mapping rule, all three flags
  bool lq_top_quartile = false, employment_above_bottom_quartile = false,
       establishments_above_bottom_quartile = false;
  std::vector<CandidateMember> members;             // of every lens (each member says which found it)
  std::vector<CandidateLens> lenses;                // the lead lens first (its statistics are the above)
  std::vector<TradeWord> words;                     // proposed keywords, strongest first
  std::vector<CandidateMember> other_code_members;  // same trade (words), other code, in the window
  std::vector<std::vector<std::pair<double, double>>> footprint;  // rings of (lon, lat), closed
  // Working values, not written: the centre in Lambert-93 and the trade's share of employment.
  double x = 0, y = 0, trade_employment_share = 0;
};

}  // namespace grappe
