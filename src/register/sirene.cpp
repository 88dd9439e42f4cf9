#include "grappe/register/sirene.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <optional>

#include "grappe/common/error.hpp"
#include "grappe/register/sirene_columns.hpp"

namespace grappe {
namespace {

constexpr std::size_t kAbsent = SIZE_MAX;

bool same_name(std::string_view a, std::string_view b) {
  while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The header as found, for error messages (cut after 600 characters).
std::string header_as_found(const std::vector<std::string>& header) {
  std::string text;
  for (const auto& h : header) {
    if (text.size() > 600) return text + ", … (" + std::to_string(header.size()) + " columns)";
    text += (text.empty() ? "" : ", ") + h;
  }
  return text + " (" + std::to_string(header.size()) + " columns)";
}

}  // namespace

// Index of each wanted column in the header, matched by name whatever the case and order
// (kAbsent when missing); the required ones must be there, else one InputError names all that
// are missing together with the header that was found.
std::vector<std::size_t> match_columns(const std::vector<std::string>& header,
                                       std::span<const std::string_view> wanted, std::size_t required,
                                       const std::string& file_name) {
  std::vector<std::size_t> index;
  std::string missing;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    auto it = std::find_if(header.begin(), header.end(),
                           [&](const std::string& h) { return same_name(h, wanted[i]); });
    index.push_back(it == header.end() ? kAbsent : static_cast<std::size_t>(it - header.begin()));
    if (it == header.end() && i < required) missing += (missing.empty() ? "" : ", ") + std::string(wanted[i]);
  }
  if (!missing.empty()) throw_missing_columns(file_name, missing, header);
  return index;
}

void throw_missing_columns(const std::string& file_name, const std::string& missing,
                           const std::vector<std::string>& header) {
  throw InputError(file_name + " lacks the required column(s): " + missing +
                   "; the header found is: " + header_as_found(header));
}

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t to_uint(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

// Parses the whole field as a number; false if anything is left over.
bool parse_number(std::string_view s, double& value) {
  const auto r = fast_float::from_chars(s.data(), s.data() + s.size(), value);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(value);
}

// Generous bounds of each system's coordinates (metres), to catch swapped or garbage values.
bool plausible(Projection p, double x, double y) {
  if (p == Projection::lambert93) return x > -400'000 && x < 1'600'000 && y > 5'900'000 && y < 7'300'000;
  return x > 0 && x < 1'500'000 && y > 0 && y < 10'000'000;  // UTM, north or south
}

// A field's value; INSEE's "[ND]" (non diffusible) reads as absent in every column.
std::string_view field_or_empty(const std::vector<std::string_view>& fields, std::size_t index) {
  if (index >= fields.size()) return {};
  const auto value = fields[index];
  return value == "[ND]" ? std::string_view{} : value;
}

// A SIRENE date: empty and INSEE's placeholder 1900-01-01 are unknown; a time after the date
// ("2019-03-12T10:05:31", as in dateDernierTraitement) is allowed. nullopt when malformed.
std::optional<Date> sirene_date(std::string_view text) {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  if (text.empty() || text == "1900-01-01") return kUnknownDate;
  return parse_iso_date(text);
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool doubled = false;  // the rightmost digit is the key
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (doubled && (d *= 2) > 9) d -= 9;
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool valid_siret(std::string_view t) {
  if (t.size() != 14 || !all_digits(t)) return false;
  if (t.substr(0, 9) == "356000000") {  // La Poste: sum of the digits is a multiple of 5
    int sum = 0;
    for (char c : t) sum += c - '0';
    return sum % 5 == 0;
  }
  return luhn_valid(t);
}

// ---- StockEtablissement ----

namespace {
enum Column : std::size_t {
  kSiret,
  kState,
  kActivity,
  kNomenclature,
  kCommune,  // required
  kX,
  kY,
  kCreated,
  kBand,
  kSiege,
  kUsualName,
  kSign,
  kNumber,
  kRepetition,
  kStreetType,
  kStreet,
  kPostcode,
  kCityName,
  kDiffusion,
  kNaf25,
  kLongitude,
  kLatitude,
  kColumnCount
};
// The columns the ingest reads (names from grappe/register/sirene_columns.hpp; longitude and
// latitude are Etalab's geo-sirene additions).
// clang-format off
constexpr std::array<std::string_view, kColumnCount> kEstablishmentColumns = {
    "siret", "etatAdministratifEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "codeCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
    "dateCreationEtablissement", "trancheEffectifsEtablissement", "etablissementSiege",
    "denominationUsuelleEtablissement", "enseigne1Etablissement", "numeroVoieEtablissement",
    "indiceRepetitionEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
    "codePostalEtablissement", "libelleCommuneEtablissement", "statutDiffusionEtablissement",
    "activitePrincipaleNAF25Etablissement", "longitude", "latitude"};
// clang-format on
static_assert(sirene::all_columns_of(std::span(kEstablishmentColumns).first(kLongitude),
                                     sirene::kEstablishmentColumns));
constexpr std::size_t kRequired = kX;
}  // namespace

struct EstablishmentParser::Index {
  std::vector<std::size_t> column;
};

EstablishmentParser::EstablishmentParser(const std::vector<std::string>& header,
                                         std::shared_ptr<const Naf> naf, const std::string& file_name)
    : naf_(std::move(naf)), field_count_(header.size()) {
  auto index = std::make_shared<Index>();
  index->column = match_columns(header, kEstablishmentColumns, 0, file_name);
  // The required columns, and the partner of a coordinate column that is there alone.
  std::string missing;
  auto lacks = [&](Column c) {
    if (index->column[c] == kAbsent)
      missing += (missing.empty() ? "" : ", ") + std::string(kEstablishmentColumns[c]);
  };
  for (std::size_t c = 0; c < kRequired; ++c) lacks(static_cast<Column>(c));
  for (auto [a, b] : {std::pair{kX, kY}, std::pair{kLongitude, kLatitude}}) {
    if (index->column[a] != kAbsent) lacks(b);
    if (index->column[b] != kAbsent) lacks(a);
  }
  if (!missing.empty()) throw_missing_columns(file_name, missing, header);
  if (index->column[kNaf25] != kAbsent) naf2025_ = Naf::load(Nomenclature::naf_2025);
  index_ = std::move(index);
}

namespace {
// The position columns of a row: Lambert (or overseas UTM) x/y first, else Etalab's WGS 84
// longitude/latitude. Returns the offending column on bad values, kColumnCount otherwise.
template <class Field>
Column read_position(Field field, EstablishmentParser::Row& row) {
  auto& r = row.record;
  r.x = r.y = r.lon = r.lat = NAN;
  r.position = PositionSource::none;
  row.ignored_coordinates = false;
  const auto xs = field(kX), ys = field(kY);
  if (!xs.empty() || !ys.empty()) {
    double x, y;
    if (!parse_number(xs, x)) return kX;
    if (!parse_number(ys, y)) return kY;
    if (row.projection == Projection::none) {
      row.ignored_coordinates = true;  // 98x communes: no known system
      return kColumnCount;
    }
    if (!plausible(row.projection, x, y)) return kX;
    r.x = x;
    r.y = y;
    r.position = PositionSource::lambert;
    return kColumnCount;
  }
  const auto lons = field(kLongitude), lats = field(kLatitude);
  if (lons.empty() && lats.empty()) return kColumnCount;
  double lon, lat;
  if (!parse_number(lons, lon) || lon < -180 || lon > 180) return kLongitude;
  if (!parse_number(lats, lat) || lat < -90 || lat > 90) return kLatitude;
  if (row.projection == Projection::none) {
    row.ignored_coordinates = true;
    return kColumnCount;
  }
  r.lon = lon;
  r.lat = lat;
  r.position = PositionSource::geolocation;  // x/y are projected by the ingest
  return kColumnCount;
}
}  // namespace

void EstablishmentParser::parse(const std::vector<std::string_view>& fields, bool include_closed,
                                Row& row) const {
  const auto& col = index_->column;
  auto field = [&](Column c) { return field_or_empty(fields, col[c]); };
  auto reject = [&](const char* reason, Column c) {
    row.outcome = RowOutcome::rejected;
    row.reason = reason;
    row.column = c == kColumnCount ? nullptr : kEstablishmentColumns[c].data();
    row.value = c == kColumnCount ? std::string{} : std::string(field(c));
  };
  row.outcome = RowOutcome::kept;
  row.reason = row.column = nullptr;
  row.value.clear();
  if (fields.size() != field_count_) {
    reject(reject_reason::kFieldCount, kColumnCount);
    row.value = std::to_string(fields.size()) + " fields, header has " + std::to_string(field_count_);
    return;
  }
  const auto siret = field(kSiret);
  if (!valid_siret(siret)) return reject(reject_reason::kBadSiret, kSiret);
  const bool active = field(kState) == "A";
  if (!active && !include_closed) {
    row.outcome = RowOutcome::closed;
    return;
  }
  const auto nomenclature = field(kNomenclature);
  if (nomenclature != "NAFRev2") {
    row.outcome = nomenclature.empty() ? RowOutcome::no_nomenclature : RowOutcome::old_nomenclature;
    return;
  }
  auto& r = row.record;
  r.naf_code.assign(field(kActivity));
  const auto sector = naf_->find(r.naf_code);
  if (!sector) return reject(reject_reason::kUnknownNaf, kActivity);
  row.sector = *sector;
  const auto created = sirene_date(field(kCreated));
  if (!created) return reject(reject_reason::kBadDate, kCreated);
  r.created = *created;
  r.commune_code.assign(field(kCommune));
  row.projection = projection_of_commune(r.commune_code);
  if (const Column bad = read_position(field, row); bad != kColumnCount)
    return reject(reject_reason::kBadCoordinates, bad);
  r.siret = to_uint(siret);
  r.siren = static_cast<std::uint32_t>(r.siret / 100000);
  r.headcount_band.assign(field(kBand));
  r.naf25_code.assign(field(kNaf25));
  row.unknown_naf25 = !r.naf25_code.empty() && !naf2025_->find(r.naf25_code);
  const bool withheld = field(kDiffusion) == "P";
  r.flags = static_cast<std::uint8_t>(
      (active ? kActive : 0) | (field(kSiege) == "true" ? grappe::kHeadOffice : 0) |
      (row.projection != Projection::lambert93 ? kOverseas : 0) | (withheld ? kNonDiffusible : 0));
  const auto usual = field(kUsualName);
  r.name.assign(usual.empty() ? field(kSign) : usual);
  r.address.clear();
  for (Column c : {kNumber, kRepetition, kStreetType, kStreet, kPostcode, kCityName}) {
    const auto part = field(c);
    if (part.empty()) continue;
    if (!r.address.empty()) r.address += ' ';
    r.address.append(part);
  }
}

// ---- StockUniteLegale ----

namespace {
enum UnitColumn : std::size_t {
  kUnitSiren,
  kUnitState,
  kDenomination,
  kLastName,  // required
  kUsageName,
  kFirstName,
  kUsualFirstName,
  kUnitCreated,
};
constexpr std::array<std::string_view, 8> kUnitColumns = {"siren",
                                                          "etatAdministratifUniteLegale",
                                                          "denominationUniteLegale",
                                                          "nomUniteLegale",
                                                          "nomUsageUniteLegale",
                                                          "prenom1UniteLegale",
                                                          "prenomUsuelUniteLegale",
                                                          "dateCreationUniteLegale"};
static_assert(sirene::all_columns_of(kUnitColumns, sirene::kLegalUnitColumns));
}  // namespace

LegalUnitParser::LegalUnitParser(const std::vector<std::string>& header, const std::string& file_name)
    : column_(match_columns(header, kUnitColumns, kUsageName, file_name)), field_count_(header.size()) {}

SideRowError LegalUnitParser::parse(const std::vector<std::string_view>& fields,
                                    LegalUnitRecord& unit) const {
  auto field = [&](UnitColumn c) { return field_or_empty(fields, column_[c]); };
  if (fields.size() != field_count_) return {reject_reason::kFieldCount, nullptr};
  const auto siren = field(kUnitSiren);
  if (siren.size() != 9 || !all_digits(siren))
    return {reject_reason::kBadSiren, kUnitColumns[kUnitSiren].data()};
  const auto date = sirene_date(field(kUnitCreated));
  if (!date) return {reject_reason::kBadDate, kUnitColumns[kUnitCreated].data()};
  unit.siren = static_cast<std::uint32_t>(to_uint(siren));
  unit.name.assign(field(kDenomination));
  if (unit.name.empty()) {  // a person: usual first name, then usage or birth name
    const auto first = field(kUsualFirstName).empty() ? field(kFirstName) : field(kUsualFirstName);
    const auto last = field(kUsageName).empty() ? field(kLastName) : field(kUsageName);
    unit.name.assign(first);
    if (!first.empty() && !last.empty()) unit.name += ' ';
    unit.name.append(last);
  }
  unit.created = *date;
  unit.active = field(kUnitState) == "A";
  return {};
}

// ---- StockEtablissementLiensSuccession ----

namespace {
enum LinkColumn : std::size_t { kPredecessor, kSuccessor, kLinkDate, kTransfer, kContinuity };
// The first five of INSEE's six, in their order.
constexpr auto kLinkColumns = std::span(sirene::kSuccessionColumns).first<5>();
}  // namespace

SuccessionParser::SuccessionParser(const std::vector<std::string>& header, const std::string& file_name)
    : column_(match_columns(header, kLinkColumns, 3, file_name)), field_count_(header.size()) {}

SideRowError SuccessionParser::parse(const std::vector<std::string_view>& fields,
                                     SuccessionLink& link) const {
  auto field = [&](LinkColumn c) { return field_or_empty(fields, column_[c]); };
  if (fields.size() != field_count_) return {reject_reason::kFieldCount, nullptr};
  const auto from = field(kPredecessor), to = field(kSuccessor);
  if (from.size() != 14 || !all_digits(from))
    return {reject_reason::kBadSiret, kLinkColumns[kPredecessor].data()};
  if (to.size() != 14 || !all_digits(to)) return {reject_reason::kBadSiret, kLinkColumns[kSuccessor].data()};
  const auto date = sirene_date(field(kLinkDate));
  if (!date) return {reject_reason::kBadDate, kLinkColumns[kLinkDate].data()};
  link.predecessor = to_uint(from);
  link.successor = to_uint(to);
  link.date = *date;
  link.head_office_transfer = field(kTransfer) == "true";
  link.economic_continuity = field(kContinuity) == "true";
  return {};
}

}  // namespace grappe
