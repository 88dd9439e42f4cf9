#pragma once
// Groups of establishments that the measures compare with the whole economy: a NAF sector at any
// level, or a trade (data/trades.json: NAF codes, optionally narrowed by name keywords). Views of
// the register: row indices, never copies of its columns.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/register/register.hpp"
#include "grappe/register/trade.hpp"

namespace grappe::measure {

struct EstablishmentGroup {
  std::string kind;   // "subclass", "class", "group", "division", "section" or "trade"
  std::string code;   // "31.01Z", "31", "C", or the trade id
  std::string label;
  std::vector<std::uint32_t> rows;  // active establishments, ascending
};

const char* naf_level_name(NafLevel level);

// Every sector at a NAF level that has at least one active establishment. With NAF 2025 the
// sectors are those of each row's activitePrincipaleNAF25Etablissement (rows without one are
// in no group).
std::vector<EstablishmentGroup> groups_at_level(const Register& reg, NafLevel level,
                                                Nomenclature nomenclature = Nomenclature::naf_rev2);
// One sector given by its code at any level ("31.01Z", "3101Z", "31.0", "31", "C"; NAF 2025:
// "25.53Y", "46.1", "G"…).
EstablishmentGroup sector_group(const Register& reg, std::string_view code,
                                Nomenclature nomenclature = Nomenclature::naf_rev2);

// The trade's establishments (grappe/register/trade.hpp: the same rows as the scan selects).
EstablishmentGroup trade_group(const Register& reg, const Trade& trade);

// `kd`, `mfun` (CLI, Python): the sector `sector` if not empty, else the one trade `trade` (id or file).
EstablishmentGroup named_group(const Register& reg, const std::string& sector, const std::string& trade,
                               Nomenclature nomenclature = Nomenclature::naf_rev2);
// `measure` (CLI, Python): every trade of `trade` (id or file) if not empty, else every sector at `level`.
std::vector<EstablishmentGroup> trade_or_level_groups(const Register& reg, const std::string& trade,
                                                      NafLevel level,
                                                      Nomenclature nomenclature = Nomenclature::naf_rev2);

}  // namespace grappe::measure
