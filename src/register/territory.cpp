#include "grappe/register/territory.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/register/sirene.hpp"

namespace grappe {
namespace {

// Calls fn(fields, col) for each row of a CSV table, col holding the indices of the `wanted`
// columns (an InputError names the missing ones, as for SIRENE files, and a row too short for them).
template <class Fn>
void for_each_row(std::istream& in, const std::string& source, std::initializer_list<std::string_view> wanted,
                  Fn&& fn) {
  CsvReader reader(in, source);
  const auto col = match_columns(reader.header(), wanted, wanted.size(), source);
  const std::size_t needed = *std::max_element(col.begin(), col.end());
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    if (fields.size() <= needed) throw InputError(reader.where(), "too few fields");
    fn(fields, col);
  }
}

double parse_double_or_nan(std::string_view s) {
  if (s.empty()) return NAN;
  try {
    return std::stod(std::string(s));
  } catch (...) {
    return NAN;
  }
}

}  // namespace

TerritoryLevel parse_territory_level(std::string_view text) {
  if (text == "commune") return TerritoryLevel::commune;
  if (text == "epci") return TerritoryLevel::epci;
  if (text == "arrondissement") return TerritoryLevel::arrondissement;
  if (text == "department" || text == "departement") return TerritoryLevel::department;
  if (text == "region") return TerritoryLevel::region;
  if (text == "zone") return TerritoryLevel::zone;
  throw InputError("unknown territory level '" + std::string(text) +
                   "': expected commune, epci, arrondissement, department, region or zone");
}

std::shared_ptr<const Territories> Territories::load(const std::filesystem::path& dir,
                                                     const std::filesystem::path& zones_csv) {
  if (zones_csv.empty()) return load_with_zones_text(dir, {});
  std::ostringstream zones_text;
  zones_text << open_input(zones_csv, "employment-zone table", true).rdbuf();
  auto territories = read_communes((dir.empty() ? data_dir() : dir) / "communes.csv", {});
  territories->apply_zones(zones_text.str(), zones_csv.string());
  return territories;
}

std::shared_ptr<const Territories> Territories::load_with_zones_text(const std::filesystem::path& dir,
                                                                     std::string_view zones_csv_text) {
  const auto path = (dir.empty() ? data_dir() : dir) / "communes.csv";
  // Tables are immutable once loaded: load each (file, zones) pair once per process.
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const Territories>> cache;
  std::lock_guard lock(mutex);
  auto& cached = cache[{path.string(), std::string(zones_csv_text)}];
  if (!cached) cached = read_communes(path, zones_csv_text);
  return cached;
}

std::shared_ptr<Territories> Territories::read_communes(const std::filesystem::path& path,
                                                        std::string_view zones_csv_text) {
  auto in = open_input(path, "commune table", true);
  auto territories = std::make_shared<Territories>();
  for_each_row(in, path.string(),
               {"code", "nom", "lon", "lat", "population", "departement", "region", "arrondissement", "epci",
                "zone", "parent"},
               [&](const std::vector<std::string_view>& fields, const std::vector<std::size_t>& col) {
                 Commune c;
                 c.code = fields[col[0]];
                 c.name = fields[col[1]];
                 c.lon = parse_double_or_nan(fields[col[2]]);
                 c.lat = parse_double_or_nan(fields[col[3]]);
                 const double population = parse_double_or_nan(fields[col[4]]);
                 c.population = population > 0 ? static_cast<std::uint32_t>(population) : 0;
                 c.department = fields[col[5]];
                 c.region = fields[col[6]];
                 c.arrondissement = fields[col[7]];
                 c.epci = fields[col[8]];
                 c.zone = fields[col[9]];
                 c.parent = fields[col[10]];
                 c.overseas = c.zone != "metro";
                 territories->communes_.push_back(std::move(c));
               });
  std::sort(territories->communes_.begin(), territories->communes_.end(),
            [](const Commune& a, const Commune& b) { return a.code < b.code; });
  territories->build_code_index();
  territories->read_centroids(path.parent_path() / "commune_centroids.csv");
  if (!zones_csv_text.empty()) territories->apply_zones(zones_csv_text, "the zones table");
  return territories;
}

