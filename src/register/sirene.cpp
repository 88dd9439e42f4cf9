#include "grappe/register/sirene.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>

#include "grappe/common/error.hpp"

namespace grappe {
namespace {

constexpr std::size_t kAbsent = SIZE_MAX;

// Index of each wanted column in the header (kAbsent when missing); the required ones must be
// there, else one InputError names all that are missing.
std::vector<std::size_t> match_columns(const std::vector<std::string>& header,
                                       const std::vector<std::string_view>& wanted, std::size_t required,
                                       const std::string& file_name) {
  std::vector<std::size_t> index;
  std::string missing;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    auto it = std::find(header.begin(), header.end(), wanted[i]);
    index.push_back(it == header.end() ? kAbsent : static_cast<std::size_t>(it - header.begin()));
    if (it == header.end() && i < required) missing += (missing.empty() ? "" : ", ") + std::string(wanted[i]);
  }
  if (!missing.empty()) throw InputError(file_name + " lacks the required column(s): " + missing);
  return index;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool luhn(std::string_view digits) {
  int sum = 0;
  bool doubled = false;  // the rightmost digit is the key
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled && (d *= 2) > 9) d -= 9;
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
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

std::string_view field_or_empty(const std::vector<std::string_view>& fields, std::size_t index) {
  return index < fields.size() ? fields[index] : std::string_view{};
}

}  // namespace

bool valid_siren(std::string_view t) { return t.size() == 9 && all_digits(t) && luhn(t); }

bool valid_siret(std::string_view t) {
  if (t.size() != 14 || !all_digits(t)) return false;
  if (t.substr(0, 9) == "356000000") {  // La Poste: sum of the digits is a multiple of 5
    int sum = 0;
    for (char c : t) sum += c - '0';
    return sum % 5 == 0;
  }
  return luhn(t);
}

// ---- StockEtablissement ----

namespace {
enum Column : std::size_t {
  kSiret, kState, kActivity, kNomenclature, kCommune, kX, kY,  // required
  kCreated, kBand, kSiege, kUsualName, kSign, kNumber, kRepetition, kStreetType, kStreet,
  kPostcode, kCityName, kColumnCount
};
const std::vector<std::string_view> kEstablishmentColumns = {
    "siret", "etatAdministratifEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "codeCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
    "dateCreationEtablissement", "trancheEffectifsEtablissement", "etablissementSiege",
    "denominationUsuelleEtablissement", "enseigne1Etablissement", "numeroVoieEtablissement",
    "indiceRepetitionEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
    "codePostalEtablissement", "libelleCommuneEtablissement"};
constexpr std::size_t kRequired = kCreated;
}  // namespace

struct EstablishmentParser::Index {
  std::vector<std::size_t> column;
};

EstablishmentParser::EstablishmentParser(const std::vector<std::string>& header, std::shared_ptr<const Naf> naf,
                                         const std::string& file_name)
    : naf_(std::move(naf)), field_count_(header.size()) {
  auto index = std::make_shared<Index>();
  index->column = match_columns(header, kEstablishmentColumns, kRequired, file_name);
  index_ = std::move(index);
}

void EstablishmentParser::parse(const std::vector<std::string_view>& fields, bool include_closed, Row& row) const {
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
  if (fields.size() != field_count_) return reject(reject_reason::kFieldCount, kColumnCount);
  const auto siret = field(kSiret);
  if (!valid_siret(siret)) return reject(reject_reason::kBadSiret, kSiret);
  const bool active = field(kState) == "A";
  if (!active && !include_closed) {
    row.outcome = RowOutcome::closed;
    return;
  }
  if (field(kNomenclature) != "NAFRev2") {
    row.outcome = RowOutcome::old_nomenclature;
    return;
  }
  auto& r = row.record;
  r.naf_code.assign(field(kActivity));
  const auto sector = naf_->find(r.naf_code);
  if (!sector) return reject(reject_reason::kUnknownNaf, kActivity);
  row.sector = *sector;
  r.created = kUnknownDate;
  if (const auto created = field(kCreated); !created.empty()) {
    const auto date = parse_iso_date(created);
    if (!date) return reject(reject_reason::kBadDate, kCreated);
    r.created = *date;
  }
  r.commune_code.assign(field(kCommune));
  row.projection = projection_of_commune(r.commune_code);
  const auto xs = field(kX), ys = field(kY);
  r.x = r.y = r.lon = r.lat = NAN;
  const bool undisclosed = xs == "[ND]" || ys == "[ND]";
  if (!undisclosed && (!xs.empty() || !ys.empty())) {
    double x, y;
    if (!parse_number(xs, x)) return reject(reject_reason::kBadCoordinates, kX);
    if (!parse_number(ys, y)) return reject(reject_reason::kBadCoordinates, kY);
    if (row.projection != Projection::none) {
      if (!plausible(row.projection, x, y)) return reject(reject_reason::kBadCoordinates, kX);
      r.x = x;
      r.y = y;
    }
  }
  r.siret = to_uint(siret);
  r.siren = static_cast<std::uint32_t>(r.siret / 100000);
  r.headcount_band.assign(field(kBand));
  r.flags = static_cast<std::uint8_t>((active ? kActive : 0) | (field(kSiege) == "true" ? grappe::kHeadOffice : 0) |
                                      (row.projection != Projection::lambert93 ? kOverseas : 0));
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
enum UnitColumn : std::size_t { kUnitSiren, kDenomination, kLastName, kUsageName, kFirstName, kUsualFirstName,
                                kUnitCreated, kUnitState };
const std::vector<std::string_view> kUnitColumns = {
    "siren", "denominationUniteLegale", "nomUniteLegale", "nomUsageUniteLegale", "prenom1UniteLegale",
    "prenomUsuelUniteLegale", "dateCreationUniteLegale", "etatAdministratifUniteLegale"};
}  // namespace

LegalUnitParser::LegalUnitParser(const std::vector<std::string>& header, const std::string& file_name)
    : column_(match_columns(header, kUnitColumns, 1, file_name)), field_count_(header.size()) {}

bool LegalUnitParser::parse(const std::vector<std::string_view>& fields, LegalUnitRecord& unit) const {
  auto field = [&](UnitColumn c) { return field_or_empty(fields, column_[c]); };
  const auto siren = field(kUnitSiren);
  if (fields.size() != field_count_ || siren.size() != 9 || !all_digits(siren)) return false;
  unit.siren = static_cast<std::uint32_t>(to_uint(siren));
  unit.name.assign(field(kDenomination));
  if (unit.name.empty()) {  // a person: usual first name, then usage or birth name
    const auto first = field(kUsualFirstName).empty() ? field(kFirstName) : field(kUsualFirstName);
    const auto last = field(kUsageName).empty() ? field(kLastName) : field(kUsageName);
    unit.name.assign(first);
    if (!first.empty() && !last.empty()) unit.name += ' ';
    unit.name.append(last);
  }
  const auto date = parse_iso_date(field(kUnitCreated));
  unit.created = date ? *date : kUnknownDate;
  unit.active = field(kUnitState) != "C";
  return true;
}

// ---- StockEtablissementLiensSuccession ----

namespace {
enum LinkColumn : std::size_t { kPredecessor, kSuccessor, kLinkDate, kTransfer, kContinuity };
const std::vector<std::string_view> kLinkColumns = {"siretEtablissementPredecesseur", "siretEtablissementSuccesseur",
                                                    "dateLienSuccession", "transfertSiege", "continuiteEconomique"};
}  // namespace

SuccessionParser::SuccessionParser(const std::vector<std::string>& header, const std::string& file_name)
    : column_(match_columns(header, kLinkColumns, 2, file_name)), field_count_(header.size()) {}

bool SuccessionParser::parse(const std::vector<std::string_view>& fields, SuccessionLink& link) const {
  auto field = [&](LinkColumn c) { return field_or_empty(fields, column_[c]); };
  const auto from = field(kPredecessor), to = field(kSuccessor);
  if (fields.size() != field_count_ || from.size() != 14 || !all_digits(from) || to.size() != 14 || !all_digits(to))
    return false;
  link.predecessor = to_uint(from);
  link.successor = to_uint(to);
  const auto date = parse_iso_date(field(kLinkDate));
  link.date = date ? *date : kUnknownDate;
  link.head_office_transfer = field(kTransfer) == "true";
  link.economic_continuity = field(kContinuity) == "true";
  return true;
}

}  // namespace grappe
