// The CSV and GeoPackage writers of `grappe export` (GeoPackage through GDAL's OGR C API).
#include "grappe/register/export.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe {
namespace {

const char* const kColumns[] = {"siret",
                                "siren",
                                "name",
                                "legal_unit",
                                "naf",
                                "naf_label",
                                "naf2025",
                                "naf2025_label",
                                "commune",
                                "commune_name",
                                "headcount_band",
                                "created",
                                "head_office",
                                "address",
                                "lon",
                                "lat",
                                "x",
                                "y",
                                "position_source"};
constexpr int kColumnCount = sizeof kColumns / sizeof kColumns[0];
// lon, lat, x, y are numbers (a negative longitude is no formula); the other columns are text.
bool is_number_column(std::string_view name) {
  return name == "lon" || name == "lat" || name == "x" || name == "y";
}

// One row's values, as text, in kColumns order (numbers empty when unknown).
std::vector<std::string> values_of(const Register& reg, std::uint32_t row) {
  auto number = [](double v, const char* format) {
    if (!std::isfinite(v)) return std::string();
    char text[32];
    std::snprintf(text, sizeof text, format, v);
    return std::string(text);
  };
  const auto commune = reg.commune()[row];
  const auto* unit = reg.find_legal_unit(reg.siren()[row]);
  const bool withheld = reg.non_diffusible(row);
  const auto sector = reg.sector()[row];
  const auto naf25 = reg.naf25(row);
  char siret[16], siren[10];
  std::snprintf(siret, sizeof siret, "%014llu", static_cast<unsigned long long>(reg.siret()[row]));
  std::snprintf(siren, sizeof siren, "%09u", reg.siren()[row]);
  return {siret,
          siren,
          std::string(reg.display_name(row)),
          unit ? unit->name : std::string(),
          reg.naf().code(sector),
          reg.naf().label(sector),
          naf25 == kNoSector ? std::string() : reg.naf2025().code(naf25),
          naf25 == kNoSector ? std::string() : reg.naf2025().label(naf25),
          commune == kNoCommune ? std::string() : reg.territories().commune(commune).code,
          commune == kNoCommune ? std::string() : reg.territories().commune(commune).name,
          std::string(kBands[reg.headcount_band()[row]]),
          format_date(reg.created()[row]),
          (reg.flags()[row] & kHeadOffice) ? "true" : "false",
          withheld && reg.address(row).empty() ? "non diffusible" : std::string(reg.address(row)),
          number(reg.lon()[row], "%.6f"),
          number(reg.lat()[row], "%.6f"),
          number(reg.x()[row], "%.2f"),
          number(reg.y()[row], "%.2f"),
          position_source_name(reg.position_source(row))};
}

void write_csv(const Register& reg, const std::vector<std::uint32_t>& rows,
               const std::filesystem::path& path) {
  auto out = open_output(path, "CSV file", true);
  for (int c = 0; c < kColumnCount; ++c) out << (c ? "," : "") << kColumns[c];
  out << '\n';
  bool number[kColumnCount];
  for (int c = 0; c < kColumnCount; ++c) number[c] = is_number_column(kColumns[c]);
  for (auto row : rows) {
    const auto values = values_of(reg, row);
    for (int c = 0; c < kColumnCount; ++c) {
      const auto& value = values[static_cast<std::size_t>(c)];
      out << (c ? "," : "") << (number[c] ? value : csv_field(value));
    }
    out << '\n';
  }
  if (!out) throw Error("cannot write " + path.string() + " (disk full?)");
}

void write_gpkg(const Register& reg, const std::vector<std::uint32_t>& rows,
                const std::filesystem::path& path) {
  GDALAllRegister();
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  if (!driver) throw Error("GDAL has no GeoPackage driver");
  std::filesystem::remove(path);
  GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw InputError("cannot create the GeoPackage " + path.string());
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4326);
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayerH layer = GDALDatasetCreateLayer(ds, "establishments", srs, wkbPoint, nullptr);
  OSRDestroySpatialReference(srs);
  if (!layer) {
    GDALClose(ds);
    throw Error("GDAL could not create the layer 'establishments' in " + path.string());
  }
  for (const char* name : kColumns) {
    OGRFieldDefnH defn = OGR_Fld_Create(name, OFTString);
    OGR_L_CreateField(layer, defn, TRUE);
    OGR_Fld_Destroy(defn);
  }
  GDALDatasetStartTransaction(ds, FALSE);  // one transaction: thousands of rows a second
  for (auto row : rows) {
    const auto values = values_of(reg, row);
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    for (int c = 0; c < kColumnCount; ++c)
      OGR_F_SetFieldString(f, c, values[static_cast<std::size_t>(c)].c_str());
    if (std::isfinite(reg.lon()[row]) && std::isfinite(reg.lat()[row])) {
      OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
      OGR_G_SetPoint_2D(point, 0, reg.lon()[row], reg.lat()[row]);
      OGR_F_SetGeometryDirectly(f, point);
    }
    const OGRErr err = OGR_L_CreateFeature(layer, f);
    OGR_F_Destroy(f);
    if (err != OGRERR_NONE) {
      GDALClose(ds);
      throw Error("GDAL could not write an establishment to " + path.string());
    }
  }
  GDALDatasetCommitTransaction(ds);
  GDALClose(ds);
}

}  // namespace

void export_establishments(const Register& reg, const std::vector<std::uint32_t>& rows,
                           const std::filesystem::path& path) {
  if (path.extension() == ".gpkg")
    write_gpkg(reg, rows, path);
  else
    write_csv(reg, rows, path);
}

}  // namespace grappe
