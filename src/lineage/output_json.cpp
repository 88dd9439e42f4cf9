#include <fmt/format.h>

#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/lineage_output.hpp"

namespace grappe::lineage {

static std::string siren_text(std::uint32_t s) { return fmt::format("{:09d}", s); }

std::string lineage_summary(const Lineage& lineage, const NameOf& name_of) {
  if (lineage.ancestors.empty()) return fmt::format("no common ancestor among {} firms", lineage.members.size());
  const auto& top = lineage.ancestors.front();
  const auto name = name_of(top.siren);
  std::string text = fmt::format("{} of {} members descend from SIREN {}", top.descendants, lineage.members.size(),
                                 siren_text(top.siren));
  if (!name.empty()) text += " (" + name + ")";
  if (top.created != kUnknownDate) text += ", founded " + format_date(top.created);
  return text;
}

nlohmann::json lineage_json(const Lineage& lineage, const Genealogy& g, const NameOf& name_of) {
  using nlohmann::json;
  json members = json::array(), unknown = json::array(), ancestors = json::array(), edges = json::array(),
       roots = json::array();
  for (auto m : lineage.members) members.push_back(siren_text(m));
  for (auto m : lineage.unknown_members) unknown.push_back(siren_text(m));
  for (const auto& a : lineage.ancestors) {
    json paths = json::array();
    for (const auto& p : a.paths) {
      json path = json::array();
      for (auto s : p) path.push_back(siren_text(s));
      paths.push_back(path);
    }
    ancestors.push_back({{"siren", siren_text(a.siren)}, {"descendants", a.descendants},
                         {"created", format_date(a.created)}, {"name", name_of(a.siren)}, {"member", a.member},
                         {"paths", paths}});
  }
  for (const auto& e : lineage.edges)
    edges.push_back({{"parent", siren_text(e.parent)}, {"child", siren_text(e.child)},
                     {"source", source_name(e.source)}, {"date", format_date(e.date)}});
  for (auto r : lineage.roots)
    roots.push_back({{"siren", siren_text(r)}, {"created", format_date(g.created(r))}, {"name", name_of(r)}});
  json problems = json::object();
  for (int k = 0; k < static_cast<int>(ProblemKind::count_); ++k)
    problems[problem_name(static_cast<ProblemKind>(k))] = g.problem_count(static_cast<ProblemKind>(k));
  json samples = json::array();
  for (const auto& p : g.problems()) samples.push_back({{"kind", problem_name(p.kind)}, {"detail", p.detail}});
  problems["samples"] = samples;
  return {{"summary", lineage_summary(lineage, name_of)},
          {"members", members},
          {"unknown_members", unknown},
          {"ancestors", ancestors},
          {"edges", edges},
          {"roots", roots},
          {"problems", problems},
          {"folded_moves", g.folded_moves()}};
}

void write_lineage(const std::filesystem::path& path, const Lineage& lineage, const Genealogy& g,
                   const NameOf& name_of) {
  const auto ext = path.extension().string();
  std::string text;
  if (ext == ".json") text = lineage_json(lineage, g, name_of).dump(1) + "\n";
  else if (ext == ".dot" || ext == ".gv") text = lineage_dot(lineage, g, name_of);
  else if (ext == ".svg") text = lineage_svg(lineage, g, name_of);
  else throw InputError("--out must end in .json, .dot or .svg, not '" + path.filename().string() + "'");
  auto out = open_output(path, "lineage", true);
  out << text;
  check_written(out, path, "lineage");
}

}  // namespace grappe::lineage
