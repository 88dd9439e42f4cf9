#include "truth.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/demo/siret.hpp"

namespace grappe::demo {

void write_truth(const std::filesystem::path& path, const DemoOptions& options, const DemoSummary& summary,
                 const Planted& planted) {
  using nlohmann::json;
  json truth;
  truth["generator"] = {{"version", version_string() + " demo-register 1"},
                        {"seed", options.seed},
                        {"establishments", options.establishments}};
  const auto& e = summary.ingest;
  json rejected_lines = json::array();
  for (const auto& r : e.rejected) rejected_lines.push_back({{"line", r.line}, {"reason", r.reason}});
  truth["ingest"] = {{"rows_read", e.rows_read},
                     {"kept", e.kept},
                     {"skipped", {{"closed", e.skipped_closed}, {"old_nomenclature", e.skipped_old_nomenclature}}},
                     {"no_location", e.no_location},
                     {"rejected", {{"count", e.rejected.size()}, {"lines", rejected_lines}}}};
  json clusters = json::array();
  json pioneers = json::array();
  for (const auto& c : planted.clusters) {
    json members = json::array();
    for (auto siret : c.members) members.push_back(format_siret(siret));
    clusters.push_back({{"id", c.id},
                        {"trade", c.trade},
                        {"codes", c.codes},
                        {"center", {{"lon", c.lon}, {"lat", c.lat}}},
                        {"radius_m", c.radius_m},
                        {"members", members},
                        {"root_siren", format_siren(c.root_siren)}});
    pioneers.push_back({{"cluster", c.id}, {"siren", format_siren(c.root_siren)}, {"created", format_day(c.root_created)}});
  }
  truth["clusters"] = clusters;
  json decoys = json::array();
  for (const auto& d : planted.decoys) decoys.push_back({{"id", d.id}, {"codes", d.codes}, {"kind", d.kind}});
  truth["decoys"] = decoys;
  json edges = json::array();
  for (const auto& g : planted.edges)
    edges.push_back({{"parent", format_siren(g.parent)},
                     {"child", format_siren(g.child)},
                     {"source", g.source},
                     {"date", format_day(g.date)},
                     {"cluster", g.cluster}});
  truth["genealogy_edges"] = edges;
  truth["pioneers"] = pioneers;
  auto out = open_output(path, "truth file");
  out << truth.dump(1) << '\n';
  check_written(out, path, "truth file");
}

}  // namespace grappe::demo
