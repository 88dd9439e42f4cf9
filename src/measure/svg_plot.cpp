// A hand-drawn SVG line chart: the global band shaded, the local band dashed, the observed curve
// in bold, distances in km on the x axis.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/markup.hpp"
#include "grappe/measure/curve_output.hpp"

namespace grappe::measure {

namespace {

constexpr double kWidth = 760, kHeight = 460, kLeft = 80, kRight = 20, kTop = 40, kBottom = 60;

// A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `span`.
double tick_step(double span, int count) {
  double raw = span / count, magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

struct Frame {
  double x0, x1, y0, y1;
  double px(double x) const { return kLeft + (x - x0) / (x1 - x0) * (kWidth - kLeft - kRight); }
  double py(double y) const { return kHeight - kBottom - (y - y0) / (y1 - y0) * (kHeight - kTop - kBottom); }
};

std::string polyline(const Frame& f, const std::vector<double>& r, const std::vector<double>& v, double scale) {
  std::string points;
  for (std::size_t k = 0; k < r.size(); ++k)
    if (std::isfinite(v[k])) points += fmt::format("{:.1f},{:.1f} ", f.px(r[k] / 1000), f.py(v[k] * scale));
  return points;
}

}  // namespace

void write_curve_svg(const std::filesystem::path& path, const CurveAnalysis& a, const CurveLabels& labels) {
  double lo = INFINITY, hi = -INFINITY;
  auto extend = [&](const std::vector<double>& v) {
    for (double x : v)
      if (std::isfinite(x)) lo = std::min(lo, x * labels.y_scale), hi = std::max(hi, x * labels.y_scale);
  };
  extend(a.observed);
  if (a.envelope) extend(a.envelope->hi_global), extend(a.envelope->lo_global);
  if (std::isfinite(labels.reference_line)) lo = std::min(lo, labels.reference_line), hi = std::max(hi, labels.reference_line);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  lo = std::min(lo, 0.0);
  if (hi <= lo) hi = lo + 1;
  Frame f{a.r.front() / 1000, a.r.back() / 1000, lo, hi + 0.05 * (hi - lo)};
  if (f.x1 <= f.x0) f.x1 = f.x0 + 1;

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
      kWidth, kHeight, kLeft, markup_escape(labels.title));
  // Grid and ticks.
  double xs = tick_step(f.x1 - f.x0, 9), ys = tick_step(f.y1 - f.y0, 6);
  for (double x = std::ceil(f.x0 / xs) * xs; x <= f.x1 + 1e-9; x += xs)
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#eee\"/><text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4:g}</text>\n",
                       f.px(x), kTop, kHeight - kBottom, kHeight - kBottom + 18, x);
  for (double y = std::ceil(f.y0 / ys) * ys; y <= f.y1 + 1e-12; y += ys)
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#eee\"/><text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:.3g}</text>\n",
                       kLeft, f.py(y), kWidth - kRight, kLeft - 6, f.py(y) + 4, y);
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", kLeft, kTop,
                     kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">distance (km)</text>\n", (kLeft + kWidth - kRight) / 2, kHeight - 18);
  svg += fmt::format("<text transform=\"translate(18,{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     (kTop + kHeight - kBottom) / 2, markup_escape(labels.y_label));
  if (const auto& e = a.envelope) {
    // Global band as a filled polygon: upper band left to right, lower band back.
    std::string band = polyline(f, a.r, e->hi_global, labels.y_scale);
    std::vector<double> r_back(a.r.rbegin(), a.r.rend()), lo_back(e->lo_global.rbegin(), e->lo_global.rend());
    band += polyline(f, r_back, lo_back, labels.y_scale);
    svg += "<polygon points=\"" + band + "\" fill=\"#9ecae1\" fill-opacity=\"0.5\" stroke=\"none\"/>\n";
    for (const auto* local : {&e->hi_local, &e->lo_local})
      svg += "<polyline points=\"" + polyline(f, a.r, *local, labels.y_scale) + "\" fill=\"none\" stroke=\"#3182bd\" stroke-dasharray=\"4 3\"/>\n";
  }
  if (std::isfinite(labels.reference_line))
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#555\" stroke-dasharray=\"2 2\"/>\n", kLeft,
                       f.py(labels.reference_line), kWidth - kRight);
  svg += "<polyline points=\"" + polyline(f, a.r, a.observed, labels.y_scale) + "\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n";
  // Legend.
  double lx = kWidth - kRight - 220, ly = kTop + 14;
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\">observed</text>\n",
                     lx, ly, lx + 24, ly, lx + 30, ly + 4);
  if (const auto& e = a.envelope) {
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"10\" fill=\"#9ecae1\"/><text x=\"{}\" y=\"{}\">global band ({} sims)</text>\n",
                       lx, ly + 12, lx + 30, ly + 21, e->simulations);
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#3182bd\" stroke-dasharray=\"4 3\"/><text x=\"{}\" y=\"{}\">local {:g}% band</text>\n",
                       lx, ly + 34, lx + 24, ly + 34, lx + 30, ly + 38, 100 * e->confidence);
  }
  svg += "</svg>\n";
  auto out = open_output(path, "plot");
  out << svg;
  check_written(out, path, "plot");
}

}  // namespace grappe::measure
