#pragma once
// `grappe report`: one self-contained HTML file (no network needed) for an economic developer:
// a map of metropolitan France (inline SVG drawn from data/departements.geojson) with the
// candidates' footprints and members, a ranked table, and per candidate its members and scores,
// with K-density charts when `grappe kd` CSV files are given.
#include <cstdint>
#include <string>
#include <vector>

#include "grappe/candidate/candidate.hpp"

namespace grappe {

struct ReportOptions {
  std::string register_path, candidates_path, out;
  std::vector<std::string> kd_paths;
  std::string title;        // empty: "grappe — latent clusters" in the report's language
  std::string lang = "en";  // "fr" or "en": every word of the report, and its number format
};

void write_report(const ReportOptions& options);
// The report's HTML for these candidates (register_size: establishments in the register).
std::string render_report(const std::vector<Candidate>& candidates, std::uint64_t register_size,
                          const ReportOptions& options);

}  // namespace grappe
