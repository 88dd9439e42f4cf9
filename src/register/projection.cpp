#include "grappe/register/projection.hpp"

#include <proj.h>

#include <cmath>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe {

Projection projection_of_commune(std::string_view code) {
  if (code.size() < 3 || code[0] != '9' || (code[1] != '7' && code[1] != '8')) return Projection::lambert93;
  if (code[1] == '8') return Projection::none;
  switch (code[2]) {
    case '1':
    case '2':
    case '7':
    case '8':
      return Projection::antilles;
    case '3':
      return Projection::guyane;
    case '4':
      return Projection::reunion;
    case '5':
      return Projection::saint_pierre;
    case '6':
      return Projection::mayotte;
    default:
      return Projection::none;
  }
}

bool is_overseas_commune(std::string_view code) {
  return projection_of_commune(code) != Projection::lambert93;
}

int epsg_of(Projection projection) {
  switch (projection) {
    case Projection::lambert93:
      return 2154;
    case Projection::antilles:
      return 5490;
    case Projection::guyane:
      return 2972;
    case Projection::reunion:
      return 2975;
    case Projection::saint_pierre:
      return 4467;
    case Projection::mayotte:
      return 4471;
    case Projection::none:
      break;
  }
  return 0;
}

Projector::Projector() : context_(proj_context_create()) {
  if (!context_) throw Error("PROJ cannot create a context");
}

Projector::~Projector() {
  for (auto* t : transforms_)
    if (t) proj_destroy(t);
  for (auto& [epsg, t] : by_epsg_)
    if (t) proj_destroy(t);
  proj_context_destroy(context_);
}

PJ* Projector::transform(Projection projection) {
  auto& slot = transforms_[static_cast<std::size_t>(projection)];
  if (slot) return slot;
  const std::string from = "EPSG:" + std::to_string(epsg_of(projection));
  PJ* raw = proj_create_crs_to_crs(context_, from.c_str(), "EPSG:4326", nullptr);
  if (!raw)
    throw Error("PROJ cannot create the " + from + " → EPSG:4326 transformation (is proj.db installed?)");
  slot = proj_normalize_for_visualization(context_, raw);  // lon, lat axis order
  proj_destroy(raw);
  if (!slot) throw Error("PROJ cannot normalise the " + from + " → EPSG:4326 transformation");
  return slot;
}

void Projector::to_wgs84(Projection projection, std::size_t n, const double* x, const double* y, double* lon,
                         double* lat) {
  if (n == 0) return;
  if (projection == Projection::none) {
    for (std::size_t i = 0; i < n; ++i) lon[i] = lat[i] = NAN;
    return;
  }
  PJ* t = transform(projection);
  for (std::size_t i = 0; i < n; ++i) {
    lon[i] = x[i];
    lat[i] = y[i];
  }
  proj_trans_generic(t, PJ_FWD, lon, sizeof(double), n, lat, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(lon[i]) || !std::isfinite(lat[i]) || std::abs(lon[i]) > 180 || std::abs(lat[i]) > 90)
      lon[i] = lat[i] = NAN;
}

}  // namespace grappe

namespace grappe {

void Projector::from_wgs84(Projection projection, std::size_t n, const double* lon, const double* lat,
                           double* x, double* y) {
  if (n == 0) return;
  if (projection == Projection::none) {
    for (std::size_t i = 0; i < n; ++i) x[i] = y[i] = NAN;
    return;
  }
  PJ* t = transform(projection);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = lon[i];
    y[i] = lat[i];
  }
  proj_trans_generic(t, PJ_INV, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) x[i] = y[i] = NAN;
}

void Projector::epsg_to_wgs84(int epsg, double x, double y, double& lon, double& lat) {
  lon = lat = NAN;
  auto it = by_epsg_.find(epsg);
  if (it == by_epsg_.end()) {
    const std::string from = "EPSG:" + std::to_string(epsg);
    PJ* raw = proj_create_crs_to_crs(context_, from.c_str(), "EPSG:4326", nullptr);
    PJ* normalised = raw ? proj_normalize_for_visualization(context_, raw) : nullptr;
    if (raw) proj_destroy(raw);
    it = by_epsg_.emplace(epsg, normalised).first;  // nullptr: unknown code, remembered
  }
  if (!it->second) return;
  PJ_COORD c = proj_coord(x, y, 0, 0);
  c = proj_trans(it->second, PJ_FWD, c);
  if (std::isfinite(c.lp.lam) && std::isfinite(c.lp.phi) && std::abs(c.lp.lam) <= 180 &&
      std::abs(c.lp.phi) <= 90) {
    lon = c.lp.lam;
    lat = c.lp.phi;
  }
}

}  // namespace grappe
