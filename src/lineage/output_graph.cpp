// DOT and SVG renderings of a lineage.
#include <fmt/format.h>

#include <algorithm>

#include "grappe/common/markup.hpp"
#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/lineage_output.hpp"
#include "layout.hpp"

namespace grappe::lineage {
namespace {

// SVG text is drawn on one line: a line break becomes a space.
std::string escape_xml(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return markup_escape(s);
}

std::string escape_dot(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// Cuts a UTF-8 name to about `n` bytes without splitting a character.
std::string shorten(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  std::size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

const char* edge_colour(EdgeSource s) {
  return s == EdgeSource::succession ? "#1f77b4" : s == EdgeSource::founder ? "#d62728" : "#2ca02c";
}

}  // namespace

std::string lineage_dot(const Lineage& lineage, const Genealogy& g, const NameOf& name_of) {
  std::string out = "digraph lineage {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n";
  out += fmt::format("  label=\"{}\";\n", escape_dot(lineage_summary(lineage, name_of)));
  const std::uint32_t top = lineage.ancestors.empty() ? 0 : lineage.ancestors.front().siren;
  for (auto s : lineage.nodes) {
    const bool member = std::binary_search(lineage.members.begin(), lineage.members.end(), s);
    const char* fill = s == top ? "#fdd0a2" : member ? "#e5f5e0" : "#f0f0f0";
    out += fmt::format("  \"{:09d}\" [label=\"{:09d}\\n{}\\n{}\", fillcolor=\"{}\"];\n", s, s,
                       escape_dot(shorten(name_of(s), 32)), format_date(g.created(s)), fill);
  }
  for (const auto& e : lineage.edges)
    out += fmt::format("  \"{:09d}\" -> \"{:09d}\" [color=\"{}\", style={}, tooltip=\"{} {}\"];\n", e.parent, e.child,
                       edge_colour(e.source), e.source == EdgeSource::founder ? "dashed" : e.source == EdgeSource::declared ? "dotted" : "solid",
                       source_name(e.source), format_date(e.date));
  return out + "}\n";
}

std::string lineage_svg(const Lineage& lineage, const Genealogy& g, const NameOf& name_of) {
  constexpr int kBoxW = 176, kBoxH = 50, kGapX = 18, kGapY = 56, kMargin = 20, kHeader = 54;
  const auto layout = layered_layout(lineage, g);
  std::size_t widest = 1;
  for (const auto& row : layout.rows) widest = std::max(widest, row.size());
  const int width = 2 * kMargin + static_cast<int>(widest) * (kBoxW + kGapX);
  const int height = kHeader + 2 * kMargin + static_cast<int>(layout.rows.size()) * (kBoxH + kGapY);
  auto x_of = [&](int layer, int i) {
    const int row = static_cast<int>(layout.rows[static_cast<std::size_t>(layer)].size());
    const int offset = (static_cast<int>(widest) - row) * (kBoxW + kGapX) / 2;  // centre each row
    return kMargin + offset + i * (kBoxW + kGapX);
  };
  auto y_of = [&](int layer) { return kHeader + kMargin + layer * (kBoxH + kGapY); };
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"Helvetica, Arial, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      width, height);
  out += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n", kMargin,
                     escape_xml(lineage_summary(lineage, name_of)));
  out += fmt::format("<text x=\"{}\" y=\"44\" font-size=\"11\"><tspan fill=\"#1f77b4\">— establishment transfer</tspan>"
                     "  <tspan fill=\"#d62728\">- - founder spin-off</tspan>  <tspan fill=\"#2ca02c\">··· declared origin</tspan>"
                     "</text>\n", kMargin);
  for (const auto& e : lineage.edges) {
    const auto [pl, pi] = layout.position(e.parent);
    const auto [cl, ci] = layout.position(e.child);
    if (pl < 0 || cl < 0) continue;
    const int x1 = x_of(pl, pi) + kBoxW / 2, y1 = y_of(pl) + kBoxH;
    const int x2 = x_of(cl, ci) + kBoxW / 2, y2 = y_of(cl);
    const int my = (y1 + y2) / 2;
    out += fmt::format("<path d=\"M{} {} C{} {} {} {} {} {}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.3\"{}>"
                       "<title>{} {}</title></path>\n",
                       x1, y1, x1, my, x2, my, x2, y2, edge_colour(e.source),
                       e.source == EdgeSource::founder ? " stroke-dasharray=\"5,3\"" : e.source == EdgeSource::declared ? " stroke-dasharray=\"1,3\"" : "",
                       source_name(e.source), format_date(e.date));
  }
  const std::uint32_t top = lineage.ancestors.empty() ? 0 : lineage.ancestors.front().siren;
  for (std::size_t l = 0; l < layout.rows.size(); ++l)
    for (std::size_t i = 0; i < layout.rows[l].size(); ++i) {
      const auto s = layout.rows[l][i];
      const bool member = std::binary_search(lineage.members.begin(), lineage.members.end(), s);
      const int x = x_of(static_cast<int>(l), static_cast<int>(i)), y = y_of(static_cast<int>(l));
      const char* fill = s == top ? "#fdd0a2" : member ? "#e5f5e0" : "#f0f0f0";
      out += fmt::format("<g><rect class=\"firm\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"#555\"/>"
                         "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\">{:09d}</text>"
                         "<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>"
                         "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555\">{}</text></g>\n",
                         x, y, kBoxW, kBoxH, fill, x + 6, y + 14, s, x + 6, y + 28,
                         escape_xml(shorten(name_of(s), 26)), x + 6, y + 42,
                         escape_xml(format_date(g.created(s)) + (member ? "  member" : "")));
    }
  return out + "</svg>\n";
}

}  // namespace grappe::lineage
