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

namespace grappe::measure {

struct EstablishmentGroup {
  std::string kind;   // "subclass", "class", "group", "division", "section" or "trade"
  std::string code;   // "31.01Z", "31", "C", or the trade id
  std::string label;
  std::vector<std::uint32_t> rows;  // active establishments, ascending
};

const char* naf_level_name(NafLevel level);

// Every sector at a NAF level that has at least one active establishment.
std::vector<EstablishmentGroup> groups_at_level(const Register& reg, NafLevel level);
// One sector given by its code at any level ("31.01Z", "3101Z", "31.0", "31", "C").
EstablishmentGroup sector_group(const Register& reg, std::string_view code);

struct Trade {
  std::string id, name;
  std::vector<std::string> codes;     // NAF sub-classes
  std::vector<std::string> keywords;  // empty: every establishment of the codes
};
// A catalogue in the format of data/trades.json ({"trades": [{id, name_en, codes, keywords}]}).
std::vector<Trade> load_trades(const std::filesystem::path& path);
// --trade FILE|id: the trades of a catalogue file, or one trade of data/trades.json by id.
std::vector<Trade> resolve_trades(std::string_view file_or_id);
// Establishments of the trade's codes whose own name or legal unit's name matches a keyword
// (accent- and case-insensitive, whole words or word prefixes), or all of them without keywords.
EstablishmentGroup trade_group(const Register& reg, const Trade& trade);

// Lower-case ASCII with accents removed and every non-alphanumeric run turned into one space,
// framed by spaces: "Agencement  d'Intérieur" → " agencement d interieur ".
std::string normalise_for_matching(std::string_view utf8);
// True when one of the (normalised, unframed) keywords starts a word of the normalised text.
bool matches_any_keyword(std::string_view normalised_text, const std::vector<std::string>& keywords);

}  // namespace grappe::measure
