#pragma once
// The register: one read-only, columnar table of establishments (from SIRENE), with its legal
// units and succession links, shared by every analysis. Built by `grappe ingest` (or in memory
// by RegisterBuilder in tests), stored in a memory-mapped file (src/register/register_format.hpp)
// and reopened in milliseconds. Analyses take views (spans, index lists), never copies.
//
// Row order: establishments are sorted by NAF sub-class, then by siret, so that the rows of one
// sector are a contiguous range (sector_rows()).
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/register/naf.hpp"
#include "grappe/register/territory.hpp"

namespace grappe {

// Days since 1970-01-01; kUnknownDate when absent.
using Date = std::int32_t;
inline constexpr Date kUnknownDate = INT32_MIN;
inline constexpr std::uint16_t kNoSector = UINT16_MAX;
inline constexpr std::uint32_t kNoCommune = UINT32_MAX;

// Where an establishment's position comes from, best source first (docs/register.md).
enum class PositionSource : std::uint8_t {
  none = 0,
  lambert = 1,      // the stock's own Lambert (or overseas UTM) columns
  geolocation = 2,  // INSEE's geolocation file (--geolocation), or Etalab's longitude/latitude
  commune = 3,      // the commune's point: median of its located establishments, else its centroid
};
// "none", "lambert", "geolocation", "commune".
const char* position_source_name(PositionSource source);

// Per-establishment status bits.
enum EstablishmentFlags : std::uint8_t {
  kActive = 1,              // etatAdministratifEtablissement == 'A'
  kHeadOffice = 2,          // etablissementSiege == true
  kHasLocation = 4,         // x/y/lon/lat are the establishment's own position (lambert or geolocation)
  kOverseas = 8,            // DROM/COM: x/y are in the territory's own projection (not Lambert-93),
                            // so distance analyses keep to metropolitan France unless asked
  kPositionBits = 16 | 32,  // PositionSource << kPositionShift (format version 2)
  kNonDiffusible = 64,      // statutDiffusionEtablissement == P: name and address withheld
};
inline constexpr int kPositionShift = 4;

// Which positions an analysis uses: exact ones only (the default), or commune points too.
enum class PositionPolicy { exact, any };
// Parses "exact|any" (throws InputError otherwise).
PositionPolicy parse_position_policy(std::string_view text);
// True when the row has a position the policy accepts.
inline bool usable_position(std::uint8_t flags, PositionPolicy policy) {
  if (flags & kHasLocation) return true;
  return policy == PositionPolicy::any &&
         ((flags & kPositionBits) >> kPositionShift) == static_cast<std::uint8_t>(PositionSource::commune);
}

// One row as the ingest (or a test) hands it to the builder. Plain English names inside;
// the SIRENE names are kept only at the CSV boundary (grappe/register/sirene.hpp).
struct EstablishmentRecord {
  std::uint64_t siret = 0;
  std::uint32_t siren = 0;
  std::string naf_code;         // "31.01Z"
  std::string commune_code;     // INSEE code "41194"; may be empty
  double x = NAN, y = NAN;      // Lambert-93 metres, NaN when unknown
  double lon = NAN, lat = NAN;  // WGS84 degrees, NaN when unknown
  // Source of x/y/lon/lat; `none` with finite x/y is read as `lambert` (tests, the demo).
  PositionSource position = PositionSource::none;
  std::string headcount_band;  // INSEE tranche code "NN", "00", "01", … "53"
  Date created = kUnknownDate;
  std::uint8_t flags = kActive;
  std::string name;        // denominationUsuelle, else enseigne1
  std::string address;     // "12 RUE DES FORGES 41200 ROMORANTIN-LANTHENAY"
  std::string naf25_code;  // activitePrincipaleNAF25Etablissement when given ("01.11Y"), else empty
};

struct LegalUnitRecord {
  std::uint32_t siren = 0;
  std::string name;  // denominationUniteLegale, or a person's usual name parts
  Date created = kUnknownDate;
  bool active = true;
};

struct SuccessionLink {
  std::uint64_t predecessor = 0;  // siret
  std::uint64_t successor = 0;    // siret
  Date date = kUnknownDate;
  bool head_office_transfer = false;  // transfertSiege
  bool economic_continuity = false;   // continuiteEconomique
};

// Headcount band midpoints (INSEE tranches d'effectifs). "NN" and unknown → 0.
float headcount_midpoint(std::string_view band_code);
// INSEE headcount band codes; Register::headcount_band() holds an index in this table
// (empty or unknown codes are stored as 0, "NN").
inline constexpr std::array<std::string_view, 16> kBands = {"NN", "00", "01", "02", "03", "11", "12", "21",
                                                            "22", "31", "32", "41", "42", "51", "52", "53"};
std::uint8_t headcount_band_index(std::string_view band_code);

// "2024-03-31" → days since 1970-01-01; nullopt unless a valid ISO date (years 1000–2999).
std::optional<Date> parse_iso_date(std::string_view text);
// Days since 1970-01-01 → "2024-03-31"; "" for kUnknownDate.
std::string format_date(Date date);

// The fixed-size establishment columns, one member each, written once for every form they take:
// Column<T> is a span (a register's view), a vector (a builder's rows) or T (one row). Ordered
// so that one row packs without padding; for_each_column (register_storage.hpp) visits them.
template <template <class> class Column>
struct FixedColumns {
  Column<std::uint64_t> siret;
  Column<double> x, y;
  Column<std::uint32_t> siren, commune;
  Column<Date> created;
  Column<float> lon, lat, headcount;
  Column<std::uint16_t> sector, naf25;  // NAF and NAF 2025 sub-class indexes (naf25 kNoSector: none)
  Column<std::uint8_t> band, flags;
};
template <class T>
using ConstSpan = std::span<const T>;

class Register {
 public:
  // Opens a register file (throws grappe::Error naming the file and the problem). The header,
  // section table and indexes are always checked; the CRC-32 and value ranges of every column
  // are checked too when `verify` is set or the file is small (≤ 64 MiB), since reading 40 M
  // rows' worth of columns would cost seconds rather than milliseconds.
  static Register open(const std::filesystem::path& path, bool verify = false);

