#pragma once
// A candidate cluster: a significant local concentration of one trade, with its members,
// footprint and scores. `grappe scan` writes them; report, simulate, lineage, serve, the
// workspace and the Python module read them, all through this one format (docs/candidates.md).
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace grappe {

// The "version" of a candidates file this grappe writes. Files without one are version 1
// (written before members carried their NAF code and candidates their id); they read the same.
inline constexpr int kCandidatesVersion = 2;

// "00012345600017": a siret with its leading zeros.
std::string format_siret(std::uint64_t siret);

struct CandidateMember {
  std::uint64_t siret = 0;
  std::string code;  // the establishment's NAF sub-class ("31.01Z"); empty in version-1 files
  std::string name, address, commune, commune_name;
  double headcount = 0;
  double lon = NAN, lat = NAN;  // WGS84; NaN when the file gives none (written null)
  bool in_footprint = false;    // belongs to a DBSCAN cluster of the members
  std::vector<std::string> found_by;  // ids of the lenses (trades) whose window holds it
  std::uint32_t row = 0;              // working value of the scan, not written: the register row

  std::uint32_t siren() const { return static_cast<std::uint32_t>(siret / 100000); }
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
  std::string id;  // stable across runs that find the same window (candidate_id)
  int rank = 0;
  double score = 0;
  double p_value = 1, q_value = 1, llr = 0;
  std::string trade, trade_name;
  std::vector<std::string> codes;  // the trade's NAF codes, at any level
  double lon = 0, lat = 0, radius_m = 0;
  std::uint64_t center_siret = 0;
  bool secondary = false;                  // not the most likely cluster of its trade
  std::uint32_t establishments = 0;        // all establishments in the window (n)
  std::uint32_t trade_establishments = 0;  // the trade's, in the window (c = members)
  double expected = 0;                     // c expected under one national rate (n·C/N)
  std::uint32_t firms = 0;                 // distinct firms of the trade in the window (the scan's cases)
  double firms_expected = 0;               // … expected under one national rate
  double relative_risk = 0;                // rate inside / rate outside
  double lq = 0;                           // location quotient (c/n)/(C/N)
  double employment = 0;                   // headcount of the members
  double employment_lq = 0;                // (members' headcount / window headcount) / (C_e / N_e)
  double rarity = 0;                       // members / the trade's active establishments in France
  std::uint32_t national_trade = 0;
  int simulations = 0;
  bool strong = false;  // US Cluster Mapping rule, all three flags
  bool lq_top_quartile = false, employment_above_bottom_quartile = false,
       establishments_above_bottom_quartile = false;
  std::vector<CandidateMember> members;             // of every lens (each member says which found it)
  std::vector<CandidateLens> lenses;                // the lead lens first (its statistics are the above)
  std::vector<TradeWord> words;                     // proposed keywords, strongest first
  std::vector<CandidateMember> other_code_members;  // same trade (words), other code, in the window
  std::vector<std::vector<std::pair<double, double>>> footprint;  // rings of (lon, lat), closed
  // Working values of the scan, not written: the centre in Lambert-93 and the trade's share of employment.
  double x = 0, y = 0, trade_employment_share = 0;
};

// "<trade>@<centre siret>/<radius in m>": the same window of the same trade keeps its id when a
// new scan ranks it differently.
std::string candidate_id(const Candidate& c);

// The candidate as a trade, in the trade file format ({"id", "name_fr", "name_en", "codes",
// "keywords"}; grappe/register/trade.hpp reads it): the codes of every lens that found it and of
// its same-trade firms of other codes, its proposed words as keywords.
nlohmann::json trade_definition(const Candidate& c);

// One candidate as written in a candidates file (and served by GET /api/v1/candidates/{i}).
nlohmann::json to_json(const Candidate& c);
// Reads one candidate; `file` and `path` ("candidates[2]") name it in errors. Throws InputError
// naming the field for a missing or malformed siret, a position out of range, or a value of the
// wrong type.
Candidate candidate_from_json(const nlohmann::json& j, const std::string& file, const std::string& path = "");

// The whole document: {"version", "meta", "candidates": [...]}.
nlohmann::json candidates_to_json(const std::vector<Candidate>& candidates,
                                  const nlohmann::json& meta = nlohmann::json::object());
// Throws InputError naming `source` and the field; refuses a version newer than this grappe's.
std::vector<Candidate> candidates_from_json(const nlohmann::json& document, const std::string& source);
// Reads a .json candidates file (InputError naming the file and the field).
std::vector<Candidate> read_candidates(const std::filesystem::path& path);

// The candidate of this rank (InputError naming `source` when there is none).
const Candidate& candidate_by_rank(const std::vector<Candidate>& candidates, int rank,
                                   const std::string& source);

// The members' firms (sirens), sorted, each once.
std::vector<std::uint32_t> member_sirens(const Candidate& c);

}  // namespace grappe