// Optional code,lon,lat table (see data/README.md); communes it lacks keep their own point.
void Territories::read_centroids(const std::filesystem::path& path) {
  for (auto& c : communes_) {
    c.centroid_lon = c.lon;
    c.centroid_lat = c.lat;
  }
  if (!std::filesystem::exists(path)) return;
  auto in = open_input(path, "commune centroid table", true);
  for_each_row(in, path.string(), {"code", "lon", "lat"},
               [&](const std::vector<std::string_view>& fields, const std::vector<std::size_t>& col) {
                 if (auto index = find_commune(fields[col[0]])) {
                   communes_[*index].centroid_lon = parse_double_or_nan(fields[col[1]]);
                   communes_[*index].centroid_lat = parse_double_or_nan(fields[col[2]]);
                 }
               });
}

void Territories::apply_zones(std::string_view zones_csv_text, const std::string& source) {
  std::map<std::string, std::string, std::less<>> names;
  std::istringstream zones_csv{std::string(zones_csv_text)};
  for_each_row(zones_csv, source, {"CODGEO", "ZE2020", "LIBZE2020"},
               [&](const std::vector<std::string_view>& fields, const std::vector<std::size_t>& col) {
                 names[std::string(fields[col[1]])] = fields[col[2]];
                 if (auto i = find_commune(fields[col[0]])) communes_[*i].employment_zone = fields[col[1]];
               });
  for (auto& c : communes_)  // arrondissements municipaux inherit their city's zone
    if (c.employment_zone.empty() && !c.parent.empty())
      if (auto p = find_commune(c.parent)) c.employment_zone = communes_[*p].employment_zone;
  zone_names_.assign(names.begin(), names.end());
  zones_text_ = std::string(zones_csv_text);
}

namespace {
// "41194" → 41194, "2A004" → 100004, "2B033" → 101033; -1 when not a commune-shaped code.
long code_key(std::string_view code) {
  if (code.size() != 5) return -1;
  long key = 0;
  for (std::size_t i = 2; i < 5; ++i) {
    if (code[i] < '0' || code[i] > '9') return -1;
    key = key * 10 + (code[i] - '0');
  }
  if (code[0] == '2' && (code[1] == 'A' || code[1] == 'B')) return (code[1] == 'A' ? 100 : 101) * 1000 + key;
  if (code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return -1;
  return ((code[0] - '0') * 10 + (code[1] - '0')) * 1000 + key;
}
constexpr long kKeyCount = 102 * 1000;
}  // namespace

void Territories::build_code_index() {
  code_index_.assign(kKeyCount, UINT32_MAX);
  for (std::uint32_t i = 0; i < communes_.size(); ++i)
    if (const long key = code_key(communes_[i].code); key >= 0)
      code_index_[static_cast<std::size_t>(key)] = i;
}

std::optional<std::uint32_t> Territories::find_commune(std::string_view insee_code) const {
  if (!code_index_.empty()) {
    const long key = code_key(insee_code);
    if (key < 0) return std::nullopt;
    const auto index = code_index_[static_cast<std::size_t>(key)];
    if (index == UINT32_MAX) return std::nullopt;
    return index;
  }
  auto it = std::lower_bound(communes_.begin(), communes_.end(), insee_code,
                             [](const Commune& c, std::string_view k) { return c.code < k; });
  if (it == communes_.end() || it->code != insee_code) return std::nullopt;
  return static_cast<std::uint32_t>(it - communes_.begin());
}

const std::string& Territories::key(std::uint32_t commune, TerritoryLevel level) const {
  static const std::string empty;
  if (commune >= communes_.size()) return empty;
  static constexpr std::array<std::string Commune::*, 6> kKeys = {
      &Commune::code,       &Commune::epci,   &Commune::arrondissement,
      &Commune::department, &Commune::region, &Commune::employment_zone};  // by TerritoryLevel
  return communes_[commune].*kKeys[static_cast<std::size_t>(level)];
}

const std::string& Territories::zone_name(std::string_view zone_code) const {
  static const std::string empty;
  auto it = std::lower_bound(zone_names_.begin(), zone_names_.end(), zone_code,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  return it != zone_names_.end() && it->first == zone_code ? it->second : empty;
}

Territories::Partition Territories::partition(TerritoryLevel level) const {
  Partition p;
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < communes_.size(); ++i) {
    const std::string& k = key(i, level);
    if (!k.empty()) index.emplace(k, 0);
  }
  for (auto& [code, id] : index) {
    id = static_cast<std::uint32_t>(p.zone_codes.size());
    p.zone_codes.push_back(code);
  }
  p.zone_of_commune.resize(communes_.size(), UINT32_MAX);
  for (std::uint32_t i = 0; i < communes_.size(); ++i) {
    const std::string& k = key(i, level);
    if (!k.empty()) p.zone_of_commune[i] = index.at(k);
  }
  return p;
}

}  // namespace grappe
