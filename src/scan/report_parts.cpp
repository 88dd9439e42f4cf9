#include "report_parts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/register/trade.hpp"

namespace grappe {

const char* report_css() {
  return R"(body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1500px}
h1{font-size:1.6em}.lead{color:#555;max-width:60em}.layout{display:flex;gap:1.5em;flex-wrap:wrap}
.map{width:560px;max-width:100%;height:auto;border:1px solid #ddd;background:#f7fbff}
.verdict{font-size:1.05em;max-width:60em}.note{color:#555;max-width:60em;font-size:.9em}
.dep{fill:#fff;stroke:#9aa;stroke-width:.6}.foot{fill:#e6550d;fill-opacity:.35;stroke:#a63603;stroke-width:.5}
.member{fill:#08519c}.window{fill:none;stroke:#e6550d;stroke-width:1.2}.window.strong{stroke:#a50f15;stroke-width:2}
text{font-size:11px;fill:#a50f15;text-anchor:middle;font-weight:bold}
.table{flex:1 1 40em;min-width:0;max-width:100%;overflow-x:auto}table{border-collapse:collapse;font-size:.9em}
td{white-space:nowrap}td:nth-child(2),td:nth-child(3){white-space:normal}
th,td{border-bottom:1px solid #e3e3e3;padding:.25em .5em;text-align:left}th{background:#f0f0f0}
section{border-top:2px solid #e6550d;margin-top:1.5em}dl{display:grid;grid-template-columns:12em auto;gap:.2em 1em}
dt{color:#666}.codes{color:#666}footer{margin-top:3em;color:#888;font-size:.8em}
.kd polyline{fill:none;stroke:#08519c;stroke-width:1.5}.kd .band{fill:#9ecae1;fill-opacity:.5;stroke:none}
.kd line{stroke:#999}.kd text{fill:#444;font-weight:normal;font-size:10px})";
}

std::string kd_chart_svg(const std::string& path) {
  auto in = open_input(path, "K-density file");
  CsvReader reader(in, path);
  const auto& header = reader.header();
  if (header.size() < 2) throw InputError(reader.where(), "Expected columns r,kd,… in a K-density file.");
  std::size_t kd_col = 1, lo_col = 0, hi_col = 0;
  for (std::size_t i = 1; i < header.size(); ++i) {
    if (header[i] == "kd") kd_col = i;
    if (!lo_col && header[i].find("lo") != std::string::npos) lo_col = i;
    if (!hi_col && header[i].find("hi") != std::string::npos) hi_col = i;
  }
  std::vector<std::vector<double>> rows;
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    if (fields.size() != header.size()) throw InputError(reader.where(), "Wrong number of fields.");
    std::vector<double> row;
    for (auto field : fields) {
      try {
        row.push_back(std::stod(std::string(field)));
      } catch (const std::exception&) {
        row.push_back(NAN);
      }
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return "";
  double rmax = 0, ymax = 0;
  for (const auto& r : rows) {
    rmax = std::max(rmax, r[0]);
    for (std::size_t c : {kd_col, lo_col, hi_col})
      if (c && std::isfinite(r[c])) ymax = std::max(ymax, r[c]);
  }
  if (rmax <= 0 || ymax <= 0) return "";
  const double w = 480, h = 200, left = 50, bottom = 20;
  auto X = [&](double r) { return left + r / rmax * w; };
  auto Y = [&](double v) { return h - v / ymax * (h - 10); };
  std::string curve, band_top, band_bottom;
  for (const auto& r : rows) {
    curve += fmt::format("{:.1f},{:.1f} ", X(r[0]), Y(r[kd_col]));
    if (lo_col && hi_col) {
      band_top += fmt::format("{:.1f},{:.1f} ", X(r[0]), Y(r[hi_col]));
      band_bottom = fmt::format("{:.1f},{:.1f} ", X(r[0]), Y(r[lo_col])) + band_bottom;
    }
  }
  std::string out = fmt::format("<figure><svg class=\"kd\" width=\"{}\" height=\"{}\">", w + left + 10, h + bottom + 5);
  if (!band_top.empty()) out += fmt::format("<polygon class=\"band\" points=\"{}{}\"/>", band_top, band_bottom);
  out += fmt::format("<polyline points=\"{}\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", curve, left, h, left + w, h);
  out += fmt::format("<text x=\"{}\" y=\"{}\">0</text><text x=\"{}\" y=\"{}\">{:.0f} km</text>", left, h + 14, left + w,
                     h + 14, rmax / 1000);
  // The file's name, not its path on the machine that wrote the report.
  return out + fmt::format("</svg><figcaption>{}</figcaption></figure>\n",
                           markup_escape(std::filesystem::path(path).filename().string()));
}

namespace {

const char* kind_text(const std::string& kind, const ReportWords& w) {
  if (kind == "subclass") return w.kind_subclass;
  if (kind == "trade") return w.kind_trade;
  if (kind == "discovered") return w.kind_discovered;
  return kind.c_str();
}

}  // namespace

std::string lenses_and_words_html(const Candidate& c, const ReportWords& w) {
  std::string out = fmt::format(
      "<table class=\"lenses\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>LLR</th><th>p</th><th>q</th></tr></thead><tbody>\n",
      w.found_by, w.lens_kind, w.codes, w.members);
  for (const auto& l : c.lenses)
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        markup_escape(l.trade_name), markup_escape(kind_text(l.kind, w)),
        markup_escape(fmt::format("{}", fmt::join(l.codes, ", "))), l.members, report_number(l.llr, 1, w),
        report_p_value(l.p_value, c.simulations, w), report_p_value(l.q_value, c.simulations, w));
  out += "</tbody></table>\n";
  if (c.words.empty()) return out;
  out += std::string("<p class=\"words\">") + w.trade_words;
  for (std::size_t i = 0; i < c.words.size(); ++i)
    out += fmt::format("{}<b>{}</b> ({})", i ? ", " : "", markup_escape(c.words[i].word),
                       fmt::format(fmt::runtime(w.word_counts), report_number(c.words[i].g2, 0, w),
                                   c.words[i].members, c.words[i].national));
  return out + "</p>\n";
}

std::string other_code_html(const Candidate& c, const ReportWords& w) {
  if (c.other_code_members.empty()) return "";
  std::string out = fmt::format(
      "<details><summary>{}</summary><table><thead><tr><th>SIRET</th>"
      "<th>{}</th><th>Code</th></tr></thead><tbody>\n",
      fmt::format(fmt::runtime(w.other_code), c.other_code_members.size()), w.name);
  for (const auto& m : c.other_code_members)
    out += fmt::format("<tr><td>{:014d}</td><td>{}</td><td>{}</td></tr>\n", m.siret, markup_escape(m.name),
                       markup_escape(m.code));
  return out + "</tbody></table></details>";
}

namespace {

std::string localized_name(const std::string& id, const std::string& name,
                           const std::vector<Trade>& catalogue, const ReportWords& w) {
  const bool fr = std::string_view(w.lang) == "fr";
  for (const auto& t : catalogue)
    if (t.id == id || (!name.empty() && (name == t.name_en || name == t.name_fr))) {
      const std::string& local = fr ? t.name_fr : t.name_en;
      return local.empty() ? t.name : local;
    }
  // Discovered trades are written with the English name (the French one is in their trade file).
  const std::string_view english = "Trade found at ";
  if (name.rfind(english, 0) == 0) return w.found_at + name.substr(english.size());
  return name;
}

}  // namespace

void localize_trade_names(std::vector<Candidate>& candidates, const ReportWords& w) {
  std::vector<Trade> catalogue;
  try {
    catalogue = trade_catalogue();
  } catch (const std::exception&) {
    // no catalogue installed: the names as the scan wrote them
  }
  for (auto& c : candidates) {
    c.trade_name = localized_name(c.trade, c.trade_name, catalogue, w);
    for (auto& l : c.lenses) l.trade_name = localized_name(l.trade, l.trade_name, catalogue, w);
  }
}

}  // namespace grappe
