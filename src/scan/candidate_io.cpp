#include "grappe/scan/candidate_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe {

namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

void write_csv(const std::filesystem::path& path, const std::vector<Candidate>& candidates) {
  auto out = open_output(path, "candidates file", true);
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
  auto members = open_output(members_path, "members file", true);
  members << "rank,trade,siret,name,address,commune,commune_name,headcount,lon,lat,in_footprint\n";
  for (const auto& c : candidates)
    for (const auto& m : c.members)
      members << fmt::format("{},{},{:014d},{},{},{},{},{},{:.6f},{:.6f},{}\n", c.rank, csv_field(c.trade), m.siret,
                             csv_field(m.name), csv_field(m.address), csv_field(m.commune), csv_field(m.commune_name),
                             m.headcount, m.lon, m.lat, m.in_footprint ? 1 : 0);
}

// Properties are the candidate's JSON fields (docs/candidates.md); members become point features.
void write_geojson(const std::filesystem::path& path, const std::vector<Candidate>& candidates) {
  json features = json::array();
  for (const auto& c : candidates) {
    json props = to_json(c);
    json members = std::move(props["members"]), footprint = std::move(props["footprint"]);
    props.erase("members");
    props.erase("footprint");
    props["kind"] = "footprint";
    props["members"] = c.members.size();
    json geometry =
        c.footprint.empty() ? json{{"type", "Point"}, {"coordinates", {c.lon, c.lat}}} : footprint;
    features.push_back({{"type", "Feature"}, {"geometry", geometry}, {"properties", props}});
    for (auto& mp : members) {
      mp["kind"] = "member";
      mp["rank"] = c.rank;
      mp["trade"] = c.trade;
      const json point = {{"type", "Point"}, {"coordinates", {mp["lon"], mp["lat"]}}};
      features.push_back({{"type", "Feature"}, {"geometry", point}, {"properties", std::move(mp)}});
    }
  }
  auto out = open_output(path, "candidates file", true);
  out << json{{"type", "FeatureCollection"}, {"features", features}}.dump(1) << "\n";
}

}  // namespace

Trade candidate_trade(const Candidate& c) {
  const json d = trade_definition(c);
  Trade t;
  t.id = d["id"].get<std::string>();
  t.name_fr = t.name_en = t.name = d["name_en"].get<std::string>();
  t.codes = d["codes"].get<std::vector<std::string>>();
  t.keywords = d["keywords"].get<std::vector<std::string>>();
  return t;
}

void check_candidates_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext != ".json" && ext != ".csv" && ext != ".geojson" && ext != ".gpkg")
    throw InputError("--out '" + path.string() + "': the extension must be .json, .csv, .geojson or .gpkg.");
}

void write_candidates(const std::filesystem::path& path, const std::vector<Candidate>& candidates, const json& meta) {
  check_candidates_path(path);
  const std::string ext = path.extension().string();
  if (ext == ".json") {
    auto out = open_output(path, "candidates file", true);
    out << candidates_to_json(candidates, meta).dump(1) << "\n";
  } else if (ext == ".csv") {
    write_csv(path, candidates);
  } else if (ext == ".geojson") {
    write_geojson(path, candidates);
  } else {
    write_candidates_gpkg(path, candidates);
  }
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
  auto in = open_input(path, "exclusion file");
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
