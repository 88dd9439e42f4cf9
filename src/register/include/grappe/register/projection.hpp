#pragma once
// SIRENE coordinates → WGS84 with PROJ. Metropolitan establishments are in Lambert-93
// (EPSG:2154); the overseas ones in their territory's UTM system, chosen by commune code
// (INSEE, "Description des fichiers de la base Sirene"):
//   971 Guadeloupe, 972 Martinique, 977 Saint-Barthélemy, 978 Saint-Martin → EPSG:5490 (RGAF09 / UTM 20N)
//   973 Guyane → EPSG:2972 (RGFG95 / UTM 22N)      974 La Réunion → EPSG:2975 (RGR92 / UTM 40S)
//   975 Saint-Pierre-et-Miquelon → EPSG:4467 (RGSPM06 / UTM 21N)   976 Mayotte → EPSG:4471 (RGM04 / UTM 38S)
// PROJ contexts are not thread-safe: use one Projector per thread.
#include <array>
#include <cstdint>
#include <map>
#include <string_view>

struct pj_ctx;
struct PJconsts;

namespace grappe {

enum class Projection : std::uint8_t { lambert93, antilles, guyane, reunion, saint_pierre, mayotte, none };

// The projection of a commune's SIRENE coordinates; `none` for other 97x/98x codes.
Projection projection_of_commune(std::string_view commune_code);
int epsg_of(Projection projection);

class Projector {
 public:
  Projector();
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  // Converts n points in place: x[i], y[i] (metres) → lon[i], lat[i] (degrees); NaN on failure.
  void to_wgs84(Projection projection, std::size_t n, const double* x, const double* y, double* lon,
                double* lat);
  // The inverse: lon[i], lat[i] (degrees) → x[i], y[i] in the projection; NaN on failure.
  void from_wgs84(Projection projection, std::size_t n, const double* lon, const double* lat, double* x,
                  double* y);
  // One point given in any EPSG system (INSEE's geolocation file) → WGS84; NaN when unknown.
  void epsg_to_wgs84(int epsg, double x, double y, double& lon, double& lat);

 private:
  PJconsts* transform(Projection projection);
  pj_ctx* context_ = nullptr;
  std::array<PJconsts*, 6> transforms_{};
  std::map<int, PJconsts*> by_epsg_;
};

}  // namespace grappe
