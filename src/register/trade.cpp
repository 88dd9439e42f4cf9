#include "grappe/register/trade.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"

namespace grappe {

namespace {

std::vector<std::string> string_list(const nlohmann::json& j, const char* key, const std::string& file) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  if (!j[key].is_array()) throw InputError(SourceLocation{file, 0, key, j[key].dump()}, "must be a list of strings.");
  for (const auto& v : j[key]) {
    if (!v.is_string()) throw InputError(SourceLocation{file, 0, key, v.dump()}, "must be a list of strings.");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Trade parse_trade(const nlohmann::json& j, const std::string& file) {
  if (!j.is_object() || !j.contains("codes") || !j["codes"].is_array() || j["codes"].empty())
    throw InputError(SourceLocation{file, 0, "codes", ""}, "A trade needs a non-empty list \"codes\" of NAF codes.");
  Trade t;
  t.id = j.value("id", std::string{});
  t.name_fr = j.value("name_fr", std::string{});
  t.name_en = j.value("name_en", std::string{});
  t.codes = string_list(j, "codes", file);
  t.keywords = string_list(j, "keywords", file);
  if (t.id.empty()) t.id = t.codes.front();
  t.name = !t.name_en.empty() ? t.name_en : !t.name_fr.empty() ? t.name_fr : j.value("name", t.id);
  return t;
}

// ASCII folding of the Latin-1 Supplement and Latin Extended-A letters used in French names.
char fold(std::uint32_t cp) {
  // Generated from Unicode NFKD decompositions (base letter, lower case); Ø→o, ß→s, Đ→d.
  static const char* latin1 = "aaaaaaaceeeeiiiidnooooo ouuuuyts"
                              "aaaaaaaceeeeiiiidnooooo ouuuuyty";  // U+00C0–U+00FF
  static const char* extended = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
                                "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0100–U+017F
  if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return extended[cp - 0x100];
  return ' ';
}

bool name_matches(const Register& reg, std::uint32_t row, const std::vector<std::string>& keywords) {
  if (matches_keywords(normalize_words(reg.name(row)), keywords)) return true;
  const auto* unit = reg.find_legal_unit(reg.siren()[row]);
  return unit && matches_keywords(normalize_words(unit->name), keywords);
}

}  // namespace

std::vector<Trade> load_trades(const std::filesystem::path& path) {
  auto in = open_input(path, "trade file");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path.string(), 0, "", ""}, std::string("Invalid JSON: ") + e.what());
  }
  std::vector<Trade> trades;
  if (j.is_object() && j.contains("trades")) {
    if (!j["trades"].is_array()) throw InputError(SourceLocation{path.string(), 0, "trades", ""}, "must be a list of trades.");
    for (const auto& t : j["trades"]) trades.push_back(parse_trade(t, path.string()));
  } else {
    trades.push_back(parse_trade(j, path.string()));
  }
  return trades;
}

std::vector<Trade> trade_catalogue() { return load_trades(data_dir() / "trades.json"); }

std::vector<Trade> resolve_trades(const std::string& file_or_id) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(file_or_id, ec)) return load_trades(file_or_id);
  for (auto& t : trade_catalogue())
    if (t.id == file_or_id) return {t};
  throw InputError("--trade '" + file_or_id + "' is neither a file nor a trade of the catalogue (data/trades.json).");
}

Trade resolve_trade(const std::string& file_or_id) {
  auto trades = resolve_trades(file_or_id);
  if (trades.size() != 1)
    throw InputError(SourceLocation{file_or_id, 0, "", ""}, "A --trade file must hold exactly one trade.");
  return trades.front();
}

void save_trade(const std::filesystem::path& path, const Trade& trade) {
  const nlohmann::json j = {{"id", trade.id},
                            {"name_fr", trade.name_fr.empty() ? trade.name : trade.name_fr},
                            {"name_en", trade.name_en.empty() ? trade.name : trade.name_en},
                            {"codes", trade.codes},
                            {"keywords", trade.keywords}};
  std::ofstream out(path);
  if (!out || !(out << j.dump(2) << '\n')) throw Error("Cannot write the trade file " + path.string() + ".");
}

