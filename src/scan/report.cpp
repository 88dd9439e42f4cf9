#include "grappe/scan/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grappe/common/error.hpp"
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
                       html_escape(f["properties"].value("code", "")), html_escape(f["properties"].value("nom", "")));
  }
  return out;
}

std::string candidates_svg(const std::vector<Candidate>& candidates, const Projection& p) {
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
      out += fmt::format("<circle class=\"member\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"0.6\"><title>{} — {}</title></circle>\n",
                         p.x(m.lon), p.y(m.lat), html_escape(m.name), html_escape(c.trade_name));
    out += fmt::format("<a href=\"#c{0}\"><circle class=\"window{1}\" cx=\"{2:.2f}\" cy=\"{3:.2f}\" r=\"{4:.2f}\">"
                       "<title>#{0} {5}: {6} members</title></circle>"
                       "<text x=\"{2:.2f}\" y=\"{7:.2f}\">{0}</text></a>\n",
                       c.rank, c.strong ? " strong" : "", p.x(c.lon), p.y(c.lat), std::max(1.5, p.metres(c.radius_m)),
                       html_escape(c.trade_name), c.members.size(), p.y(c.lat) - std::max(1.5, p.metres(c.radius_m)) - 1);
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

std::string ranked_table(const std::vector<Candidate>& candidates) {
  std::string out =
      "<table class=\"ranked\"><thead><tr><th>#</th><th>Trade</th><th>Place</th><th>Members</th><th>Radius km</th>"
      "<th>LQ</th><th>Rarity</th><th>Employment</th><th>p</th><th>q</th><th>Strong</th><th>Score</th></tr></thead><tbody>\n";
  for (const auto& c : candidates)
    out += fmt::format("<tr><td><a href=\"#c{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4:.1f}</td>"
                       "<td>{5:.1f}</td><td>{6:.0f}%</td><td>{7:.0f}</td><td>{8:.3g}</td><td>{9:.3g}</td><td>{10}</td>"
                       "<td><b>{11:.1f}</b></td></tr>\n",
                       c.rank, html_escape(c.trade_name), html_escape(main_commune(c)), c.members.size(),
                       c.radius_m / 1000, c.lq, 100 * c.rarity, c.employment, c.p_value, c.q_value,
                       c.strong ? "yes" : "", c.score);
  return out + "</tbody></table>\n";
}

std::string candidate_section(const Candidate& c) {
  std::string out = fmt::format(
      "<section id=\"c{0}\"><h3>#{0} {1} — {2}</h3>\n<p class=\"codes\">NAF {3} · centre {4:.4f}°E {5:.4f}°N · "
      "radius {6:.1f} km</p>\n<dl>"
      "<dt>Members</dt><dd>{7} of {8} establishments in the window (expected {9:.1f})</dd>"
      "<dt>Rarity</dt><dd>{10:.1f}% of the {11} active establishments of this trade in France</dd>"
      "<dt>Location quotient</dt><dd>{12:.2f} (establishments), {13:.2f} (employment)</dd>"
      "<dt>Employment</dt><dd>{14:.0f}</dd><dt>Significance</dt><dd>p = {15:.3g}, q = {16:.3g} "
      "({17} simulations, LLR {18:.1f})</dd><dt>Strong cluster</dt><dd>{19} (LQ top quartile {20}, employment {21}, "
      "establishments {22})</dd><dt>Score</dt><dd>{23:.1f} / 100</dd></dl>\n",
      c.rank, html_escape(c.trade_name), html_escape(main_commune(c)), html_escape(fmt::format("{}", fmt::join(c.codes, ", "))),
      c.lon, c.lat, c.radius_m / 1000, c.trade_establishments, c.establishments, c.expected, 100 * c.rarity,
      c.national_trade, c.lq, c.employment_lq, c.employment, c.p_value, c.q_value, c.simulations, c.llr,
      c.strong ? "yes" : "no", c.lq_top_quartile ? "✓" : "✗", c.employment_above_bottom_quartile ? "✓" : "✗",
      c.establishments_above_bottom_quartile ? "✓" : "✗", c.score);
  out += lenses_and_words_html(c);
  out +=
      "<details><summary>Members</summary><table><thead><tr><th>SIRET</th><th>Name</th><th>Address</th>"
      "<th>Commune</th><th>Headcount</th><th>Code</th><th>Found by</th></tr></thead><tbody>\n";
  for (const auto& m : c.members)
    out += fmt::format(
        "<tr><td>{:014d}</td><td>{}</td><td>{}</td><td>{} "
        "{}</td><td>{:.0f}</td><td>{}</td><td>{}</td></tr>\n",
        m.siret, html_escape(m.name), html_escape(m.address), html_escape(m.commune),
        html_escape(m.commune_name), m.headcount, html_escape(m.code),
        html_escape(fmt::format("{}", fmt::join(m.found_by, ", "))));
  return out + "</tbody></table></details>" + other_code_html(c) + "</section>\n";
}

}  // namespace

void write_report(const ReportOptions& options) {
  const Register reg = Register::open(options.register_path);
  const auto candidates = read_candidates(options.candidates_path);
  const Projection projection;
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << html_escape(options.title)
       << "</title>\n<style>" << report_css() << "</style></head><body>\n<h1>" << html_escape(options.title) << "</h1>\n"
       << fmt::format("<p class=\"lead\">{} candidate clusters from <code>{}</code> (register of {} establishments). "
                      "Ranked by score: significance × (rarity, location quotient, size, strong-cluster rule); "
                      "see docs/scan.md.</p>\n",
                      candidates.size(), html_escape(options.candidates_path), reg.size())
       << "<div class=\"layout\"><svg class=\"map\" viewBox=\"0 0 1150 1030\" xmlns=\"http://www.w3.org/2000/svg\">\n"
       << departments_svg(projection) << candidates_svg(candidates, projection) << "</svg>\n<div class=\"table\">"
       << ranked_table(candidates) << "</div></div>\n<h2>Candidates</h2>\n";
  for (const auto& c : candidates) html << candidate_section(c);
  if (!options.kd_paths.empty()) {
    html << "<h2>K-density</h2>\n";
    for (const auto& path : options.kd_paths) html << kd_chart_svg(path);
  }
  html << "<footer>Written by grappe. Data: SIRENE (INSEE), départements © OpenStreetMap/GeoNames contributors.</footer>"
       << "</body></html>\n";
  std::ofstream out(options.out, std::ios::binary);
  if (!out) throw InputError(SourceLocation{options.out, 0, "", ""}, "Cannot write the report.");
  out << html.str();
}

}  // namespace grappe
