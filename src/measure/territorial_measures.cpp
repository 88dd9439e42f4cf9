#include "grappe/measure/territorial_measures.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/measure/concentration.hpp"

namespace grappe::measure {

const char* territory_level_name(TerritoryLevel level) {
  switch (level) {
    case TerritoryLevel::commune: return "commune";
    case TerritoryLevel::epci: return "epci";
    case TerritoryLevel::arrondissement: return "arrondissement";
    case TerritoryLevel::department: return "department";
    case TerritoryLevel::region: return "region";
    case TerritoryLevel::zone: return "zone";
  }
  return "department";
}

namespace {

struct AreaOfRow {
  std::vector<std::uint32_t> area;  // per register row, UINT32_MAX when unknown
  std::vector<std::string> codes;
};

AreaOfRow areas_of_rows(const Register& reg, TerritoryLevel level) {
  auto partition = reg.territories().partition(level);
  AreaOfRow result;
  result.codes = std::move(partition.zone_codes);
  result.area.assign(reg.size(), UINT32_MAX);
  const auto commune = reg.commune();
  for (std::size_t row = 0; row < reg.size(); ++row)
    if (commune[row] != kNoCommune && commune[row] < partition.zone_of_commune.size())
      result.area[row] = partition.zone_of_commune[commune[row]];
  return result;
}

}  // namespace

std::vector<MeasureRow> territorial_measures(const Register& reg, const std::vector<EstablishmentGroup>& groups,
                                             const TerritorialOptions& options) {
  const AreaOfRow areas = areas_of_rows(reg, options.territory);
  const auto flags = reg.flags();
  const auto headcount = reg.headcount();
  auto size_of = [&](std::size_t row) { return options.by_employment ? double(headcount[row]) : 1.0; };
  std::vector<double> economy(areas.codes.size(), 0.0);
  for (std::size_t row = 0; row < reg.size(); ++row)
    if ((flags[row] & kActive) && areas.area[row] != UINT32_MAX) economy[areas.area[row]] += size_of(row);
  const EconomyShares shares = EconomyShares::from_employment(std::move(economy));
  const std::string level = territory_level_name(options.territory);

  std::vector<MeasureRow> rows;
  std::vector<GroupShares> group_shares;
  for (const auto& group : groups) {
    std::vector<std::uint32_t> area;
    std::vector<double> size;
    for (auto row : group.rows)
      if (areas.area[row] != UINT32_MAX) area.push_back(areas.area[row]), size.push_back(size_of(row));
    GroupShares g = GroupShares::from_establishments(area, size);
    auto c = concentration(g, shares);
    auto add = [&](const char* measure, double value) {
      rows.push_back({group.kind, group.code, group.label, level, "", measure, value, g.establishments, g.total});
    };
    add("establishments", double(g.establishments));
    add("employment", g.total);
    add("herfindahl", c.herfindahl);
    add("raw_concentration", c.raw_concentration);
    add("gamma_eg", c.gamma_eg);
    add("gamma_ms", c.gamma_ms);
    if (options.location_quotients) {
      auto lq = location_quotients(g, shares);
      std::vector<std::uint64_t> counts(g.areas.size(), 0);
      for (auto a : area) counts[std::lower_bound(g.areas.begin(), g.areas.end(), a) - g.areas.begin()]++;
      for (std::size_t k = 0; k < g.areas.size(); ++k)
        rows.push_back({group.kind, group.code, group.label, level, areas.codes[g.areas[k]], "lq", lq[k], counts[k], g.employment[k]});
    }
    group_shares.push_back(std::move(g));
  }
  if (options.coagglomeration)
    for (std::size_t i = 0; i < groups.size(); ++i)
      for (std::size_t j = i + 1; j < groups.size(); ++j)
        rows.push_back({groups[i].kind, groups[i].code + "|" + groups[j].code, groups[i].label + " | " + groups[j].label, level, "",
                        "eg_coagglomeration", coagglomeration(group_shares[i], group_shares[j], shares),
                        group_shares[i].establishments + group_shares[j].establishments,
                        group_shares[i].total + group_shares[j].total});
  return rows;
}

void write_measures_csv(const std::filesystem::path& path, const std::vector<MeasureRow>& rows) {
  auto out = open_output(path, "measures file");
  out << "group_kind,group,label,territory_level,territory,measure,value,establishments,employment\n";
  for (const auto& r : rows)
    out << r.group_kind << ',' << csv_field(r.group) << ',' << csv_field(r.label) << ',' << r.territory_level << ','
        << csv_field(r.territory) << ',' << r.measure << ',' << (std::isnan(r.value) ? "NaN" : fmt::format("{:.12g}", r.value))
        << ',' << r.establishments << ',' << fmt::format("{:.12g}", r.employment) << '\n';
  check_written(out, path, "measures file");
}

}  // namespace grappe::measure
