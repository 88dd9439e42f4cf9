#pragma once
// Trades: what firms "do", as a named set of NAF sub-classes optionally narrowed by keywords
// found in the establishment's or the legal unit's name (PRODUCT.md §2). The starter catalogue
// is data/trades.json; a user's trade file has the same shape as one catalogue entry:
//   {"id": "cutlery", "name_en": "Cutlery", "codes": ["25.71Z"], "keywords": ["couteau"]}
// Codes may be given at any NAF level ("25.71Z", "25.7", "25", "C").
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grappe {

struct Trade {
  std::string id;
  std::string name;                   // English name when given, else French, else id
  std::vector<std::string> codes;     // NAF codes at any level
  std::vector<std::string> keywords;  // empty: every establishment of the codes
};

// Reads a catalogue ({"trades": [...]}) or a single trade object; throws InputError naming the file.
std::vector<Trade> load_trades(const std::filesystem::path& path);
// The shipped catalogue (data_dir()/trades.json).
std::vector<Trade> trade_catalogue();
// `--trade FILE|ID`: a file when one exists at that path, else an id of the catalogue.
Trade resolve_trade(const std::string& file_or_id);

// Lower case, accents removed (UTF-8 Latin letters), every other character a space, words
// separated by single spaces, with a leading and trailing space: " agencement du centre ".
std::string normalize_words(std::string_view text);

// True when one keyword occurs at the start of a word of `normalized` (normalize_words output):
// whole words or word prefixes, phrases allowed ("mobilier commercial").
bool matches_keywords(std::string_view normalized, const std::vector<std::string>& normalized_keywords);

}  // namespace grappe
