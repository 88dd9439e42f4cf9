#pragma once
// `grappe measure`: location quotients per group × territory, Ellison–Glaeser and Maurel–Sédillot
// γ per group, and optionally EG co-agglomeration of every pair of groups, as one tidy table
// (formulas in concentration.hpp). The economy is every active establishment whose commune is
// known at the chosen territorial level.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "grappe/measure/groups.hpp"
#include "grappe/register/register.hpp"

namespace grappe::measure {

struct TerritorialOptions {
  TerritoryLevel territory = TerritoryLevel::department;
  bool by_employment = true;        // sizes = headcount midpoints; false: every establishment counts 1
  bool location_quotients = true;   // one row per group × territory where the group is present
  bool coagglomeration = false;     // one row per pair of groups
};

// One tidy row: measure ∈ {establishments, employment, herfindahl, raw_concentration, gamma_eg,
// gamma_ms, lq, eg_coagglomeration}; territory is empty for whole-country measures.
struct MeasureRow {
  std::string group_kind, group, label, territory_level, territory, measure;
  double value = 0;
  std::uint64_t establishments = 0;  // of the group (in the territory for lq rows)
  double employment = 0;
};

const char* territory_level_name(TerritoryLevel level);

std::vector<MeasureRow> territorial_measures(const Register& reg, const std::vector<EstablishmentGroup>& groups,
                                             const TerritorialOptions& options);
void write_measures_csv(const std::filesystem::path& path, const std::vector<MeasureRow>& rows);

}  // namespace grappe::measure
