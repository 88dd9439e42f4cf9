#pragma once
// Writing an analysed curve: a tidy CSV other tools can read (r in metres, the estimate, the
// envelopes when simulated), a JSON summary (bandwidth, Γ, Ψ, band ranks…), and an SVG plot.
#include <cmath>
#include <filesystem>
#include <string>

#include "grappe/measure/analysis.hpp"

namespace grappe::measure {

struct CurveLabels {
  std::string value_column = "kd";  // "kd" or "m"
  std::string title;                // e.g. "Kd of type A (points5k.csv)"
  std::string y_label;              // e.g. "K-density (per km)"
  double y_scale = 1;               // plot only: 1000 turns a density per metre into per km
  double reference_line = NAN;      // plot only: a horizontal line (M = 1), NaN for none
};

// Columns r,<value>[,lo_local,hi_local,lo_global,hi_global,localised,dispersed].
void write_curve_csv(const std::filesystem::path& path, const CurveAnalysis& analysis, const CurveLabels& labels);
// One JSON object (also used by the CLI's stderr summary).
std::string summary_json(const CurveAnalysis& analysis, const CurveLabels& labels);
// One-paragraph human summary for stderr.
std::string summary_text(const CurveAnalysis& analysis, const CurveLabels& labels);
// A simple, readable SVG line chart with the envelopes, drawn by hand.
void write_curve_svg(const std::filesystem::path& path, const CurveAnalysis& analysis, const CurveLabels& labels);

}  // namespace grappe::measure
