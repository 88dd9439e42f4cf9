#include "grappe/register/projection.hpp"

#include <proj.h>

#include <array>
#include <cmath>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe {

Projection projection_of_commune(std::string_view code) {
  if (code.size() < 3 || code[0] != '9' || (code[1] != '7' && code[1] != '8')) return Projection::lambert93;
  if (code[1] == '8' || code[2] < '0' || code[2] > '9') return Projection::none;
  using enum Projection;  // by the third digit of a 97x code
  static constexpr std::array<Projection, 10> kOverseas = {
      none, antilles, antilles, guyane, reunion, saint_pierre, mayotte, antilles, antilles, none};
  return kOverseas[static_cast<std::size_t>(code[2] - '0')];
}

int epsg_of(Projection projection) {
  static constexpr std::array<int, 7> kEpsg = {2154, 5490, 2972, 2975, 4467, 4471, 0};  // by Projection
  return kEpsg[static_cast<std::size_t>(projection)];
}

namespace {

// EPSG:epsg → EPSG:4326 with lon, lat axis order; nullptr when PROJ has no such transformation.
PJ* create_to_wgs84(PJ_CONTEXT* context, int epsg) {
  const std::string from = "EPSG:" + std::to_string(epsg);
  PJ* raw = proj_create_crs_to_crs(context, from.c_str(), "EPSG:4326", nullptr);
  if (!raw) return nullptr;
  PJ* normalised = proj_normalize_for_visualization(context, raw);
  proj_destroy(raw);
  return normalised;
}

bool is_wgs84(double lon, double lat) {
  return std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 180 && std::abs(lat) <= 90;
}

bool is_finite(double x, double y) { return std::isfinite(x) && std::isfinite(y); }

// (out_a, out_b) = (a, b) through `t` in `direction` (t null: no projection); a point that PROJ
// cannot transform or that `valid` refuses becomes NaN.
void transform_points(PJ* t, PJ_DIRECTION direction, std::size_t n, const double* a, const double* b,
                      double* out_a, double* out_b, bool (*valid)(double, double)) {
  for (std::size_t i = 0; i < n; ++i) out_a[i] = a[i], out_b[i] = b[i];
  if (t)
    proj_trans_generic(t, direction, out_a, sizeof(double), n, out_b, sizeof(double), n, nullptr, 0, 0,
                       nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (!t || !valid(out_a[i], out_b[i])) out_a[i] = out_b[i] = NAN;
}

}  // namespace

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
  slot = create_to_wgs84(context_, epsg_of(projection));
  if (!slot)
    throw Error("PROJ cannot create the EPSG:" + std::to_string(epsg_of(projection)) +
                " → EPSG:4326 transformation (is proj.db installed?)");
  return slot;
}

void Projector::to_wgs84(Projection projection, std::size_t n, const double* x, const double* y, double* lon,
                         double* lat) {
  if (n == 0) return;
  PJ* t = projection == Projection::none ? nullptr : transform(projection);
  transform_points(t, PJ_FWD, n, x, y, lon, lat, is_wgs84);
}

void Projector::from_wgs84(Projection projection, std::size_t n, const double* lon, const double* lat,
                           double* x, double* y) {
  if (n == 0) return;
  PJ* t = projection == Projection::none ? nullptr : transform(projection);
  transform_points(t, PJ_INV, n, lon, lat, x, y, is_finite);
}

void Projector::epsg_to_wgs84(int epsg, double x, double y, double& lon, double& lat) {
  auto it = by_epsg_.find(epsg);
  if (it == by_epsg_.end())
    it = by_epsg_.emplace(epsg, create_to_wgs84(context_, epsg)).first;  // nullptr: unknown code, remembered
  transform_points(it->second, PJ_FWD, 1, &x, &y, &lon, &lat, is_wgs84);
}

}  // namespace grappe
