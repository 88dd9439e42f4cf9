#pragma once
// Pieces of the HTML report (internal): the style sheet, K-density charts. Text is escaped
// with markup_escape (grappe/common/markup.hpp).
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/common/markup.hpp"

namespace grappe {

// Every word of the report in one language (report_words.cpp). Strings with {} are fmt formats.
struct ReportWords {
  const char *lang, *title, *lead, *map_label, *candidates, *trade, *place, *members, *members_lower, *radius_km,
      *lq_short, *rarity, *employment, *strong_short, *score, *yes, *no, *verdict, *times_expected, *none_expected,
      *centre, *radius, *members_value, *rarity_value, *lq, *lq_value, *significance, *significance_value, *strong,
      *strong_value, *name, *address, *commune, *headcount, *headcount_unknown, *notes_title,
      *found_by;
  std::array<std::pair<const char*, const char*>, 7> definitions;
  const char *gumbel_note, *kd_title, *footer, *decimal, *thousands;
  // The lenses that found a candidate, its trade words, the firms of other codes.
  const char *lens_kind, *codes, *kind_subclass, *kind_trade, *kind_discovered, *trade_words, *word_counts,
      *other_code, *found_at;
};
// "fr" or "en"; anything else is an InputError.
const ReportWords& report_words(const std::string& lang);
// 1234.5 → "1,234.5" (en) or "1 234,5" (fr, narrow no-break space).
std::string report_number(double value, int decimals, const ReportWords& w);
// Whether p is below the Monte Carlo floor 1/(simulations+1), i.e. from the Gumbel tail.
bool gumbel_tail(double p, int simulations);
// A p- or q-value with its relation, as HTML: "= 0.012", "&lt; 0.001", "≈ 3·10⁻⁴" (Gumbel), "&lt; 10⁻⁶".
std::string report_p_value(double p, int simulations, const ReportWords& w);
// A headcount band midpoint (7.5) as its INSEE band ("6–9"); 0 (none or not declared) in words.
std::string headcount_band_text(double midpoint, const ReportWords& w);
const char* report_css();
// Per candidate: the lenses that found it (codes, members), its proposed trade words and the
// firms of other codes that carry them ("same trade, other code").
std::string lenses_and_words_html(const Candidate& c, const ReportWords& w);
std::string other_code_html(const Candidate& c, const ReportWords& w);
// Trade names in the report's language: a catalogue trade's (found by id or by either name) from
// the catalogue, a discovered trade's "Trade found at …" translated; sub-classes keep their NAF
// label (French only). For the candidates and each of their lenses.
void localize_trade_names(std::vector<Candidate>& candidates, const ReportWords& w);
// An inline SVG line chart of a `grappe kd` CSV: first column the distance r (metres), a column
// named "kd" (or the second column) the curve, and columns whose names contain "lo"/"hi" the band.
std::string kd_chart_svg(const std::string& path);

}  // namespace grappe
