#pragma once
// INSEE's geolocation file for statistical studies
// (GeolocalisationEtablissement_Sirene_pour_etudes_statistiques_utf8.csv): one row per siret,
// ';'-separated, with x, y in the system of its `epsg` column (2154 in mainland France, UTM
// systems overseas) and, in recent files, y_latitude / x_longitude in WGS 84. Read whole into a
// table sorted by siret (16 bytes a row) that the ingest joins by siret.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace grappe {

class GeolocationTable {
 public:
  struct Entry {
    std::uint64_t siret;
    float lon, lat;  // WGS84
  };
  // Columns matched by name: siret and either y_latitude + x_longitude or x + y + epsg.
  // Rows with a bad siret or no usable point are skipped (counted in skipped()).
  static GeolocationTable read(const std::filesystem::path& path, std::size_t block_bytes, bool strict);
  const Entry* find(std::uint64_t siret) const;
  std::size_t size() const { return entries_.size(); }
  std::uint64_t skipped() const { return skipped_; }
  std::uint64_t converted_lines() const { return converted_lines_; }

 private:
  std::vector<Entry> entries_;
  std::uint64_t skipped_ = 0, converted_lines_ = 0;
};

}  // namespace grappe
