#include "grappe/scan/candidate_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "grappe/common/error.hpp"

namespace grappe {

namespace {

using nlohmann::json;

json member_json(const CandidateMember& m) {
  return {{"siret", fmt::format("{:014d}", m.siret)}, {"name", m.name}, {"address", m.address},
          {"commune", m.commune}, {"commune_name", m.commune_name}, {"headcount", m.headcount},
          {"lon", m.lon}, {"lat", m.lat}, {"in_footprint", m.in_footprint}};
}

json finite(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json candidate_properties(const Candidate& c) {
  return {{"rank", c.rank}, {"score", c.score}, {"p_value", c.p_value}, {"q_value", c.q_value}, {"llr", c.llr},
          {"trade", c.trade}, {"trade_name", c.trade_name}, {"codes", c.codes},
          {"center", {{"lon", c.lon}, {"lat", c.lat}}}, {"center_siret", fmt::format("{:014d}", c.center_siret)},
          {"radius_m", c.radius_m}, {"secondary", c.secondary}, {"establishments", c.establishments},
          {"trade_establishments", c.trade_establishments}, {"expected", c.expected},
          {"firms", c.firms}, {"firms_expected", c.firms_expected},
          {"relative_risk", finite(c.relative_risk)}, {"lq", c.lq}, {"employment", c.employment},
          {"employment_lq", c.employment_lq}, {"rarity", c.rarity}, {"national_trade", c.national_trade},
          {"simulations", c.simulations}, {"strong", c.strong},
          {"strong_flags", {{"lq_top_quartile", c.lq_top_quartile},
                            {"employment_above_bottom_quartile", c.employment_above_bottom_quartile},
                            {"establishments_above_bottom_quartile", c.establishments_above_bottom_quartile}}}};
}

json footprint_coordinates(const Candidate& c) {
  json polygons = json::array();
  for (const auto& ring : c.footprint) {
    json r = json::array();
    for (const auto& [lon, lat] : ring) r.push_back({lon, lat});
    polygons.push_back(json::array({r}));
  }
  return polygons;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::ofstream open_output(const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(SourceLocation{path.string(), 0, "", ""}, "Cannot write the output file.");
  return out;
}

void write_csv(const std::filesystem::path& path, const std::vector<Candidate>& candidates) {
  auto out = open_output(path);
  out << "rank,score,p_value,q_value,llr,trade,trade_name,codes,lon,lat,radius_m,center_siret,secondary,"
         "members,establishments,expected,relative_risk,lq,employment,employment_lq,rarity,national_trade,"
         "strong,lq_top_quartile,employment_above_bottom_quartile,establishments_above_bottom_quartile\n";
  for (const auto& c : candidates)
    out << fmt::format("{},{:.4f},{:.6g},{:.6g},{:.6g},{},{},{},{:.6f},{:.6f},{:.0f},{:014d},{},{},{},{:.3f},{:.6g},{:.6g},"
                       "{:.1f},{:.6g},{:.6g},{},{},{},{},{}\n",
                       c.rank, c.score, c.p_value, c.q_value, c.llr, csv_field(c.trade), csv_field(c.trade_name),
                       csv_field(join(c.codes, ";")), c.lon, c.lat, c.radius_m, c.center_siret, c.secondary ? 1 : 0,
                       c.members.size(), c.establishments, c.expected, c.relative_risk, c.lq, c.employment,
                       c.employment_lq, c.rarity, c.national_trade, c.strong ? 1 : 0, c.lq_top_quartile ? 1 : 0,
                       c.employment_above_bottom_quartile ? 1 : 0, c.establishments_above_bottom_quartile ? 1 : 0);
  auto members_path = path;
  members_path.replace_filename(path.stem().string() + "_members.csv");
  auto members = open_output(members_path);
  members << "rank,trade,siret,name,address,commune,commune_name,headcount,lon,lat,in_footprint\n";
  for (const auto& c : candidates)
    for (const auto& m : c.members)
      members << fmt::format("{},{},{:014d},{},{},{},{},{},{:.6f},{:.6f},{}\n", c.rank, csv_field(c.trade), m.siret,
                             csv_field(m.name), csv_field(m.address), csv_field(m.commune), csv_field(m.commune_name),
                             m.headcount, m.lon, m.lat, m.in_footprint ? 1 : 0);
}

void write_geojson(const std::filesystem::path& path, const std::vector<Candidate>& candidates) {
  json features = json::array();
  for (const auto& c : candidates) {
    json props = candidate_properties(c);
    props["kind"] = "footprint";
    props["members"] = c.members.size();
    json geometry = c.footprint.empty()
                        ? json{{"type", "Point"}, {"coordinates", {c.lon, c.lat}}}
                        : json{{"type", "MultiPolygon"}, {"coordinates", footprint_coordinates(c)}};
    features.push_back({{"type", "Feature"}, {"geometry", geometry}, {"properties", props}});
    for (const auto& m : c.members) {
      json mp = member_json(m);
      mp["kind"] = "member";
      mp["rank"] = c.rank;
      mp["trade"] = c.trade;
      features.push_back({{"type", "Feature"},
                          {"geometry", {{"type", "Point"}, {"coordinates", {m.lon, m.lat}}}},
                          {"properties", mp}});
    }
  }
  auto out = open_output(path);
  out << json{{"type", "FeatureCollection"}, {"features", features}}.dump(1) << "\n";
}

template <class T>
T field(const json& j, const char* key, const std::string& file, T fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  try {
    return j[key].get<T>();
  } catch (const json::exception&) {
    throw InputError(SourceLocation{file, 0, key, j[key].dump()}, "Unexpected value in a candidates file.");
  }
}

std::uint64_t siret_field(const json& j, const char* key, const std::string& file) {
  const std::string s = field<std::string>(j, key, file, "0");
  try {
    return std::stoull(s);
  } catch (const std::exception&) {
    throw InputError(SourceLocation{file, 0, key, s}, "A siret must be 14 digits.");
  }
}

}  // namespace

json candidates_to_json(const std::vector<Candidate>& candidates, const json& meta) {
  json list = json::array();
  for (const auto& c : candidates) {
    json j = candidate_properties(c);
    j["members"] = json::array();
    for (const auto& m : c.members) j["members"].push_back(member_json(m));
    j["footprint"] = {{"type", "MultiPolygon"}, {"coordinates", footprint_coordinates(c)}};
    list.push_back(std::move(j));
  }
  return {{"meta", meta}, {"candidates", list}};
}

void check_candidates_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext != ".json" && ext != ".csv" && ext != ".geojson" && ext != ".gpkg")
    throw InputError("--out '" + path.string() + "': the extension must be .json, .csv, .geojson or .gpkg.");
}

void write_candidates(const std::filesystem::path& path, const std::vector<Candidate>& candidates, const json& meta) {
  const std::string ext = path.extension().string();
  if (ext == ".json") {
    auto out = open_output(path);
    out << candidates_to_json(candidates, meta).dump(1) << "\n";
  } else if (ext == ".csv") {
    write_csv(path, candidates);
  } else if (ext == ".geojson") {
    write_geojson(path, candidates);
  } else if (ext == ".gpkg") {
    write_candidates_gpkg(path, candidates);
  } else {
    throw InputError("--out '" + path.string() + "': the extension must be .json, .csv, .geojson or .gpkg.");
  }
}

std::vector<Candidate> read_candidates(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{file, 0, "", ""}, "Cannot open the candidates file.");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    throw InputError(SourceLocation{file, 0, "", ""}, std::string("Invalid JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("candidates") || !j["candidates"].is_array())
    throw InputError(SourceLocation{file, 0, "candidates", ""}, "Expected an object with a list \"candidates\".");
  std::vector<Candidate> result;
  for (const auto& cj : j["candidates"]) {
    Candidate c;
    c.rank = field<int>(cj, "rank", file, 0);
    c.score = field<double>(cj, "score", file, 0);
    c.p_value = field<double>(cj, "p_value", file, 1);
    c.q_value = field<double>(cj, "q_value", file, 1);
    c.llr = field<double>(cj, "llr", file, 0);
    c.trade = field<std::string>(cj, "trade", file, "");
    c.trade_name = field<std::string>(cj, "trade_name", file, c.trade);
    c.codes = field<std::vector<std::string>>(cj, "codes", file, {});
    if (cj.contains("center")) {
      c.lon = field<double>(cj["center"], "lon", file, 0);
      c.lat = field<double>(cj["center"], "lat", file, 0);
    }
    c.radius_m = field<double>(cj, "radius_m", file, 0);
    c.establishments = field<std::uint32_t>(cj, "establishments", file, 0);
    c.trade_establishments = field<std::uint32_t>(cj, "trade_establishments", file, 0);
    c.expected = field<double>(cj, "expected", file, 0);
    c.firms = field<std::uint32_t>(cj, "firms", file, 0);
    c.firms_expected = field<double>(cj, "firms_expected", file, 0);
    c.relative_risk = field<double>(cj, "relative_risk", file, INFINITY);
    c.lq = field<double>(cj, "lq", file, 0);
    c.employment = field<double>(cj, "employment", file, 0);
    c.employment_lq = field<double>(cj, "employment_lq", file, 0);
    c.rarity = field<double>(cj, "rarity", file, 0);
    c.national_trade = field<std::uint32_t>(cj, "national_trade", file, 0);
    c.simulations = field<int>(cj, "simulations", file, 0);
    c.strong = field<bool>(cj, "strong", file, false);
    // Strong means all three flags: a file without them (older scans) says so through "strong".
    const json no_flags = json::object();
    const json& flags = cj.contains("strong_flags") ? cj["strong_flags"] : no_flags;
    c.lq_top_quartile = field<bool>(flags, "lq_top_quartile", file, c.strong);
    c.employment_above_bottom_quartile = field<bool>(flags, "employment_above_bottom_quartile", file, c.strong);
    c.establishments_above_bottom_quartile = field<bool>(flags, "establishments_above_bottom_quartile", file, c.strong);
    c.secondary = field<bool>(cj, "secondary", file, false);
    if (cj.contains("members"))
      for (const auto& mj : cj["members"]) {
        CandidateMember m;
        m.siret = siret_field(mj, "siret", file);
        m.name = field<std::string>(mj, "name", file, "");
        m.address = field<std::string>(mj, "address", file, "");
        m.commune = field<std::string>(mj, "commune", file, "");
        m.commune_name = field<std::string>(mj, "commune_name", file, "");
        m.headcount = field<double>(mj, "headcount", file, 0);
        m.lon = field<double>(mj, "lon", file, 0);
        m.lat = field<double>(mj, "lat", file, 0);
        m.in_footprint = field<bool>(mj, "in_footprint", file, false);
        c.members.push_back(std::move(m));
      }
    if (cj.contains("footprint") && cj["footprint"].contains("coordinates"))
      for (const auto& polygon : cj["footprint"]["coordinates"])
        if (!polygon.empty()) {
          std::vector<std::pair<double, double>> ring;
          for (const auto& pt : polygon[0]) ring.emplace_back(pt.at(0).get<double>(), pt.at(1).get<double>());
          c.footprint.push_back(std::move(ring));
        }
    result.push_back(std::move(c));
  }
  return result;
}

}  // namespace grappe

namespace grappe {

std::set<std::uint64_t> read_siret_list(const std::filesystem::path& path) {
  std::set<std::uint64_t> sirets;
  if (path.extension() == ".json") {
    for (const auto& c : read_candidates(path))
      for (const auto& m : c.members) sirets.insert(m.siret);
    return sirets;
  }
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{path.string(), 0, "", ""}, "Cannot open the exclusion file.");
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    std::string first = line.substr(0, line.find_first_of(",;\t"));
    first.erase(std::remove(first.begin(), first.end(), '"'), first.end());
    while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) first.pop_back();
    if (first.empty() || (number == 1 && !std::isdigit(static_cast<unsigned char>(first[0])))) continue;
    if (first.size() != 14 || !std::all_of(first.begin(), first.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
      throw InputError(SourceLocation{path.string(), number, "siret", first}, "Expected a 14-digit siret.");
    sirets.insert(std::stoull(first));
  }
  return sirets;
}

}  // namespace grappe
