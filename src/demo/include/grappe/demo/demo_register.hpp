#pragma once
// `grappe demo-register`: a realistic synthetic register in SIRENE 3.11 format (plus the
// December 2025 NAF25 columns), with planted latent clusters, their genealogies, decoys and a
// truth.json that says what a correct pipeline must find. See docs/demo.md.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace grappe::demo {

struct DemoOptions {
  std::filesystem::path out_dir;
  std::uint64_t establishments = 300'000;  // data rows of StockEtablissement_utf8.csv
  std::uint64_t seed = 42;
  std::filesystem::path data_dir;           // reference data; empty: grappe::data_dir()
};

// What an ingest with default options must report for StockEtablissement (see docs/demo.md).
struct ExpectedIngest {
  std::uint64_t rows_read = 0;         // data records (a quoted newline does not start a record)
  std::uint64_t kept = 0;              // active, NAFRev2, well-formed (with or without location)
  std::uint64_t skipped_closed = 0;
  std::uint64_t skipped_old_nomenclature = 0;
  std::uint64_t no_location = 0;       // kept rows whose coordinates are empty or [ND]
  struct Rejected {
    std::uint64_t line = 0;            // physical line where the record starts; header = 1
    std::string reason;                // field_count, bad_siret, unknown_naf, bad_coordinates
  };
  std::vector<Rejected> rejected;
};

struct DemoSummary {
  ExpectedIngest ingest;
  std::uint64_t legal_units = 0;
  std::uint64_t succession_links = 0;
  std::uint64_t founder_rows = 0;
  std::uint64_t planted_clusters = 0;
  std::uint64_t genealogy_edges = 0;
};

// Names of the files written in DemoOptions::out_dir.
inline constexpr const char* kEstablishmentsFile = "StockEtablissement_utf8.csv";
inline constexpr const char* kLegalUnitsFile = "StockUniteLegale_utf8.csv";
inline constexpr const char* kSuccessionsFile = "StockEtablissementLiensSuccession_utf8.csv";
inline constexpr const char* kFoundersFile = "founders.csv";
inline constexpr const char* kTruthFile = "truth.json";

// Writes the five files (streaming, bounded memory, parallel by chunk with oneTBB; identical
// output for any thread count). Throws InputError for bad options, Error for I/O problems.
DemoSummary generate_demo_register(const DemoOptions& options);

// Minimum --establishments (the planted clusters and malformed lines need room).
std::uint64_t minimum_establishments();

}  // namespace grappe::demo
