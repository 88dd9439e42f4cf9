#pragma once
// `grappe report`: one self-contained HTML file (no network needed) for an economic developer:
// a map of metropolitan France (inline SVG drawn from data/departements.geojson) with the
// candidates' footprints and members, a ranked table, and per candidate its members and scores,
// with K-density charts when `grappe kd` CSV files are given.
#include <string>
#include <vector>

namespace grappe {

struct ReportOptions {
  std::string register_path, candidates_path, out;
  std::vector<std::string> kd_paths;
  std::string title = "grappe — latent clusters";
};

void write_report(const ReportOptions& options);

}  // namespace grappe
