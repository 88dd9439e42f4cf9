#include "csv_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "grappe/common/csv.hpp"
#include "grappe/common/random.hpp"
#include "grappe/demo/siret.hpp"
#include "grappe/register/sirene_columns.hpp"

namespace grappe::demo {
namespace {

// Appends the fields of one CSV record, quoting as RFC 4180 says (commas, quotes, newlines).
class Record {
 public:
  explicit Record(std::string& out) : out_(out) {}
  ~Record() { out_ += '\n'; }
  Record& operator<<(std::string_view value) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += csv_quoted(value);  // no formula guard: the demo stands for INSEE's files as they are
    return *this;
  }
  Record& empty(int count) {
    for (int i = 0; i < count; ++i) *this << std::string_view{};
    return *this;
  }

 private:
  std::string& out_;
  bool first_ = true;
};

std::string header(std::span<const std::string_view> columns) {
  std::string out;
  {
    Record r(out);
    for (auto c : columns) r << c;
  }
  return out;
}

// A plausible "last processed" timestamp, derived from the identifier (no randomness needed).
std::string processed_at(std::uint64_t id) {
  std::uint64_t h = id;
  const std::uint64_t v = splitmix64(h);
  return fmt::format("2024-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", 1 + v % 12, 1 + (v >> 8) % 28,
                     (v >> 16) % 24, (v >> 24) % 60, (v >> 32) % 60);
}

std::string postal_code(const CommuneInfo& c) {
  std::string department = c.department.substr(0, 2);
  if (department == "2A" || department == "2B") department = "20";
  std::uint64_t h = 0;
  for (char ch : c.code) h = h * 31 + static_cast<unsigned char>(ch);
  return fmt::format("{}{:03d}", department, (h % 10) * 10 + (c.code == "41194" ? 200 : 0));
}

bool employs(const std::string& band) { return band != "NN" && band != "00"; }

// Counts a row the way an ingest with default options must (see docs/demo.md).
void expect(const Site& s, std::uint64_t line, ExpectedIngest& e) {
  ++e.rows_read;
  if (s.malformed != Malformed::none) e.rejected.push_back({line, reject_reason(s.malformed)});
  else if (s.closed != kNoDay) ++e.skipped_closed;
  else if (s.old_nomenclature) ++e.skipped_old_nomenclature;
  else {
    ++e.kept;
    if (s.location != Location::known) ++e.no_location;
  }
}

void write_site(const Site& s, const World& world, Projector& projector, std::string& out) {
  const auto& commune = world.communes()[s.commune];
  std::string siret = format_siret(s.siret);
  std::string naf = s.naf;
  std::string x, y;
  if (s.location == Location::not_disclosed) {
    x = y = "[ND]";
  } else if (s.location == Location::known) {
    double px, py;
    projector.from_wgs84(Projection::lambert93, 1, &s.lon, &s.lat, &px, &py);
    x = fmt::format("{:.2f}", px);
    y = fmt::format("{:.2f}", py);
  }
  switch (s.malformed) {
    case Malformed::bad_check_digit: siret.back() = static_cast<char>('0' + (siret.back() - '0' + 1) % 10); break;
    case Malformed::non_digit_siret: siret[9] = 'X'; break;
    case Malformed::unknown_naf: naf = "99.99Z"; break;
    case Malformed::bad_naf_format: naf = "ABCDE"; break;
    case Malformed::bad_coordinates: x[1] = 'O'; break;
    default: break;
  }
  const bool closed = s.closed != kNoDay;
  const std::string band = s.band;
  Record r(out);
  r << format_siren(s.siren) << siret.substr(9) << siret << (s.location == Location::not_disclosed ? "P" : "O")
    << format_day(s.created) << band << (band == "NN" ? "" : "2022") << "" << processed_at(s.siret)
    << (s.head_office ? "true" : "false") << std::to_string(closed ? 2 : 1);
  r << "" << std::to_string(s.street_number) << "" << "" << "" << s.street_type << s.street_name
    << postal_code(commune) << commune.name_upper << "" << "" << commune.code << "" << "" << "" << "";
  r << (s.location == Location::known ? fmt::format("{}_{:04d}_{:05d}", commune.code, s.street_number * 7 % 9999, s.street_number) : "")
    << x << y;
  r.empty(14);  // the second address (complementAdresse2 … libellePaysEtranger2)
  if (s.malformed == Malformed::too_few_fields) return;
  r << format_day(closed ? s.closed : s.created) << (closed ? "F" : "A") << s.enseigne << "" << ""
    << s.usual_name << naf << (s.old_nomenclature ? "NAFRev1" : "NAFRev2") << (employs(band) ? "O" : "N")
    << "";
  if (s.malformed == Malformed::too_many_fields) r << "EXTRA";
}

void write_unit(const Unit& u, std::string& out) {
  const bool individual = u.legal_form == "1000";
  const bool closed = u.closed != kNoDay;
  Record r(out);
  r << format_siren(u.siren) << "O" << "" << format_day(u.created) << "" << (individual ? std::string(1, u.sex) : "")
    << u.first_name << "" << "" << "" << u.first_name << "" << (u.legal_form == "9220" ? "W" + format_siren(u.siren) : "")
    << u.band << (u.band == "NN" ? "" : "2022") << processed_at(u.siren) << std::to_string(closed ? 2 : 1)
    << (individual ? "" : "PME") << (individual ? "" : "2022") << format_day(closed ? u.closed : u.created)
    << (closed ? "C" : "A") << (individual ? u.name : "") << "" << (individual ? "" : u.name) << "" << "" << ""
    << u.legal_form << u.naf << "NAFRev2" << format_siret(make_siret(u.siren, u.head_nic)).substr(9) << "N" << ""
    << (employs(u.band) ? "O" : "N") << "";
}

}  // namespace

std::string csv_header_establishments() { return header(sirene::kEstablishmentColumns); }
std::string csv_header_legal_units() { return header(sirene::kLegalUnitColumns); }
std::string csv_header_successions() { return header(sirene::kSuccessionColumns); }
// founders.csv is grappe's format (docs/lineage.md), not INSEE's.
std::string csv_header_founders() { return "siren,person,role,date_debut,date_fin\n"; }

void write_batch(const Batch& batch, const World& world, Projector& projector, ChunkText& text) {
  for (const auto& s : batch.sites) {
    expect(s, text.establishment_lines, text.expected);
    const std::size_t before = text.establishments.size();
    write_site(s, world, projector, text.establishments);
    text.establishment_lines += static_cast<std::uint64_t>(
        std::count(text.establishments.begin() + static_cast<std::ptrdiff_t>(before), text.establishments.end(), '\n'));
  }
  for (const auto& u : batch.units) write_unit(u, text.legal_units);
  for (const auto& l : batch.links) {
    Record r(text.successions);
    r << format_siret(l.predecessor) << format_siret(l.successor) << format_day(l.date)
      << (l.head_office_transfer ? "true" : "false") << (l.economic_continuity ? "true" : "false")
      << processed_at(l.predecessor ^ l.successor);
  }
  for (const auto& f : batch.founders) {
    Record r(text.founders);
    r << format_siren(f.siren) << f.person << f.role << format_day(f.start) << format_day(f.end);
  }
  text.legal_units_count += batch.units.size();
  text.successions_count += batch.links.size();
  text.founders_count += batch.founders.size();
}

}  // namespace grappe::demo
