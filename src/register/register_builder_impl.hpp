#pragma once
// RegisterBuilder's state, shared by builder.cpp (in memory) and register_writer.cpp (files).
#include <filesystem>
#include <optional>

#include "register_storage.hpp"

namespace grappe {

struct RegisterBuilder::Impl {
  std::shared_ptr<const Naf> naf, naf2025;
  std::shared_ptr<const Territories> territories;
  EstablishmentColumns rows;  // rows not yet spilled
  std::vector<LegalUnitRecord> legal_units;
  std::vector<SuccessionLink> successions;
  std::size_t run_rows = 4'000'000;
  std::size_t total_rows = 0;
  std::uint64_t name_bytes = 0, address_bytes = 0;
  std::optional<std::filesystem::path> spill_path_base;
  std::vector<std::filesystem::path> runs;
  std::vector<CommunePoint> commune_points;

  void sort_side_tables();
  void reserve_run();  // room for run_rows rows, so that columns never reallocate
  void spill_run();    // sorts `rows` and appends them to a new run file
  void remove_runs();
};

// Gives a row waiting for its commune's point (position bits `commune`, x NaN) that point, or
// clears its position when the commune has none.
template <class Float>
void place_at_commune(const std::vector<CommunePoint>& points, std::uint32_t commune, double& x, double& y,
                      Float& lon, Float& lat, std::uint8_t& flags) {
  if (((flags & kPositionBits) >> kPositionShift) != static_cast<int>(PositionSource::commune) ||
      std::isfinite(x))
    return;
  if (commune < points.size() && std::isfinite(points[commune].x)) {
    const auto& p = points[commune];
    x = p.x;
    y = p.y;
    lon = static_cast<Float>(p.lon);
    lat = static_cast<Float>(p.lat);
  } else {
    flags = static_cast<std::uint8_t>(flags & ~kPositionBits);
  }
}

}  // namespace grappe
