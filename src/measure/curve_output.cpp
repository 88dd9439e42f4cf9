#include "grappe/measure/curve_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe::measure {

namespace {

std::string number(double v) { return std::isnan(v) ? "NaN" : fmt::format("{:.12g}", v); }

nlohmann::json json_number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

void write_curve_csv(const std::filesystem::path& path, const CurveAnalysis& a, const CurveLabels& labels) {
  auto out = open_output(path, "curve file");
  out << "r," << labels.value_column;
  if (a.envelope) out << ",lo_local,hi_local,lo_global,hi_global,localised,dispersed";
  out << '\n';
  for (std::size_t k = 0; k < a.r.size(); ++k) {
    out << number(a.r[k]) << ',' << number(a.observed[k]);
    if (const auto& e = a.envelope) {
      out << ',' << number(e->lo_local[k]) << ',' << number(e->hi_local[k]) << ',' << number(e->lo_global[k]) << ','
          << number(e->hi_global[k]) << ',' << int(a.test.localised[k]) << ',' << int(a.test.dispersed[k]);
    }
    out << '\n';
  }
  check_written(out, path, "curve file");
}

std::string summary_json(const CurveAnalysis& a, const CurveLabels& labels) {
  nlohmann::json j;
  j["estimator"] = labels.value_column;
  j["title"] = labels.title;
  j["r_min"] = a.r.front(), j["r_max"] = a.r.back(), j["r_count"] = a.r.size();
  if (labels.value_column == "kd") {
    j["bandwidth"] = json_number(a.kd_details.bandwidth);
    j["pairs_within_2rmax"] = a.kd_details.pairs;
    j["bin_width"] = a.kd_details.bin_width;
    j["kd_error_bound"] = a.kd_details.error_bound;
  }
  if (const auto& e = a.envelope) {
    j["simulations"] = e->simulations;
    j["confidence"] = e->confidence;
    j["global_upper_rank"] = e->upper_rank, j["global_lower_rank"] = e->lower_rank;
    j["global_upper_crossing"] = e->upper_crossing, j["global_lower_crossing"] = e->lower_crossing;
    j["gamma"] = a.test.gamma, j["psi"] = a.test.psi;
    j["localised"] = a.test.is_localised(), j["dispersed"] = a.test.is_dispersed();
    nlohmann::json localised = nlohmann::json::array(), dispersed = nlohmann::json::array();
    for (std::size_t k = 0; k < a.r.size(); ++k) {
      if (a.test.localised[k]) localised.push_back(a.r[k]);
      if (a.test.dispersed[k]) dispersed.push_back(a.r[k]);
    }
    j["localised_at"] = localised, j["dispersed_at"] = dispersed;
  }
  return j.dump(2);
}

std::string summary_text(const CurveAnalysis& a, const CurveLabels& labels) {
  std::string text = labels.title;
  if (labels.value_column == "kd")
    text += fmt::format(": bandwidth {:.1f} m, {} pairs within 2·rmax", a.kd_details.bandwidth, a.kd_details.pairs);
  if (const auto& e = a.envelope) {
    text += fmt::format("; {} simulations, Γ = {:.6g}, Ψ = {:.6g} → {}", e->simulations, a.test.gamma, a.test.psi,
                        a.test.is_localised() ? "localised" : a.test.is_dispersed() ? "dispersed" : "neither localised nor dispersed");
    text += fmt::format(" (global bands crossed by {:.1f}% / {:.1f}% of simulations)", 100 * e->upper_crossing,
                        100 * e->lower_crossing);
  }
  return text;
}

}  // namespace grappe::measure
