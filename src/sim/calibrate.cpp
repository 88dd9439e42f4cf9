#include "grappe/sim/calibrate.hpp"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"

namespace grappe::sim {
namespace {

using nlohmann::json;

const json* find_candidate(const json& doc, int id) {
  const json* list = &doc;
  if (doc.is_object()) {
    auto it = doc.find("candidates");
    if (it == doc.end() || !it->is_array()) return nullptr;
    list = &*it;
  }
  if (!list->is_array()) return nullptr;
  for (const auto& c : *list) {
    for (const char* key : {"rank", "id"})
      if (c.contains(key) && c[key].is_number_integer() && c[key].get<int>() == id) return &c;
  }
  return nullptr;
}

std::string member_code(const json& m) {
  for (const char* key : {"naf", "code", "activity", "activitePrincipaleEtablissement", "sector"})
    if (m.contains(key) && m[key].is_string()) return m[key].get<std::string>();
  return "";
}

double number(const json& m, const char* key, const std::string& source, std::size_t index) {
  if (!m.contains(key) || !m[key].is_number())
    throw InputError(SourceLocation{source, 0, std::string("members[") + std::to_string(index) + "]." + key, ""},
                     "a candidate member needs a numeric '" + std::string(key) + "'");
  return m[key].get<double>();
}

}  // namespace

Scenario calibrate_from_candidate(const json& doc, int id, Scenario s, const std::string& source) {
  const json* candidate = find_candidate(doc, id);
  if (!candidate) throw InputError(SourceLocation{source, 0, "rank", std::to_string(id)}, "no candidate has this rank or id");
  static const json kNone = json::array();
  const json& members = candidate->contains("members") ? (*candidate)["members"] : kNone;
  if (!members.is_array() || members.empty())
    throw InputError(SourceLocation{source, 0, "members", ""}, "the candidate has no members to calibrate from");
  std::vector<std::string> codes;
  if (candidate->contains("codes") && (*candidate)["codes"].is_array())
    for (const auto& c : (*candidate)["codes"])
      if (c.is_string()) codes.push_back(c.get<std::string>());
  double lon0 = 0, lat0 = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    lon0 += number(members[i], "lon", source, i) / members.size();
    lat0 += number(members[i], "lat", source, i) / members.size();
  }
  const double km_per_degree = 6371.0088 * M_PI / 180;
  s.population.firms_data.clear();
  for (std::size_t i = 0; i < members.size(); ++i) {
    const json& m = members[i];
    FirmData f;
    f.x_km = (number(m, "lon", source, i) - lon0) * km_per_degree * std::cos(lat0 * M_PI / 180);
    f.y_km = (number(m, "lat", source, i) - lat0) * km_per_degree;
    f.headcount = m.contains("headcount") && m["headcount"].is_number() ? std::max(0.0, m["headcount"].get<double>()) : 1.0;
    f.id = m.value("siret", std::string());
    std::string code = member_code(m);
    f.trade.assign(std::max<std::size_t>(1, codes.size()), codes.empty() ? 1.0 : 0.0);
    auto it = std::find(codes.begin(), codes.end(), code);
    if (it != codes.end()) f.trade[it - codes.begin()] = 1.0;
    else if (!codes.empty()) f.trade.assign(codes.size(), 1.0);
    s.population.firms_data.push_back(std::move(f));
  }
  s.population.sectors = static_cast<int>(std::max<std::size_t>(1, codes.size()));
  s.core_members = std::min(s.core_members, s.firm_count());
  s.projects.fixed_thresholds.clear();
  if (s.name == "scenario") s.name = "candidate " + std::to_string(id);
  s.validate();
  return s;
}

Scenario calibrate_from_candidate_file(const std::string& path, int id, Scenario base) {
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{path, 0, "", ""}, "cannot open the candidates file");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw InputError(SourceLocation{path, 0, "", ""}, std::string("is not valid JSON: ") + e.what());
  }
  return calibrate_from_candidate(doc, id, std::move(base), path);
}

}  // namespace grappe::sim
