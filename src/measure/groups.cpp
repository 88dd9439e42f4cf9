#include "grappe/measure/groups.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "grappe/common/error.hpp"

namespace grappe::measure {

const char* naf_level_name(NafLevel level) {
  static constexpr std::array<const char*, 5> kNames = {"section", "division", "group", "class", "subclass"};
  return kNames[static_cast<std::size_t>(level)];
}

namespace {

void append_active_rows(const Register& reg, std::uint16_t subclass, std::vector<std::uint32_t>& rows) {
  auto [first, last] = reg.sector_rows(subclass);
  auto flags = reg.flags();
  for (std::size_t row = first; row < last; ++row)
    if (flags[row] & kActive) rows.push_back(static_cast<std::uint32_t>(row));
}

// NAF 2025 groups: the rows are not sorted by their NAF 2025 code, so one pass over them.
std::vector<EstablishmentGroup> groups_at_level_2025(const Register& reg, NafLevel level) {
  const Naf& naf = reg.naf2025();
  std::map<std::string, EstablishmentGroup> by_code;  // sorted by code
  const auto flags = reg.flags();
  for (std::size_t row = 0; row < reg.size(); ++row) {
    const auto s = reg.naf25(row);
    if (s == kNoSector || !(flags[row] & kActive)) continue;
    std::string code = naf.parent_code(s, level);
    EstablishmentGroup& group = by_code[code];
    if (group.code.empty()) group = {naf_level_name(level), code, naf.label_of(code), {}};
    group.rows.push_back(static_cast<std::uint32_t>(row));
  }
  std::vector<EstablishmentGroup> groups;
  for (auto& [code, group] : by_code) groups.push_back(std::move(group));
  return groups;
}

// A sector code at any level of a nomenclature: its sub-classes and a group without rows.
std::pair<EstablishmentGroup, std::vector<std::uint16_t>> resolve_sector(const Naf& naf, std::string_view code) {
  std::vector<std::uint16_t> subclasses;
  std::string canonical(code);
  if (auto one = naf.find(code)) {
    subclasses = {*one};
    canonical = naf.code(*one);
  } else {
    subclasses = naf.subclasses_under(code);
  }
  if (subclasses.empty())
    throw InputError("Sector '" + std::string(code) + "' is not a " + nomenclature_name(naf.nomenclature()) +
                     (naf.nomenclature() == Nomenclature::naf_2025 ? " code (try 25.53Y, 25.53, 25.5, 25 or C)."
                                                                   : " code (try 31.01Z, 31.01, 31.0, 31 or C)."));
  const bool one = subclasses.size() == 1 && naf.code(subclasses[0]) == canonical;
  return {{one ? "subclass" : "sector", canonical, naf.label_of(canonical), {}}, std::move(subclasses)};
}

EstablishmentGroup sector_group_2025(const Register& reg, std::string_view code) {
  const Naf& naf = reg.naf2025();
  EstablishmentGroup group;
  std::vector<std::uint16_t> subclasses;
  std::tie(group, subclasses) = resolve_sector(naf, code);
  std::vector<bool> wanted(naf.subclass_count(), false);
  for (auto s : subclasses) wanted[s] = true;
  const auto flags = reg.flags();
  for (std::size_t row = 0; row < reg.size(); ++row) {
    const auto s = reg.naf25(row);
    if (s != kNoSector && wanted[s] && (flags[row] & kActive))
      group.rows.push_back(static_cast<std::uint32_t>(row));
  }
  return group;
}

}  // namespace

std::vector<EstablishmentGroup> groups_at_level(const Register& reg, NafLevel level, Nomenclature nomenclature) {
  if (nomenclature == Nomenclature::naf_2025) return groups_at_level_2025(reg, level);
  const Naf& naf = reg.naf();
  std::map<std::string, EstablishmentGroup> by_code;  // sorted by code
  for (std::uint16_t s = 0; s < naf.subclass_count(); ++s) {
    std::string code = level == NafLevel::subclass ? naf.code(s) : naf.parent_code(s, level);
    EstablishmentGroup& group = by_code[code];
    if (group.code.empty()) group = {naf_level_name(level), code, naf.label_of(code), {}};
    append_active_rows(reg, s, group.rows);
  }
  std::vector<EstablishmentGroup> groups;
  for (auto& [code, group] : by_code) {
    if (group.rows.empty()) continue;
    std::sort(group.rows.begin(), group.rows.end());
    groups.push_back(std::move(group));
  }
  return groups;
}

EstablishmentGroup sector_group(const Register& reg, std::string_view code, Nomenclature nomenclature) {
  if (nomenclature == Nomenclature::naf_2025) return sector_group_2025(reg, code);
  EstablishmentGroup group;
  std::vector<std::uint16_t> subclasses;
  std::tie(group, subclasses) = resolve_sector(reg.naf(), code);
  for (auto s : subclasses) append_active_rows(reg, s, group.rows);
  std::sort(group.rows.begin(), group.rows.end());
  return group;
}

EstablishmentGroup trade_group(const Register& reg, const Trade& trade) {
  return {"trade", trade.id, trade.name, trade_rows(reg, trade)};
}

EstablishmentGroup named_group(const Register& reg, const std::string& sector, const std::string& trade,
                               Nomenclature nomenclature) {
  if (!sector.empty()) return sector_group(reg, sector, nomenclature);
  auto trades = resolve_trades(trade);
  if (trades.size() != 1) throw InputError("trade '" + trade + "' holds several trades: give one trade id.");
  return trade_group(reg, trades.front());
}

std::vector<EstablishmentGroup> trade_or_level_groups(const Register& reg, const std::string& trade,
                                                      NafLevel level, Nomenclature nomenclature) {
  if (trade.empty()) return groups_at_level(reg, level, nomenclature);
  std::vector<EstablishmentGroup> groups;
  for (const auto& t : resolve_trades(trade)) groups.push_back(trade_group(reg, t));
  return groups;
}

}  // namespace grappe::measure
