#pragma once
// The generator's own records (internal): what one chunk of the synthetic register holds before
// it is written as SIRENE CSV. Dates are days since 1970-01-01.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace grappe::demo {

using Day = std::int32_t;
inline constexpr Day kNoDay = INT32_MIN;
inline constexpr Day kToday = 20'400;  // 2025-11-08: the synthetic stock's "as of" date

Day make_day(int year, int month, int day);
std::string format_day(Day day);  // "YYYY-MM-DD", empty for kNoDay
int year_of(Day day);

// How a planted malformed line is broken (the reason an ingest must give).
enum class Malformed : std::uint8_t { none, too_few_fields, too_many_fields, bad_check_digit,
                                      non_digit_siret, unknown_naf, bad_naf_format, bad_coordinates };
const char* reject_reason(Malformed kind);

enum class Location : std::uint8_t { known, not_disclosed, empty };  // [ND] or empty coordinates

struct Unit {  // a legal unit (StockUniteLegale row)
  std::uint32_t siren = 0;
  std::string name;            // denomination, or the person's last name for an individual firm
  std::string first_name;      // individual firms only
  char sex = 0;                // individual firms only: 'M' or 'F'
  std::string legal_form;      // categorieJuridiqueUniteLegale
  std::string naf;             // head office's NAF code
  std::string band = "NN";
  Day created = kNoDay;
  Day closed = kNoDay;         // kNoDay when active
  std::uint32_t head_nic = 0;
};

struct Site {  // an establishment (StockEtablissement row)
  std::uint64_t siret = 0;
  std::uint32_t siren = 0;
  Day created = kNoDay;
  Day closed = kNoDay;         // kNoDay when active
  bool head_office = false;
  bool old_nomenclature = false;  // NAFRev1 code
  std::string naf;
  std::string band = "NN";
  std::uint32_t commune = 0;   // index in World::communes()
  double lon = NAN, lat = NAN;
  Location location = Location::known;
  std::string enseigne;
  std::string usual_name;      // denominationUsuelleEtablissement
  int street_number = 0;
  std::string street_type, street_name;
  Malformed malformed = Malformed::none;
};

struct Link {  // a succession link (StockEtablissementLiensSuccession row)
  std::uint64_t predecessor = 0, successor = 0;
  Day date = kNoDay;
  bool head_office_transfer = false;
  bool economic_continuity = false;
};

struct FounderRole {  // a founders.csv row
  std::uint32_t siren = 0;
  std::string person;          // opaque id
  std::string role;
  Day start = kNoDay, end = kNoDay;
};

struct Batch {
  std::vector<Unit> units;
  std::vector<Site> sites;
  std::vector<Link> links;
  std::vector<FounderRole> founders;
};

}  // namespace grappe::demo
