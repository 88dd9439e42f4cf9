#pragma once
// Territories: communes (INSEE codes, incl. the municipal arrondissements of Paris, Lyon and
// Marseille that SIRENE uses) with their EPCI, arrondissement, département and région, from
// data/communes.csv (Licence Ouverte 2.0; points © GeoNames CC-BY 4.0). A user-supplied
// commune → employment-zone table (CODGEO,ZE2020,LIBZE2020) adds the "zone" level.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grappe {

enum class TerritoryLevel { commune, epci, arrondissement, department, region, zone };

// Parses "commune|epci|arrondissement|department|region|zone" (throws InputError otherwise).
TerritoryLevel parse_territory_level(std::string_view text);

struct Commune {
  std::string code, name, department, region, arrondissement, epci;
  std::string zone;             // "metro", "drom" or "com" (communes.csv)
  std::string employment_zone;  // ZE2020 code from the user's zones table, else empty
  std::string parent;           // city of a municipal arrondissement (75056…), else empty
  std::uint32_t population = 0;
  double lon = NAN, lat = NAN;  // WGS84 point when known
  // The commune's centroid (data/commune_centroids.csv), else lon/lat: where an establishment
  // known only by its commune is placed when no located establishment shares the commune.
  double centroid_lon = NAN, centroid_lat = NAN;
  bool overseas = false;  // zone != metro
};

class Territories {
 public:
  // Reads communes.csv from `dir` (default: data_dir()), and optionally a zones table.
  // Municipal arrondissements take the zone of their city when the table lists only the city.
  static std::shared_ptr<const Territories> load(const std::filesystem::path& dir = {},
                                                 const std::filesystem::path& zones_csv = {});
  // Same, with the zones table given as text (a register file keeps the table it was built with).
  static std::shared_ptr<const Territories> load_with_zones_text(const std::filesystem::path& dir,
                                                                 std::string_view zones_csv_text);
  // Employment-zone names (LIBZE2020) by code, when a zones table was given.
  const std::string& zone_name(std::string_view zone_code) const;
  const std::string& zones_text() const { return zones_text_; }  // the table as given, or empty

  std::size_t commune_count() const { return communes_.size(); }
  const Commune& commune(std::uint32_t index) const { return communes_[index]; }
  std::optional<std::uint32_t> find_commune(std::string_view insee_code) const;

  // The key of a commune at a level ("41194" → department "41"), empty when unknown.
  const std::string& key(std::uint32_t commune, TerritoryLevel level) const;

  // Partition of communes at a level: zone index per commune and the zones' codes.
  struct Partition {
    std::vector<std::uint32_t> zone_of_commune;  // UINT32_MAX when the commune has no key
    std::vector<std::string> zone_codes;
  };
  Partition partition(TerritoryLevel level) const;

 private:
  static std::shared_ptr<Territories> read_communes(const std::filesystem::path& path,
                                                    std::string_view zones_csv_text);
  void apply_zones(std::string_view zones_csv_text, const std::string& source);

  void build_code_index();
  void read_centroids(const std::filesystem::path& path);

  std::vector<Commune> communes_;  // sorted by code
  // Commune index by numeric key of its 5-character code (département 01–99, 2A, 2B, then
  // 3 digits): find_commune is on the ingest's hot path, so no string comparisons.
  std::vector<std::uint32_t> code_index_;
  std::vector<std::pair<std::string, std::string>> zone_names_;  // sorted by code
  std::string zones_text_;
};

}  // namespace grappe
