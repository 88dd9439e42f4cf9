#include "geolocation.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <cmath>

#include "grappe/common/error.hpp"
#include "grappe/register/csv_reader.hpp"
#include "grappe/register/projection.hpp"
#include "grappe/register/sirene.hpp"

namespace grappe {
namespace {

enum GeoColumn : std::size_t { kSiret, kLatitude, kLongitude, kX, kY, kEpsg };
const std::vector<std::string_view> kGeoColumns = {"siret", "y_latitude", "x_longitude", "x", "y", "epsg"};
constexpr std::size_t kAbsent = SIZE_MAX;

bool number(std::string_view s, double& value) {
  const auto r = fast_float::from_chars(s.data(), s.data() + s.size(), value);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(value);
}

std::string_view at(const std::vector<std::string_view>& fields, std::size_t index) {
  return index < fields.size() ? fields[index] : std::string_view{};
}

// The row's point in WGS84: its latitude/longitude columns, else x/y converted from its epsg.
bool point_of(const std::vector<std::string_view>& fields, const std::vector<std::size_t>& col,
              Projector& projector, double& lon, double& lat) {
  if (number(at(fields, col[kLongitude]), lon) && number(at(fields, col[kLatitude]), lat))
    return std::abs(lon) <= 180 && std::abs(lat) <= 90;
  double x, y, epsg;
  if (!number(at(fields, col[kX]), x) || !number(at(fields, col[kY]), y) ||
      !number(at(fields, col[kEpsg]), epsg))
    return false;
  projector.epsg_to_wgs84(static_cast<int>(epsg), x, y, lon, lat);
  return std::isfinite(lon);
}

}  // namespace

GeolocationTable GeolocationTable::read(const std::filesystem::path& path, std::size_t block_bytes,
                                        bool strict) {
  CsvBlockReader reader(path, block_bytes, strict ? EncodingPolicy::refuse : EncodingPolicy::convert);
  const auto col = match_columns(reader.header(), kGeoColumns, 1, path.string());
  const bool has_wgs84 = col[kLatitude] != kAbsent && col[kLongitude] != kAbsent;
  const bool has_xy = col[kX] != kAbsent && col[kY] != kAbsent && col[kEpsg] != kAbsent;
  if (!has_wgs84 && !has_xy)
    throw InputError(path.string() +
                     " lacks its position columns: y_latitude and x_longitude, or x, y and epsg");
  GeolocationTable table;
  Projector projector;
  CsvBlock block;
  std::vector<std::string_view> fields;
  while (reader.next(block)) {
    char* p = block.bytes.data();
    char* end = p + block.size;
    while (p < end) {
      std::uint64_t newlines = 0;
      p = split_record(p, end, fields, newlines, reader.delimiter());
      if (fields.size() == 1 && fields[0].empty()) continue;
      const auto siret = at(fields, col[kSiret]);
      double lon, lat;
      if (!valid_siret(siret) || !point_of(fields, col, projector, lon, lat)) {
        ++table.skipped_;
        continue;
      }
      std::uint64_t value = 0;
      for (char c : siret) value = value * 10 + static_cast<std::uint64_t>(c - '0');
      table.entries_.push_back({value, static_cast<float>(lon), static_cast<float>(lat)});
    }
  }
  table.converted_lines_ = reader.converted_lines();
  std::sort(table.entries_.begin(), table.entries_.end(),
            [](const Entry& a, const Entry& b) { return a.siret < b.siret; });
  return table;
}

const GeolocationTable::Entry* GeolocationTable::find(std::uint64_t siret) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), siret,
                             [](const Entry& e, std::uint64_t s) { return e.siret < s; });
  return it != entries_.end() && it->siret == siret ? &*it : nullptr;
}

}  // namespace grappe
