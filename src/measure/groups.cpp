#include "grappe/measure/groups.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"
#include "grappe/common/paths.hpp"

namespace grappe::measure {

const char* naf_level_name(NafLevel level) {
  switch (level) {
    case NafLevel::section: return "section";
    case NafLevel::division: return "division";
    case NafLevel::group: return "group";
    case NafLevel::klass: return "class";
    case NafLevel::subclass: return "subclass";
  }
  return "subclass";
}

namespace {

void append_active_rows(const Register& reg, std::uint16_t subclass, std::vector<std::uint32_t>& rows) {
  auto [first, last] = reg.sector_rows(subclass);
  auto flags = reg.flags();
  for (std::size_t row = first; row < last; ++row)
    if (flags[row] & kActive) rows.push_back(static_cast<std::uint32_t>(row));
}

}  // namespace

std::vector<EstablishmentGroup> groups_at_level(const Register& reg, NafLevel level) {
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

EstablishmentGroup sector_group(const Register& reg, std::string_view code) {
  const Naf& naf = reg.naf();
  std::vector<std::uint16_t> subclasses;
  std::string canonical(code);
  if (auto one = naf.find(code)) {
    subclasses = {*one};
    canonical = naf.code(*one);
  } else {
    subclasses = naf.subclasses_under(code);
  }
  if (subclasses.empty())
    throw InputError("Sector '" + std::string(code) + "' is not a NAF rév. 2 code (try 31.01Z, 31.01, 31.0, 31 or C).");
  EstablishmentGroup group;
  group.code = canonical;
  group.label = naf.label_of(canonical);
  group.kind = subclasses.size() == 1 && naf.code(subclasses[0]) == canonical ? "subclass" : "sector";
  for (auto s : subclasses) append_active_rows(reg, s, group.rows);
  std::sort(group.rows.begin(), group.rows.end());
  return group;
}

std::vector<Trade> load_trades(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{path.string(), 0, "", ""}, "cannot be opened for reading");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path.string(), 0, "", ""}, std::string("is not valid JSON: ") + e.what());
  }
  if (!json.contains("trades") || !json["trades"].is_array())
    throw InputError(SourceLocation{path.string(), 0, "trades", ""}, "must be an array of trades");
  std::vector<Trade> trades;
  for (const auto& t : json["trades"]) {
    Trade trade;
    trade.id = t.value("id", "");
    trade.name = t.value("name_en", t.value("name_fr", trade.id));
    if (trade.id.empty() || !t.contains("codes") || !t["codes"].is_array())
      throw InputError(SourceLocation{path.string(), 0, "trades", t.dump().substr(0, 60)}, "needs an id and a list of codes");
    for (const auto& c : t["codes"]) trade.codes.push_back(c.get<std::string>());
    if (t.contains("keywords"))
      for (const auto& k : t["keywords"]) trade.keywords.push_back(k.get<std::string>());
    trades.push_back(std::move(trade));
  }
  return trades;
}

std::vector<Trade> resolve_trades(std::string_view file_or_id) {
  std::filesystem::path path(file_or_id);
  if (std::filesystem::exists(path)) return load_trades(path);
  for (auto& trade : load_trades(data_dir() / "trades.json"))
    if (trade.id == file_or_id) return {trade};
  throw InputError("--trade '" + std::string(file_or_id) + "' is neither a file nor a trade id of data/trades.json.");
}

EstablishmentGroup trade_group(const Register& reg, const Trade& trade) {
  EstablishmentGroup group{"trade", trade.id, trade.name, {}};
  std::vector<std::string> keywords;
  for (auto& k : trade.keywords) {
    std::string n = normalise_for_matching(k);
    keywords.push_back(n.substr(1, n.size() - 2));
  }
  for (auto& code : trade.codes) {
    auto subclass = reg.naf().find(code);
    if (!subclass) throw InputError("Trade '" + trade.id + "': '" + code + "' is not a NAF sub-class.");
    std::vector<std::uint32_t> rows;
    append_active_rows(reg, *subclass, rows);
    for (auto row : rows) {
      bool keep = keywords.empty() || matches_any_keyword(normalise_for_matching(reg.name(row)), keywords);
      if (!keep)
        if (const auto* unit = reg.find_legal_unit(reg.siren()[row]))
          keep = matches_any_keyword(normalise_for_matching(unit->name), keywords);
      if (keep) group.rows.push_back(row);
    }
  }
  std::sort(group.rows.begin(), group.rows.end());
  group.rows.erase(std::unique(group.rows.begin(), group.rows.end()), group.rows.end());
  return group;
}

namespace {

// Two-byte UTF-8 Latin-1 letters (U+00C0–U+00FF) → ASCII base letter; 0 for others.
char latin1_base(unsigned code) {
  static const char* table =
      "AAAAAAACEEEEIIII"   // C0–CF
      "DNOOOOO OUUUUYTs"   // D0–DF
      "aaaaaaaceeeeiiii"   // E0–EF
      "dnooooo ouuuuyty";  // F0–FF
  if (code < 0xC0 || code > 0xFF) return 0;
  char c = table[code - 0xC0];
  return c == ' ' ? 0 : c;
}

}  // namespace

std::string normalise_for_matching(std::string_view text) {
  std::string out = " ";
  auto push = [&](char c) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (out.back() != ' ') out += ' ';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      push(static_cast<char>(byte));
    } else if ((byte & 0xE0) == 0xC0 && i + 1 < text.size()) {
      unsigned code = ((byte & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      ++i;
      if (code == 0x152 || code == 0x153) out += "oe";  // Œ œ
      else push(latin1_base(code) ? latin1_base(code) : ' ');
    } else {
      push(' ');
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool matches_any_keyword(std::string_view text, const std::vector<std::string>& keywords) {
  for (const auto& k : keywords) {
    if (k.empty()) continue;
    for (auto at = text.find(k); at != std::string_view::npos; at = text.find(k, at + 1))
      if (at > 0 && text[at - 1] == ' ') return true;
  }
  return false;
}

}  // namespace grappe::measure
