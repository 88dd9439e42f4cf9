#pragma once
// `grappe ingest`: SIRENE stock files → register file, with an exact account of every row.
//   rows_read = kept + skipped_closed + skipped_old_nomenclature + skipped_no_nomenclature + rejected
//   kept = positions: lambert + geolocation + commune + none
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace grappe {

struct IngestOptions {
  std::filesystem::path establishments;  // StockEtablissement (required)
  std::filesystem::path legal_units;     // StockUniteLegale (optional)
  std::filesystem::path successions;     // StockEtablissementLiensSuccession (optional)
  std::filesystem::path out;             // register file
  std::filesystem::path rejects;         // CSV of every rejected record (optional)
  std::filesystem::path zones;           // commune → employment zone table (optional)
  // INSEE's GeolocalisationEtablissement_Sirene_pour_etudes_statistiques file (optional).
  std::filesystem::path geolocation;
  std::filesystem::path data_dir;  // reference data; empty: data_dir()
  bool include_closed = false;
  bool strict = false;                // stop (InputError) at the first rejected row or non-UTF-8 line
  std::size_t block_bytes = 8 << 20;  // CSV block size (tests use small blocks)
  std::size_t run_rows = 4'000'000;   // rows per sorted run spilled by the register writer
  // Called for each of the first 20 rejected rows ("file:line: reason …"); default: stderr.
  std::function<void(const std::string&)> report_reject;
};

struct RejectedLine {
  std::uint64_t line = 0;  // physical line where the record starts (header = 1)
  std::string reason;
};

// The account of a legal-units or successions file.
struct SideFileSummary {
  std::uint64_t read = 0, kept = 0;
  std::map<std::string, std::uint64_t> rejected_by_reason;
  std::vector<RejectedLine> rejected;  // in file order
  std::uint64_t converted_lines = 0;   // read as Windows-1252
};

struct IngestSummary {
  std::uint64_t rows_read = 0, kept = 0, skipped_closed = 0, skipped_old_nomenclature = 0;
  std::uint64_t skipped_no_nomenclature = 0;  // nomenclatureActivitePrincipale empty
  std::uint64_t no_location = 0;              // kept rows without an exact position (commune or none)
  std::uint64_t non_diffusible = 0;           // kept rows with statutDiffusionEtablissement = P
  std::uint64_t naf2025 = 0;                  // kept rows with a NAF 2025 code (activitePrincipaleNAF25…)
  std::uint64_t unknown_naf2025 = 0;  // kept rows whose NAF 2025 code is not in the table (not stored)
  // Kept rows by position source ("lambert", "geolocation", "commune", "none").
  std::map<std::string, std::uint64_t> positions;
  std::uint64_t ignored_coordinates = 0;  // coordinates of communes with no known system (98x)
  std::uint64_t converted_lines = 0;      // establishments' lines read as Windows-1252
  std::uint64_t geolocation_rows = 0;     // usable rows of the --geolocation file
  std::map<std::string, std::uint64_t> rejected_by_reason;
  std::vector<RejectedLine> rejected;  // in file order
  SideFileSummary legal_units, successions;
  double seconds = 0;
};

IngestSummary run_ingest(const IngestOptions& options);

// {"rows_read", "kept", "skipped": {"closed", "old_nomenclature", "no_nomenclature"}, "no_location",
//  "non_diffusible", "positions": {…}, "ignored_coordinates", "converted_lines",
//  "rejected": {"count", "by_reason", "lines": [{"line", "reason"}]}, "legal_units", "successions"}
nlohmann::json summary_json(const IngestSummary& summary);
// The few lines printed at the end of an ingest.
std::string summary_text(const IngestSummary& summary);

}  // namespace grappe