std::string normalize_words(std::string_view text) {
  std::string out = " ";
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = b;
    std::size_t len = 1;
    if (b >= 0xC0 && b < 0xE0 && i + 1 < text.size()) {
      cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      len = 2;
    } else if (b >= 0xE0 && b < 0xF0) {
      len = 3;
      cp = 0x2000;  // punctuation and symbols of the BMP beyond Latin: separators
    } else if (b >= 0xF0) {
      len = 4;
      cp = 0x2000;
    }
    i += len;
    if (cp == 0x152 || cp == 0x153 || cp == 0xC6 || cp == 0xE6) {  // ligatures Œ œ Æ æ
      out += (cp == 0x152 || cp == 0x153) ? "oe" : "ae";
      continue;
    }
    char c = ' ';
    if (cp < 0x80) {
      if (std::isalnum(static_cast<int>(cp))) c = static_cast<char>(std::tolower(static_cast<int>(cp)));
    } else {
      c = fold(cp);
    }
    if (c == ' ' && out.back() == ' ') continue;
    out.push_back(c);
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

bool matches_keywords(std::string_view normalized, const std::vector<std::string>& normalized_keywords) {
  for (const auto& k : normalized_keywords) {
    // k is " word … " : drop its trailing space so that it also matches as a word prefix.
    const std::string_view key = std::string_view(k).substr(0, k.size() - 1);
    if (key.size() > 1 && normalized.find(key) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

// The NAF 2025 sub-classes under a trade's "NAF2025:…" codes, as a mask over naf2025() (empty
// when the trade has none).
std::vector<bool> naf2025_mask(const Register& reg, const Trade& trade) {
  std::vector<bool> mask;
  for (const auto& code : trade.codes) {
    if (!code.starts_with(kNaf2025Prefix)) continue;
    const auto under = reg.naf2025().subclasses_under(std::string_view(code).substr(kNaf2025Prefix.size()));
    if (under.empty()) throw InputError("Trade '" + trade.id + "': '" + code + "' is not a NAF 2025 code.");
    mask.resize(reg.naf2025().subclass_count(), false);
    for (auto s : under) mask[s] = true;
  }
  return mask;
}

// Active rows whose NAF 2025 sub-class is in the mask (rows are not sorted by it: one pass).
std::vector<std::uint32_t> naf2025_rows(const Register& reg, const std::vector<bool>& mask) {
  std::vector<std::uint32_t> rows;
  if (mask.empty()) return rows;
  const auto flags = reg.flags();
  for (std::size_t row = 0; row < reg.size(); ++row) {
    const auto s = reg.naf25(row);
    if (s != kNoSector && mask[s] && (flags[row] & kActive)) rows.push_back(static_cast<std::uint32_t>(row));
  }
  return rows;
}

}  // namespace

std::vector<std::uint16_t> trade_subclasses(const Register& reg, const Trade& trade) {
  std::vector<std::uint16_t> subclasses;
  // NAF 2025 codes: the NAF rév. 2 sub-classes their establishments have.
  for (auto row : naf2025_rows(reg, naf2025_mask(reg, trade))) subclasses.push_back(reg.sector()[row]);
  for (const auto& code : trade.codes) {
    if (code.starts_with(kNaf2025Prefix)) continue;
    auto under = reg.naf().subclasses_under(code);
    if (under.empty()) throw InputError("Trade '" + trade.id + "': '" + code + "' is not a NAF rév. 2 code.");
    subclasses.insert(subclasses.end(), under.begin(), under.end());
  }
  std::sort(subclasses.begin(), subclasses.end());
  subclasses.erase(std::unique(subclasses.begin(), subclasses.end()), subclasses.end());
  return subclasses;
}

std::vector<std::uint32_t> trade_rows(const Register& reg, const Trade& trade) {
  std::vector<std::string> keywords;
  for (const auto& k : trade.keywords) keywords.push_back(normalize_words(k));
  std::vector<std::uint32_t> rows;
  const auto flags = reg.flags();
  Trade rev2 = trade;  // its NAF rév. 2 codes; the NAF 2025 ones are read from the NAF 2025 column
  std::erase_if(rev2.codes, [](const std::string& c) { return c.starts_with(kNaf2025Prefix); });
  for (std::uint16_t s : rev2.codes.empty() ? std::vector<std::uint16_t>{} : trade_subclasses(reg, rev2)) {
    const auto [first, last] = reg.sector_rows(s);
    for (std::size_t row = first; row < last; ++row) {
      if (!(flags[row] & kActive)) continue;
      const auto r = static_cast<std::uint32_t>(row);
      if (keywords.empty() || name_matches(reg, r, keywords)) rows.push_back(r);
    }
  }
  for (auto r : naf2025_rows(reg, naf2025_mask(reg, trade)))
    if (keywords.empty() || name_matches(reg, r, keywords)) rows.push_back(r);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

}  // namespace grappe
