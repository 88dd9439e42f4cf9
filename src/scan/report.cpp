#include "grappe/scan/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/candidate_io.hpp"
#include "report_parts.hpp"

namespace grappe {

namespace {

// Plate carrée scaled by cos(46.5°): close enough to a conformal map at the scale of France.
struct Projection {
  double lon0 = -5.5, lat1 = 51.2, kx = 100 * std::cos(46.5 * M_PI / 180), ky = 100;
  double x(double lon) const { return (lon - lon0) * kx; }
  double y(double lat) const { return (lat1 - lat) * ky; }
  double metres(double m) const { return m / 111320.0 * ky; }
};

bool metropolitan(double lon, double lat) { return lon > -6 && lon < 10 && lat > 41 && lat < 52; }

std::string ring_path(const nlohmann::json& ring, const Projection& p) {
  std::string d;
  for (std::size_t i = 0; i < ring.size(); ++i)
    d += fmt::format("{}{:.1f},{:.1f}", i ? "L" : "M", p.x(ring[i][0].get<double>()), p.y(ring[i][1].get<double>()));
  return d + "Z";
}

std::string departments_svg(const Projection& p) {
  std::ifstream in(data_dir() / "departements.geojson");
  if (!in) throw Error("Cannot read " + (data_dir() / "departements.geojson").string() + ".");
  const auto geo = nlohmann::json::parse(in);
  std::string out;
  for (const auto& f : geo["features"]) {
    const auto& g = f["geometry"];
    std::vector<nlohmann::json> polygons;
    if (g["type"] == "Polygon") polygons.push_back(g["coordinates"]);
    else for (const auto& poly : g["coordinates"]) polygons.push_back(poly);
    std::string d;
    for (const auto& poly : polygons) {
      const auto& first = poly[0][0];
      if (!metropolitan(first[0].get<double>(), first[1].get<double>())) continue;
      for (const auto& ring : poly) d += ring_path(ring, p);
    }
    if (d.empty()) continue;
    out += fmt::format("<path class=\"dep\" d=\"{}\"><title>{} {}</title></path>\n", d,
                       markup_escape(f["properties"].value("code", "")),
                       markup_escape(f["properties"].value("nom", "")));
  }
  return out;
}

std::string candidates_svg(const std::vector<Candidate>& candidates, const Projection& p, const ReportWords& w) {
  std::string out;
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    const Candidate& c = *it;
    for (const auto& ring : c.footprint) {
      std::string d;
      for (std::size_t i = 0; i < ring.size(); ++i)
        d += fmt::format("{}{:.2f},{:.2f}", i ? "L" : "M", p.x(ring[i].first), p.y(ring[i].second));
      out += fmt::format("<path class=\"foot\" d=\"{}Z\"/>\n", d);
    }
    for (const auto& m : c.members)
      out += fmt::format(
          "<circle class=\"member\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"0.6\"><title>{} — {}</title></circle>\n",
          p.x(m.lon), p.y(m.lat), markup_escape(m.name), markup_escape(c.trade_name));
    out += fmt::format(
        "<a href=\"#c{0}\"><circle class=\"window{1}\" cx=\"{2:.2f}\" cy=\"{3:.2f}\" r=\"{4:.2f}\">"
        "<title>#{0} {5}: {6} {8}</title></circle>"
        "<text x=\"{2:.2f}\" y=\"{7:.2f}\">{0}</text></a>\n",
        c.rank, c.strong ? " strong" : "", p.x(c.lon), p.y(c.lat), std::max(1.5, p.metres(c.radius_m)),
        markup_escape(c.trade_name), c.members.size(), p.y(c.lat) - std::max(1.5, p.metres(c.radius_m)) - 1,
        w.members_lower);
  }
  return out;
}

// The commune holding most members: a readable place name for the candidate.
std::string main_commune(const Candidate& c) {
  std::map<std::string, int> counts;
  for (const auto& m : c.members) ++counts[m.commune_name.empty() ? m.commune : m.commune_name];
  std::string best;
  int most = 0;
  for (const auto& [name, n] : counts)
    if (n > most) best = name, most = n;
  return best;
}

std::string yes_no(bool v, const ReportWords& w) { return v ? w.yes : w.no; }
std::string check(bool v) { return v ? "✓" : "✗"; }

std::string ranked_table(const std::vector<Candidate>& candidates, const ReportWords& w) {
  std::string out = fmt::format(
      "<table class=\"ranked\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>p</th><th>q</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      w.trade, w.place, w.members, w.radius_km, w.lq_short, w.rarity, w.employment, w.strong_short, w.score);
  for (const auto& c : candidates)
    out += fmt::format(
        "<tr><td><a href=\"#c{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td>"
        "<td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td><td>{9}</td><td>{10}</td>"
        "<td><b>{11}</b></td></tr>\n",
        c.rank, markup_escape(c.trade_name), markup_escape(main_commune(c)), c.members.size(),
        report_number(c.radius_m / 1000, 1, w), report_number(c.lq, 1, w),
        report_number(100 * c.rarity, 0, w) + "%", report_number(c.employment, 0, w),
        report_p_value(c.p_value, c.simulations, w), report_p_value(c.q_value, c.simulations, w),
        yes_no(c.strong, w), report_number(c.score, 1, w));
  return out + "</tbody></table>\n";
}

// One sentence a reader can act on: what, where, how unusual, how sure.
std::string verdict(const Candidate& c, const ReportWords& w) {
  const std::string ratio = c.expected > 0 ? fmt::format(fmt::runtime(w.times_expected),
                                                         report_number(c.trade_establishments / c.expected, 0, w))
                                           : w.none_expected;
  return fmt::format(fmt::runtime(w.verdict), c.trade_establishments, markup_escape(c.trade_name),
                     report_number(c.radius_m / 1000, 1, w), markup_escape(main_commune(c)), ratio,
                     report_p_value(c.p_value, c.simulations, w));
}

std::string candidate_section(const Candidate& c, const ReportWords& w) {
  std::string out = fmt::format(
      "<section id=\"c{0}\"><h3>#{0} {1} — {2}</h3>\n<p class=\"verdict\">{3}</p>\n<p class=\"codes\">NAF "
      "{4} · "
      "{5} {6}°E {7}°N · {8} {9} km</p>\n<dl>",
      c.rank, markup_escape(c.trade_name), markup_escape(main_commune(c)), verdict(c, w),
      markup_escape(fmt::format("{}", fmt::join(c.codes, ", "))), w.centre, report_number(c.lon, 4, w),
      report_number(c.lat, 4, w), w.radius, report_number(c.radius_m / 1000, 1, w));
  auto row = [&out](const std::string& term, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>", term, value);
  };
  row(w.members, fmt::format(fmt::runtime(w.members_value), c.trade_establishments, c.establishments,
                             report_number(c.expected, 1, w)));
  row(w.rarity, fmt::format(fmt::runtime(w.rarity_value), report_number(100 * c.rarity, 1, w), c.national_trade));
  row(w.lq, fmt::format(fmt::runtime(w.lq_value), report_number(c.lq, 2, w), report_number(c.employment_lq, 2, w)));
  row(w.employment, report_number(c.employment, 0, w));
  row(w.significance, fmt::format(fmt::runtime(w.significance_value), report_p_value(c.p_value, c.simulations, w),
                                  report_p_value(c.q_value, c.simulations, w), c.simulations,
                                  report_number(c.llr, 1, w)) +
                          (gumbel_tail(c.p_value, c.simulations) ? " <sup><a href=\"#gumbel\">*</a></sup>" : ""));
  // The verdict and its three conditions side by side, so that they can be checked.
  row(w.strong, fmt::format(fmt::runtime(w.strong_value), yes_no(c.strong, w), check(c.lq_top_quartile),
                            check(c.employment_above_bottom_quartile), check(c.establishments_above_bottom_quartile)));
  row(w.score, report_number(c.score, 1, w) + " / 100");
  out += "</dl>\n";
  out += lenses_and_words_html(c, w);
  out += fmt::format("<details><summary>{}</summary><table><thead><tr><th>SIRET</th><th>{}</th><th>{}</th>"
                     "<th>{}</th><th>{}</th><th>NAF</th><th>{}</th></tr></thead><tbody>\n",
                     w.members, w.name, w.address, w.commune, w.headcount, w.found_by);
  for (const auto& m : c.members)
    out += fmt::format(
        "<tr><td>{:014d}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        m.siret, markup_escape(m.name), markup_escape(m.address), markup_escape(m.commune),
        markup_escape(m.commune_name), headcount_band_text(m.headcount, w), markup_escape(m.code),
        markup_escape(fmt::format("{}", fmt::join(m.found_by, ", "))));
  return out + "</tbody></table></details>" + other_code_html(c, w) + "</section>\n";
}

std::string notes(const std::vector<Candidate>& candidates, const ReportWords& w) {
  bool any_gumbel = std::any_of(candidates.begin(), candidates.end(),
                                [](const Candidate& c) { return gumbel_tail(c.p_value, c.simulations); });
  std::string out = "<h2>" + std::string(w.notes_title) + "</h2>\n<dl class=\"notes\">";
  for (const auto& [term, text] : w.definitions) out += fmt::format("<dt>{}</dt><dd>{}</dd>", term, text);
  out += "</dl>\n";
  if (any_gumbel) out += fmt::format("<p id=\"gumbel\" class=\"note\">* {}</p>\n", w.gumbel_note);
  return out;
}

}  // namespace

std::string render_report(const std::vector<Candidate>& written, std::uint64_t register_size,
                          const ReportOptions& options) {
  const ReportWords& w = report_words(options.lang);
  std::vector<Candidate> candidates = written;  // trade names in the report's language
  localize_trade_names(candidates, w);
  const std::string title = options.title.empty() ? w.title : options.title;
  const Projection projection;
  std::ostringstream html;
  // No file path of the machine that wrote it: the report is meant to be mailed.
  html << "<!DOCTYPE html>\n<html lang=\"" << w.lang << "\"><head><meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
       << markup_escape(title) << "</title>\n<style>" << report_css() << "</style></head><body>\n<h1>"
       << markup_escape(title) << "</h1>\n"
       << "<p class=\"lead\">"
       << fmt::format(fmt::runtime(w.lead), candidates.size(),
                      report_number(static_cast<double>(register_size), 0, w))
       << "</p>\n"
       << "<div class=\"layout\"><svg class=\"map\" viewBox=\"0 0 1150 1030\" "
          "xmlns=\"http://www.w3.org/2000/svg\" "
          "role=\"img\" aria-label=\""
       << w.map_label << "\">\n"
       << departments_svg(projection) << candidates_svg(candidates, projection, w)
       << "</svg>\n<div class=\"table\">" << ranked_table(candidates, w) << "</div></div>\n<h2>"
       << w.candidates << "</h2>\n";
  for (const auto& c : candidates) html << candidate_section(c, w);
  if (!options.kd_paths.empty()) {
    html << "<h2>" << w.kd_title << "</h2>\n";
    for (const auto& path : options.kd_paths) html << kd_chart_svg(path);
  }
  html << notes(candidates, w) << "<footer>" << w.footer << "</footer></body></html>\n";
  return html.str();
}

void write_report(const ReportOptions& options) {
  report_words(options.lang);  // an unknown language fails before any work
  const Register reg = Register::open(options.register_path);
  const auto candidates = read_candidates(options.candidates_path);
  const std::string html = render_report(candidates, reg.size(), options);
  auto out = open_output(options.out, "report", true);
  out << html;
  check_written(out, options.out, "report");
}

}  // namespace grappe
