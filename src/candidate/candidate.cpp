#include "grappe/candidate/candidate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe {
namespace {

using nlohmann::json;

json finite(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json member_json(const CandidateMember& m) {
  return {{"siret", format_siret(m.siret)}, {"code", m.code},       {"name", m.name},
          {"address", m.address},           {"commune", m.commune}, {"commune_name", m.commune_name},
          {"headcount", m.headcount},       {"lon", finite(m.lon)}, {"lat", finite(m.lat)},
          {"in_footprint", m.in_footprint}, {"found_by", m.found_by}};
}

json lens_json(const CandidateLens& l) {
  return {{"kind", l.kind},       {"trade", l.trade},       {"trade_name", l.trade_name},
          {"codes", l.codes},     {"keywords", l.keywords}, {"llr", l.llr},
          {"p_value", l.p_value}, {"q_value", l.q_value},   {"radius_m", l.radius_m},
          {"members", l.members}};
}

json word_json(const TradeWord& w) {
  return {{"word", w.word}, {"g2", w.g2}, {"members", w.members}, {"national", w.national}};
}

template <class T, class F>
json list_json(const std::vector<T>& items, F&& one) {
  json list = json::array();
  for (const auto& item : items) list.push_back(one(item));
  return list;
}

void add_once(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

json footprint_json(const Candidate& c) {
  json polygons = json::array();
  for (const auto& ring : c.footprint) {
    json r = json::array();
    for (const auto& [lon, lat] : ring) r.push_back({lon, lat});
    polygons.push_back(json::array({r}));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", polygons}};
}

// One JSON object being read, and its place for error messages ("candidates[2].members[0]").
struct Fields {
  const json& j;
  const std::string& file;
  std::string path;

  std::string field(const char* key) const { return path.empty() ? key : path + "." + key; }

  [[noreturn]] void fail(const char* key, const std::string& value, const std::string& message) const {
    throw InputError(SourceLocation{file, 0, field(key), value}, message);
  }

  template <class T>
  T get(const char* key, T fallback) const {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
      return it->get<T>();
    } catch (const json::exception&) {
      fail(key, it->dump(), "unexpected type of value in a candidates file");
    }
  }

  // A coordinate within ±limit degrees; NaN when absent.
  double degrees(const char* key, double limit) const {
    const double v = get<double>(key, NAN);
    if (std::abs(v) > limit)
      fail(key, std::to_string(v), fmt::format("a coordinate lies in [-{0}, {0}]", limit));
    return v;
  }

  const json& array(const char* key) const {
    static const json kEmpty = json::array();
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) fail(key, it->dump(), "a list is required here");
    return *it;
  }

  // A 14-digit siret, as text ("00012345600017") or as a number (whose leading zeros are lost).
  std::uint64_t siret(const char* key, bool required) const {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
      if (required) fail(key, "", "a 14-digit siret is required here");
      return 0;
    }
    if (it->is_number_unsigned() && it->get<std::uint64_t>() < 100'000'000'000'000ULL)
      return it->get<std::uint64_t>();
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    if (!it->is_string() || text.size() != 14 || text.find_first_not_of("0123456789") != std::string::npos)
      fail(key, text, "a siret must be 14 digits");
    return std::stoull(text);
  }
};

CandidateMember member_from_json(const Fields& f) {  // read_list has checked it is an object
  CandidateMember m;
  m.siret = f.siret("siret", true);
  m.code = f.get<std::string>("code", "");
  m.name = f.get<std::string>("name", "");
  m.address = f.get<std::string>("address", "");
  m.commune = f.get<std::string>("commune", "");
  m.commune_name = f.get<std::string>("commune_name", "");
  m.headcount = f.get<double>("headcount", 0);
  m.lon = f.degrees("lon", 180);
  m.lat = f.degrees("lat", 90);
  m.in_footprint = f.get<bool>("in_footprint", false);
  m.found_by = f.get<std::vector<std::string>>("found_by", {});
  return m;
}

// Each element of the list `key`, read by `one` with its place ("candidates[2].lenses[0]").
template <class T, class F>
std::vector<T> read_list(const Fields& f, const char* key, F&& one) {
  std::vector<T> out;
  const json& list = f.array(key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Fields item{list[i], f.file, f.field(key) + fmt::format("[{}]", i)};
    if (!item.j.is_object()) throw InputError(SourceLocation{f.file, 0, item.path, item.j.dump()}, "an object is required here");
    out.push_back(one(item));
  }
  return out;
}

CandidateLens lens_from_json(const Fields& f) {
  return {f.get<std::string>("kind", ""),
          f.get<std::string>("trade", ""),
          f.get<std::string>("trade_name", ""),
          f.get<std::vector<std::string>>("codes", {}),
          f.get<std::vector<std::string>>("keywords", {}),
          f.get<double>("llr", 0),
          f.get<double>("p_value", 1),
          f.get<double>("q_value", 1),
          f.get<double>("radius_m", 0),
          f.get<std::uint32_t>("members", 0)};
}

TradeWord word_from_json(const Fields& f) {
  return {f.get<std::string>("word", ""), f.get<double>("g2", 0), f.get<std::uint32_t>("members", 0),
          f.get<std::uint32_t>("national", 0)};
}

void read_footprint(const Fields& f, Candidate& c) {
  auto it = f.j.find("footprint");
  if (it == f.j.end() || !it->is_object() || !it->contains("coordinates")) return;
  try {
    for (const auto& polygon : (*it)["coordinates"])
      if (!polygon.empty()) {
        std::vector<std::pair<double, double>> ring;
        for (const auto& pt : polygon[0]) ring.emplace_back(pt.at(0).get<double>(), pt.at(1).get<double>());
        c.footprint.push_back(std::move(ring));
      }
  } catch (const json::exception&) {
    f.fail("footprint", "", "a footprint is a GeoJSON MultiPolygon of (lon, lat) points");
  }
}

}  // namespace

