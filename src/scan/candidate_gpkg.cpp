// GeoPackage output through GDAL's OGR C API: layers "candidates" (footprints, MultiPolygon),
// "centers" (Point) and "members" (Point), all in WGS84 (EPSG:4326); opens in QGIS.
#include <fmt/format.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "grappe/common/error.hpp"
#include "grappe/scan/candidate_io.hpp"

namespace grappe {

namespace {

struct Fields {
  const char* name;
  OGRFieldType type;
};

OGRLayerH create_layer(GDALDatasetH ds, const char* name, OGRwkbGeometryType type, OGRSpatialReferenceH srs,
                       std::initializer_list<Fields> fields) {
  OGRLayerH layer = GDALDatasetCreateLayer(ds, name, srs, type, nullptr);
  if (!layer) throw Error(fmt::format("GDAL could not create the layer '{}'.", name));
  for (const auto& f : fields) {
    OGRFieldDefnH defn = OGR_Fld_Create(f.name, f.type);
    OGR_L_CreateField(layer, defn, TRUE);
    OGR_Fld_Destroy(defn);
  }
  return layer;
}

void add_feature(OGRLayerH layer, OGRGeometryH geometry, const std::function<void(OGRFeatureH)>& fill) {
  OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
  fill(feature);
  OGR_F_SetGeometryDirectly(feature, geometry);
  const OGRErr err = OGR_L_CreateFeature(layer, feature);
  OGR_F_Destroy(feature);
  if (err != OGRERR_NONE) throw Error("GDAL could not write a feature to the GeoPackage.");
}

OGRGeometryH point(double lon, double lat) {
  OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
  OGR_G_SetPoint_2D(g, 0, lon, lat);
  return g;
}

void fill_candidate(OGRFeatureH f, const Candidate& c) {
  OGR_F_SetFieldInteger(f, 0, c.rank);
  OGR_F_SetFieldDouble(f, 1, c.score);
  OGR_F_SetFieldDouble(f, 2, c.p_value);
  OGR_F_SetFieldDouble(f, 3, c.q_value);
  OGR_F_SetFieldString(f, 4, c.trade.c_str());
  OGR_F_SetFieldString(f, 5, c.trade_name.c_str());
  OGR_F_SetFieldDouble(f, 6, c.radius_m);
  OGR_F_SetFieldInteger(f, 7, static_cast<int>(c.members.size()));
  OGR_F_SetFieldDouble(f, 8, c.lq);
  OGR_F_SetFieldDouble(f, 9, c.rarity);
  OGR_F_SetFieldDouble(f, 10, c.employment);
  OGR_F_SetFieldInteger(f, 11, c.strong ? 1 : 0);
}

}  // namespace

void write_candidates_gpkg(const std::filesystem::path& path, const std::vector<Candidate>& candidates) {
  GDALAllRegister();
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  if (!driver) throw Error("This GDAL has no GeoPackage driver.");
  std::error_code ec;
  std::filesystem::remove(path, ec);
  GDALDatasetH ds = GDALCreate(driver, path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw InputError(SourceLocation{path.string(), 0, "", ""}, "Cannot create the GeoPackage.");
  std::unique_ptr<void, void (*)(void*)> guard(ds, [](void* d) { GDALClose(d); });
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4326);
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  const std::initializer_list<Fields> candidate_fields = {
      {"rank", OFTInteger}, {"score", OFTReal}, {"p_value", OFTReal}, {"q_value", OFTReal},
      {"trade", OFTString}, {"trade_name", OFTString}, {"radius_m", OFTReal}, {"members", OFTInteger},
      {"lq", OFTReal}, {"rarity", OFTReal}, {"employment", OFTReal}, {"strong", OFTInteger}};
  OGRLayerH footprints = create_layer(ds, "candidates", wkbMultiPolygon, srs, candidate_fields);
  OGRLayerH centers = create_layer(ds, "centers", wkbPoint, srs, candidate_fields);
  OGRLayerH members = create_layer(ds, "members", wkbPoint, srs,
                                   {{"rank", OFTInteger}, {"trade", OFTString}, {"siret", OFTString},
                                    {"name", OFTString}, {"address", OFTString}, {"commune", OFTString},
                                    {"headcount", OFTReal}, {"in_footprint", OFTInteger}});
  OSRRelease(srs);
  for (const auto& c : candidates) {
    OGRGeometryH multi = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (const auto& ring_points : c.footprint) {
      OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
      OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
      for (const auto& [lon, lat] : ring_points) OGR_G_AddPoint_2D(ring, lon, lat);
      OGR_G_AddGeometryDirectly(polygon, ring);
      OGR_G_AddGeometryDirectly(multi, polygon);
    }
    add_feature(footprints, multi, [&](OGRFeatureH f) { fill_candidate(f, c); });
    add_feature(centers, point(c.lon, c.lat), [&](OGRFeatureH f) { fill_candidate(f, c); });
    for (const auto& m : c.members)
      add_feature(members, point(m.lon, m.lat), [&](OGRFeatureH f) {
        OGR_F_SetFieldInteger(f, 0, c.rank);
        OGR_F_SetFieldString(f, 1, c.trade.c_str());
        OGR_F_SetFieldString(f, 2, fmt::format("{:014d}", m.siret).c_str());
        OGR_F_SetFieldString(f, 3, m.name.c_str());
        OGR_F_SetFieldString(f, 4, m.address.c_str());
        OGR_F_SetFieldString(f, 5, m.commune.c_str());
        OGR_F_SetFieldDouble(f, 6, m.headcount);
        OGR_F_SetFieldInteger(f, 7, m.in_footprint ? 1 : 0);
      });
  }
}

}  // namespace grappe