  std::size_t size() const { return columns_.siret.size(); }

  // Establishment columns, one entry per row.
  std::span<const std::uint64_t> siret() const { return columns_.siret; }
  std::span<const std::uint32_t> siren() const { return columns_.siren; }
  std::span<const std::uint16_t> sector() const { return columns_.sector; }    // NAF sub-class index
  std::span<const std::uint32_t> commune() const { return columns_.commune; }  // Territories index
  std::span<const double> x() const { return columns_.x; }                     // Lambert-93 m, NaN
  std::span<const double> y() const { return columns_.y; }
  std::span<const float> lon() const { return columns_.lon; }  // WGS84, NaN
  std::span<const float> lat() const { return columns_.lat; }
  std::span<const float> headcount() const { return columns_.headcount; }         // band midpoint
  std::span<const std::uint8_t> headcount_band() const { return columns_.band; }  // index in kBands
  std::span<const Date> created() const { return columns_.created; }
  std::span<const std::uint8_t> flags() const { return columns_.flags; }
  std::string_view name(std::size_t row) const;
  std::string_view address(std::size_t row) const;
  // The NAF 2025 sub-class (index in naf2025()) from activitePrincipaleNAF25Etablissement, or
  // kNoSector (no code, an unknown one, or a register file older than format version 3).
  std::uint16_t naf25(std::size_t row) const {
    return columns_.naf25.empty() ? kNoSector : columns_.naf25[row];
  }

  bool has_location(std::size_t row) const { return flags()[row] & kHasLocation; }
  PositionSource position_source(std::size_t row) const {
    const auto bits = (flags()[row] & kPositionBits) >> kPositionShift;
    if (bits == 0 && (flags()[row] & kHasLocation)) return PositionSource::lambert;  // format version 1
    return static_cast<PositionSource>(bits);
  }
  bool non_diffusible(std::size_t row) const { return flags()[row] & kNonDiffusible; }
  // The name to show: "non diffusible" for a withheld name (statutDiffusion P).
  std::string_view display_name(std::size_t row) const;
  // Rows [first, last) of one NAF sub-class.
  std::pair<std::size_t, std::size_t> sector_rows(std::uint16_t subclass) const;
  // Row of a siret, or SIZE_MAX.
  std::size_t find_siret(std::uint64_t siret) const;