std::string format_siret(std::uint64_t siret) { return fmt::format("{:014d}", siret); }

std::string candidate_id(const Candidate& c) {
  return fmt::format("{}@{}/{:.0f}", c.trade, format_siret(c.center_siret), c.radius_m);
}

json trade_definition(const Candidate& c) {
  std::vector<std::string> codes;
  for (const auto& lens : c.lenses)
    for (const auto& code : lens.codes) add_once(codes, code);
  if (codes.empty()) codes = c.codes;
  for (const auto& m : c.other_code_members)  // the firms of other codes that the words found join
    if (!m.code.empty()) add_once(codes, m.code);
  std::vector<std::string> keywords;
  for (const auto& w : c.words) keywords.push_back(w.word);
  const bool discovered = !c.lenses.empty() && c.lenses.front().kind == "discovered";
  const std::string id = discovered ? c.trade
                                    : fmt::format("found-{}-{}", codes.empty() ? c.trade : codes.front(),
                                                  format_siret(c.center_siret));
  std::string name = c.trade_name;
  for (const auto& lens : c.lenses)
    if (lens.kind == "trade") name = lens.trade_name;  // a catalogue name, when one found it
  return {{"id", id}, {"name_fr", name}, {"name_en", name}, {"codes", codes}, {"keywords", keywords}};
}

json to_json(const Candidate& c) {
  return {{"id", c.id.empty() ? candidate_id(c) : c.id},
          {"rank", c.rank},
          {"score", c.score},
          {"p_value", c.p_value},
          {"q_value", c.q_value},
          {"llr", c.llr},
          {"trade", c.trade},
          {"trade_name", c.trade_name},
          {"codes", c.codes},
          {"center", {{"lon", c.lon}, {"lat", c.lat}}},
          {"center_siret", format_siret(c.center_siret)},
          {"radius_m", c.radius_m},
          {"secondary", c.secondary},
          {"establishments", c.establishments},
          {"trade_establishments", c.trade_establishments},
          {"expected", c.expected},
          {"firms", c.firms},
          {"firms_expected", c.firms_expected},
          {"relative_risk", finite(c.relative_risk)},
          {"lq", c.lq},
          {"employment", c.employment},
          {"employment_lq", c.employment_lq},
          {"rarity", c.rarity},
          {"national_trade", c.national_trade},
          {"simulations", c.simulations},
          {"strong", c.strong},
          {"strong_flags",
           {{"lq_top_quartile", c.lq_top_quartile},
            {"employment_above_bottom_quartile", c.employment_above_bottom_quartile},
            {"establishments_above_bottom_quartile", c.establishments_above_bottom_quartile}}},
          {"members", list_json(c.members, member_json)},
          {"lenses", list_json(c.lenses, lens_json)},
          {"words", list_json(c.words, word_json)},
          {"other_code_members", list_json(c.other_code_members, member_json)},
          {"trade_definition", trade_definition(c)},
          {"footprint", footprint_json(c)}};
}

