#pragma once
// Trades: what firms "do", as a named set of NAF codes optionally narrowed by keywords found in
// the establishment's or the legal unit's name (docs/scan.md, "Trades"). The one model that the
// scan and the measures share: the same trade selects the same establishments in both.
// The starter catalogue is data/trades.json; a user's trade file has the shape of one entry:
//   {"id": "cutlery", "name_fr": "Coutellerie", "name_en": "Cutlery", "codes": ["25.71Z"],
//    "keywords": ["couteau"]}
// Codes may be given at any NAF level ("25.71Z", "25.71", "25.7", "25", "C"), in NAF rév. 2, or
// in NAF 2025 with the prefix "NAF2025:" ("NAF2025:25.53Y", "NAF2025:G"; read from each
// establishment's activitePrincipaleNAF25Etablissement).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/register/register.hpp"

namespace grappe {

struct Trade {
  std::string id;
  std::string name;                   // display name: English when given, else French, else id
  std::vector<std::string> codes;     // NAF codes at any level
  std::vector<std::string> keywords;  // empty: every establishment of the codes
  std::string name_fr, name_en;       // as in the file (may be empty)
};

// Reads a catalogue ({"trades": [...]}) or a single trade object; throws InputError naming the file.
std::vector<Trade> load_trades(const std::filesystem::path& path);
// The shipped catalogue (data_dir()/trades.json).
std::vector<Trade> trade_catalogue();
// `--trade FILE|ID`: every trade of a file when one exists at that path, else the catalogue's
// trade of that id.
std::vector<Trade> resolve_trades(const std::string& file_or_id);
// The same, when exactly one trade is expected.
Trade resolve_trade(const std::string& file_or_id);
// Writes one trade as a trade file (the format load_trades reads); throws on I/O errors.
void save_trade(const std::filesystem::path& path, const Trade& trade);

// Lower case, accents removed (UTF-8 Latin-1 Supplement and Latin Extended-A letters, the
// ligatures Œ and Æ spelt out), every other character a space, words separated by single spaces,
// with a leading and trailing space: "Éts Dvořák-Présentoirs" → " ets dvorak presentoirs ".
std::string normalize_words(std::string_view text);

// True when one keyword occurs at the start of a word of `normalized` (normalize_words output):
// whole words or word prefixes, phrases allowed ("mobilier commercial").
bool matches_keywords(std::string_view normalized, const std::vector<std::string>& normalized_keywords);

// The trade's establishments: active rows of its codes whose own name or legal unit's name
// matches a keyword (all of them when it has none), ascending. Throws InputError naming the
// trade for a code that is not NAF rév. 2.
std::vector<std::uint32_t> trade_rows(const Register& reg, const Trade& trade);

// The NAF rév. 2 sub-classes under the trade's codes, sorted and distinct (throws as trade_rows);
// for NAF 2025 codes, the NAF rév. 2 sub-classes of their establishments.
std::vector<std::uint16_t> trade_subclasses(const Register& reg, const Trade& trade);

}  // namespace grappe