  // Legal units, sorted by siren (from a file: decoded on first use, thread-safe).
  std::span<const LegalUnitRecord> legal_units() const;
  const LegalUnitRecord* find_legal_unit(std::uint32_t siren) const;

  // Succession links, sorted by predecessor then successor.
  std::span<const SuccessionLink> successions() const { return successions_; }

  const Naf& naf() const { return *naf_; }
  const Naf& naf2025() const { return *naf2025_; }
  const Territories& territories() const { return *territories_; }

  // Register file format version (0 for a register built in memory).
  std::uint32_t file_version() const { return file_version_; }

 private:
  friend class RegisterBuilder;
  friend class RegisterFile;
  Register() = default;

  std::shared_ptr<const void> storage_;  // keeps the memory map (or vectors) alive
  std::shared_ptr<const Naf> naf_, naf2025_;
  std::shared_ptr<const Territories> territories_;
  FixedColumns<ConstSpan> columns_;  // naf25 empty for files of format versions 1 and 2
  std::span<const std::uint64_t> name_offsets_, address_offsets_;  // size()+1 entries
  std::string_view name_blob_, address_blob_;
  std::span<const std::uint32_t> sector_start_;               // Naf::subclass_count()+1 entries
  std::span<const std::uint32_t> siret_order_;                // rows sorted by siret (for find_siret)
  std::shared_ptr<const struct LegalUnitTable> legal_units_;  // decoded lazily from files
  std::span<const SuccessionLink> successions_;
  std::uint32_t file_version_ = 0;
};

// An establishment the spatial analyses (Kd, M, scan) count: active, in metropolitan France
// (overseas x/y are in other projections) and with a Lambert-93 position the policy accepts.
inline bool analysable(const Register& reg, std::size_t row, PositionPolicy positions) {
  const std::uint8_t f = reg.flags()[row];
  return (f & kActive) && usable_position(f, positions) && !(f & kOverseas) && std::isfinite(reg.x()[row]) &&
         std::isfinite(reg.y()[row]);
}

// A commune's point in its own system (x/y: Lambert-93 or the overseas UTM) and in WGS84.
struct CommunePoint {
  double x = NAN, y = NAN;
  double lon = NAN, lat = NAN;
};

// Collects records and builds a Register in memory (tests, ingest), or writes it to a file.
class RegisterBuilder {
 public:
  RegisterBuilder(std::shared_ptr<const Naf> naf, std::shared_ptr<const Territories> territories);
  // Throws InputError for an unknown NAF code; unknown commune codes are kept as kNoCommune.
  void add(const EstablishmentRecord& record);
  // Same, with the sector (Naf index) and commune (Territories index or kNoCommune) already
  // resolved by the caller (the ingest resolves them in parallel).
  void add(const EstablishmentRecord& record, std::uint16_t sector, std::uint32_t commune);
  void add(const LegalUnitRecord& record);
  void add(const SuccessionLink& link);
  std::size_t size() const;
  Register build();  // sorts rows (sector, siret)
  // Same, to a register file, in bounded memory: rows are spilled in sorted runs next to the
  // output and merged (see register_writer.cpp). The builder is empty afterwards.
  void write(const std::filesystem::path& path);
  // Call before adding rows when the register will go to a file: sorted runs of rows are then
  // spilled next to `output` as they arrive (and removed by write()), so memory stays bounded.
  void spill_runs_next_to(const std::filesystem::path& output);
  // Rows held in memory before a sorted run is spilled to disk by write() (default 4 M).
  void set_run_rows(std::size_t rows);
  // Points (indexed like Territories) given by build()/write() to the rows added with
  // position == commune and no x/y; rows whose commune has no point end up with no position.
  void set_commune_points(std::vector<CommunePoint> points);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace grappe