Candidate candidate_from_json(const json& j, const std::string& file, const std::string& path) {
  const Fields f{j, file, path};
  if (!j.is_object())
    throw InputError(SourceLocation{file, 0, path, j.dump()}, "a candidate must be an object");
  Candidate c;
  c.rank = f.get<int>("rank", 0);
  c.score = f.get<double>("score", 0);
  c.p_value = f.get<double>("p_value", 1);
  c.q_value = f.get<double>("q_value", 1);
  c.llr = f.get<double>("llr", 0);
  c.trade = f.get<std::string>("trade", "");
  c.trade_name = f.get<std::string>("trade_name", c.trade);
  c.codes = f.get<std::vector<std::string>>("codes", {});
  if (auto it = j.find("center"); it != j.end() && it->is_object()) {
    const Fields center{*it, file, f.field("center")};
    c.lon = center.get<double>("lon", 0);
    c.lat = center.get<double>("lat", 0);
  }
  c.center_siret = f.siret("center_siret", false);
  c.radius_m = f.get<double>("radius_m", 0);
  c.secondary = f.get<bool>("secondary", false);
  c.establishments = f.get<std::uint32_t>("establishments", 0);
  c.trade_establishments = f.get<std::uint32_t>("trade_establishments", 0);
  c.expected = f.get<double>("expected", 0);
  c.firms = f.get<std::uint32_t>("firms", 0);
  c.firms_expected = f.get<double>("firms_expected", 0);
  c.relative_risk = f.get<double>("relative_risk", INFINITY);
  c.lq = f.get<double>("lq", 0);
  c.employment = f.get<double>("employment", 0);
  c.employment_lq = f.get<double>("employment_lq", 0);
  c.rarity = f.get<double>("rarity", 0);
  c.national_trade = f.get<std::uint32_t>("national_trade", 0);
  c.simulations = f.get<int>("simulations", 0);
  c.strong = f.get<bool>("strong", false);
  // Strong means all three flags: a file without them (older scans) says so through "strong".
  static const json kNoFlags = json::object();
  auto it = j.find("strong_flags");
  const Fields flags{it != j.end() && it->is_object() ? *it : kNoFlags, file, f.field("strong_flags")};
  c.lq_top_quartile = flags.get<bool>("lq_top_quartile", c.strong);
  c.employment_above_bottom_quartile = flags.get<bool>("employment_above_bottom_quartile", c.strong);
  c.establishments_above_bottom_quartile = flags.get<bool>("establishments_above_bottom_quartile", c.strong);
  c.members = read_list<CandidateMember>(f, "members", member_from_json);
  c.lenses = read_list<CandidateLens>(f, "lenses", lens_from_json);
  c.words = read_list<TradeWord>(f, "words", word_from_json);
  c.other_code_members = read_list<CandidateMember>(f, "other_code_members", member_from_json);
  read_footprint(f, c);
  c.id = f.get<std::string>("id", candidate_id(c));
  return c;
}

json candidates_to_json(const std::vector<Candidate>& candidates, const json& meta) {
  json list = json::array();
  for (const auto& c : candidates) list.push_back(to_json(c));
  return {{"version", kCandidatesVersion}, {"meta", meta}, {"candidates", std::move(list)}};
}

std::vector<Candidate> candidates_from_json(const json& document, const std::string& source) {
  if (!document.is_object() || !document.contains("candidates") || !document["candidates"].is_array())
    throw InputError(SourceLocation{source, 0, "candidates", ""},
                     "expected an object with a list \"candidates\"");
  const Fields top{document, source, ""};
  const int version = top.get<int>("version", 1);
  if (version < 1 || version > kCandidatesVersion)
    top.fail("version", std::to_string(version),
             fmt::format("this grappe reads candidates files of version 1 to {}", kCandidatesVersion));
  std::vector<Candidate> result;
  const json& list = document["candidates"];
  for (std::size_t i = 0; i < list.size(); ++i)
    result.push_back(candidate_from_json(list[i], source, fmt::format("candidates[{}]", i)));
  return result;
}

std::vector<Candidate> read_candidates(const std::filesystem::path& path) {
  const std::string file = path.string();
  auto in = open_input(path, "candidates file");
  json document = json::parse(in, nullptr, false);
  if (document.is_discarded()) throw InputError(SourceLocation{file, 0, "", ""}, "not valid JSON");
  return candidates_from_json(document, file);
}

const Candidate& candidate_by_rank(const std::vector<Candidate>& candidates, int rank,
                                   const std::string& source) {
  for (const auto& c : candidates)
    if (c.rank == rank) return c;
  throw InputError(SourceLocation{source, 0, "rank", std::to_string(rank)}, "no candidate has this rank");
}

std::vector<std::uint32_t> member_sirens(const Candidate& c) {
  std::vector<std::uint32_t> sirens;
  for (const auto& m : c.members) sirens.push_back(m.siren());
  std::sort(sirens.begin(), sirens.end());
  sirens.erase(std::unique(sirens.begin(), sirens.end()), sirens.end());
  return sirens;
}

}  // namespace grappe
