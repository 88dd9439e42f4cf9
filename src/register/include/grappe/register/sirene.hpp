#pragma once
// The SIRENE boundary: INSEE's column names (every stock since the 2019 redesign: 48 columns
// without Lambert coordinates, format 3.11, and the 2025 files with activitePrincipaleNAF25*)
// are matched by name, whatever their case and order, and become plain records inside.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/register/projection.hpp"
#include "grappe/register/register.hpp"

namespace grappe {

// Why a row is not kept. Reasons are short stable strings (summary JSON, --rejects, docs).
enum class RowOutcome : std::uint8_t { kept, closed, old_nomenclature, no_nomenclature, rejected };
namespace reject_reason {
inline constexpr const char* kFieldCount = "field_count";  // not as many fields as the header
inline constexpr const char* kBadSiret = "bad_siret";      // not 14 digits, or bad check digit
inline constexpr const char* kBadSiren = "bad_siren";      // legal units: not 9 digits
inline constexpr const char* kUnknownNaf = "unknown_naf";  // NAFRev2 row with a code not in NAF rév. 2
inline constexpr const char* kBadCoordinates = "bad_coordinates";  // not a number, half missing, out of range
inline constexpr const char* kBadDate = "bad_date";                // a date not YYYY-MM-DD[Thh:mm:ss]
}  // namespace reject_reason

// Index of each wanted column of `header`, matched by name whatever the case and order
// (SIZE_MAX when absent). The first `required` must be there, else one InputError names the
// missing ones together with the header found.
std::vector<std::size_t> match_columns(const std::vector<std::string>& header,
                                       std::span<const std::string_view> wanted, std::size_t required,
                                       const std::string& file_name);
// The InputError of match_columns: "F lacks the required column(s): …; the header found is: …".
[[noreturn]] void throw_missing_columns(const std::string& file_name, const std::string& missing,
                                        const std::vector<std::string>& header);

// Why a legal-unit or succession row is not kept (reason == nullptr: kept).
struct SideRowError {
  const char* reason = nullptr;
  const char* column = nullptr;  // offending column, when known
};
// True when `digits` is all decimal digits and passes the Luhn (mod 10) check of SIRENs and SIRETs.
bool luhn_valid(std::string_view digits);
// SIRET check: 14 digits with a valid Luhn key (La Poste's establishments, siren 356000000,
// use the sum of digits modulo 5 instead).
bool valid_siret(std::string_view text);

// Column indices of a StockEtablissement header; missing required columns → InputError.
class EstablishmentParser {
 public:
  EstablishmentParser(const std::vector<std::string>& header, std::shared_ptr<const Naf> naf,
                      const std::string& file_name);

  struct Row {
    RowOutcome outcome = RowOutcome::kept;
    const char* reason = nullptr;  // when rejected
    const char* column = nullptr;  // offending column, when known
    std::string value;             // offending value
    Projection projection = Projection::lambert93;
    bool ignored_coordinates = false;  // coordinates given for a commune with no known system (98x)
    bool unknown_naf25 = false;        // a NAF 2025 code that is not in data/naf_2025.json (not stored)
    std::uint16_t sector = kNoSector;  // Naf index of record.naf_code, when kept
    EstablishmentRecord record;
  };
  // Classifies and converts one record (coordinates are left for the caller to project).
  void parse(const std::vector<std::string_view>& fields, bool include_closed, Row& row) const;
  std::size_t field_count() const { return field_count_; }

 private:
  std::shared_ptr<const Naf> naf_, naf2025_;  // naf2025_ only when the file has the NAF 2025 column
  std::size_t field_count_;
  struct Index;
  std::shared_ptr<const Index> index_;
};

// A StockUniteLegale row → legal unit. Required columns: siren, etatAdministratifUniteLegale,
// denominationUniteLegale, nomUniteLegale.
class LegalUnitParser {
 public:
  LegalUnitParser(const std::vector<std::string>& header, const std::string& file_name);
  SideRowError parse(const std::vector<std::string_view>& fields, LegalUnitRecord& unit) const;

 private:
  std::vector<std::size_t> column_;  // index per wanted column, SIZE_MAX when absent
  std::size_t field_count_;
};

// A StockEtablissementLiensSuccession row → link. Required columns: both sirets and the date.
class SuccessionParser {
 public:
  SuccessionParser(const std::vector<std::string>& header, const std::string& file_name);
  SideRowError parse(const std::vector<std::string_view>& fields, SuccessionLink& link) const;

 private:
  std::vector<std::size_t> column_;
  std::size_t field_count_;
};

}  // namespace grappe
