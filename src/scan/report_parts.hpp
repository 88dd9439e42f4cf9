#pragma once
// Pieces of the HTML report (internal): escaping, the style sheet, K-density charts.
#include <string>
#include <string_view>

#include "grappe/scan/candidate.hpp"

namespace grappe {

std::string html_escape(std::string_view text);
const char* report_css();
// Per candidate: the lenses that found it (codes, members), its proposed trade words and the
// firms of other codes that carry them ("same trade, other code").
std::string lenses_and_words_html(const Candidate& c);
std::string other_code_html(const Candidate& c);
// An inline SVG line chart of a `grappe kd` CSV: first column the distance r (metres), a column
// named "kd" (or the second column) the curve, and columns whose names contain "lo"/"hi" the band.
std::string kd_chart_svg(const std::string& path);

}  // namespace grappe
