#pragma once
// `grappe export`: establishments of a register as CSV (a spreadsheet) or GeoPackage (QGIS),
// with siret, names, codes, commune, headcount band, position and where it comes from.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "grappe/register/register.hpp"

namespace grappe {

// Writes `rows` (indexes into the register) to `path`: ".gpkg" → a GeoPackage layer
// "establishments" of WGS84 points (rows without a position get no geometry), anything else →
// CSV. Columns: siret, siren, name, legal_unit, naf, naf_label, commune, commune_name,
// headcount_band, created, head_office, address, lon, lat, x, y, position_source.
void export_establishments(const Register& reg, const std::vector<std::uint32_t>& rows,
                           const std::filesystem::path& path);

}  // namespace grappe
