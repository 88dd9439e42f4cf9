// grappe report's words: French and English, p-values a reader can trust (Gumbel tail named,
// tiny ones as a bound), verdicts consistent with their conditions, no local path, bands.
#include "grappe/scan/report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../../src/scan/report_parts.hpp"
#include "grappe/common/error.hpp"
#include "grappe/scan/candidate_io.hpp"

namespace grappe {
namespace {

Candidate candidate(int rank, double p, int simulations) {
  Candidate c;
  c.rank = rank;
  c.p_value = c.q_value = p;
  c.simulations = simulations;
  c.trade = c.trade_name = "shop-fitting";
  c.lon = 1.74;
  c.lat = 47.36;
  c.radius_m = 12300;
  c.trade_establishments = 46;
  c.establishments = 900;
  c.expected = 0.5;
  c.strong = c.lq_top_quartile = c.employment_above_bottom_quartile = c.establishments_above_bottom_quartile =
      true;
  CandidateMember m;
  m.siret = 12345678900011;
  m.name = "MENUISERIE TEST";
  m.commune_name = "Romorantin-Lanthenay";
  m.headcount = 7.5;
  c.members = {m, m};
  c.members[1].headcount = 0;
  return c;
}

std::string render(const std::vector<Candidate>& cs, const std::string& lang) {
  ReportOptions o;
  o.lang = lang;
  o.candidates_path = "/home/someone/private/candidates.json";
  o.register_path = "/home/someone/private/sirene.grr";
  return render_report(cs, 123456, o);
}

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

TEST(Report, TinyGumbelPValueIsABoundAndNamedAsExtrapolated) {
  const std::string html = render({candidate(1, 9.19e-84, 99)}, "en");
  EXPECT_FALSE(has(html, "e-84"));
  EXPECT_TRUE(has(html, "p &lt; 10⁻⁶"));
  EXPECT_TRUE(has(html, "id=\"gumbel\""));  // the note explaining the extrapolation
  EXPECT_TRUE(has(html, "Gumbel"));
}

TEST(Report, PValueBetweenTheFloorAndAMillionthIsAnOrderOfMagnitude) {
  const std::string html = render({candidate(1, 3.2e-4, 99)}, "en");
  EXPECT_TRUE(has(html, "p ≈ 3·10⁻⁴"));
  EXPECT_TRUE(has(html, "id=\"gumbel\""));
}

TEST(Report, MonteCarloPValueIsPrintedAsItIsWithoutTheGumbelNote) {
  const std::string html = render({candidate(1, 0.012, 999)}, "en");
  EXPECT_TRUE(has(html, "p = 0.012"));
  EXPECT_FALSE(has(html, "id=\"gumbel\""));
}

TEST(Report, FrenchAndEnglish) {
  const std::string fr = render({candidate(1, 0.012, 999)}, "fr"),
                    en = render({candidate(1, 0.012, 999)}, "en");
  EXPECT_TRUE(has(fr, "<html lang=\"fr\">"));
  EXPECT_TRUE(has(fr, "Grappe forte</dt><dd>oui"));
  EXPECT_TRUE(has(fr, "p = 0,012"));  // decimal comma
  EXPECT_TRUE(has(fr, "123\u202f456 établissements"));
  EXPECT_TRUE(has(en, "<html lang=\"en\">"));
  EXPECT_TRUE(has(en, "Strong cluster</dt><dd>yes"));
  EXPECT_TRUE(has(en, "123,456 establishments"));
  EXPECT_THROW(render({}, "de"), InputError);
}

TEST(Report, PlainVerdictSaysWhatWhereHowUnusualHowSure) {
  const std::string html = render({candidate(1, 9.19e-84, 99)}, "en");
  EXPECT_TRUE(has(html,
                  "46 establishments of the trade “Shop fitting” lie within 12.3 km of Romorantin-Lanthenay: "
                  "92 times as many"));
  EXPECT_TRUE(has(html, "with a probability p &lt; 10⁻⁶"));
}

TEST(Report, NoPathOfTheMachineThatWroteIt) {
  EXPECT_FALSE(has(render({candidate(1, 0.01, 99)}, "en"), "/home/"));
}

TEST(Report, HeadcountBandsNotMidpointsAndUnknownNotZero) {
  const std::string html = render({candidate(1, 0.01, 99)}, "en");
  EXPECT_TRUE(has(html, "<td>6–9</td>"));
  EXPECT_TRUE(has(html, "<td>none declared</td>"));
  EXPECT_FALSE(has(html, "<td>8</td>"));
}

// "Strong cluster: yes" beside three ✗ came from flags lost between scan and report.
TEST(Report, StrongFlagsSurviveTheCandidatesFileSoTheVerdictMatchesThem) {
  const auto path = std::filesystem::temp_directory_path() / "grappe_report_test_candidates.json";
  Candidate weak = candidate(2, 0.01, 99);
  weak.strong = weak.employment_above_bottom_quartile = false;
  write_candidates(path, {candidate(1, 0.01, 99), weak});
  const auto back = read_candidates(path);
  std::filesystem::remove(path);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TRUE(back[0].strong && back[0].lq_top_quartile && back[0].employment_above_bottom_quartile &&
              back[0].establishments_above_bottom_quartile);
  EXPECT_FALSE(back[1].strong);
  EXPECT_TRUE(back[1].lq_top_quartile);
  EXPECT_FALSE(back[1].employment_above_bottom_quartile);
  const std::string html = render(back, "en");
  EXPECT_TRUE(has(html,
                  "yes: location quotient in the top quarter ✓, employment above the bottom quarter ✓, "
                  "establishments above the bottom quarter ✓"));
  EXPECT_TRUE(has(html, "no: location quotient in the top quarter ✓, employment above the bottom quarter ✗"));
}

// A place found by three lenses (the demo's shop fitters): the catalogue and discovered trades'
// names, the kinds, the words and the "other code" firms in the report's language.
TEST(Report, LensesWordsAndTradeNamesInFrenchAndEnglish) {
  Candidate c = candidate(1, 0.001, 999);
  c.trade = "found-31.01Z-75851707200016";
  c.trade_name = "Shop fitting";
  auto lens = [](const char* kind, const std::string& trade, const char* name,
                 std::vector<std::string> codes) {
    CandidateLens l;
    l.kind = kind;
    l.trade = trade;
    l.trade_name = name;
    l.codes = std::move(codes);
    return l;
  };
  c.lenses = {lens("discovered", c.trade, "Trade found at Romorantin-Lanthenay (31.01Z + 25.11Z)",
                   {"31.01Z", "25.11Z"}),
              lens("trade", "shop-fitting", "Shop fitting", {"31.01Z", "25.11Z"}),
              lens("subclass", "31.01Z", "Fabrication de meubles de bureau et de magasin", {"31.01Z"})};
  c.words = {{"agencement", 48.2, 20, 3}};
  CandidateMember other;
  other.siret = 98765432100019;
  other.name = "AGENCEMENT DU CENTRE";
  other.code = "43.32A";
  c.other_code_members = {other};
  const std::string fr = render({c}, "fr"), en = render({c}, "en");
  EXPECT_TRUE(has(fr, "du métier « Agencement de magasins »"));
  EXPECT_TRUE(has(
      fr, "<td>Métier trouvé à Romorantin-Lanthenay (31.01Z + 25.11Z)</td><td>codes trouvés ensemble</td>"));
  EXPECT_TRUE(has(fr, "<td>Agencement de magasins</td><td>métier du catalogue</td>"));
  EXPECT_TRUE(has(fr, "<td>Fabrication de meubles de bureau et de magasin</td><td>sous-classe NAF</td>"));
  EXPECT_TRUE(has(fr, "Mots du métier"));
  EXPECT_TRUE(has(fr, "<b>agencement</b> (48 ; 20 membres, 3 ailleurs)"));
  EXPECT_TRUE(has(fr, "Même métier, autre code (1)"));
  EXPECT_TRUE(has(en, "of the trade “Shop fitting”"));
  EXPECT_TRUE(
      has(en, "<td>Trade found at Romorantin-Lanthenay (31.01Z + 25.11Z)</td><td>codes found together</td>"));
  EXPECT_TRUE(has(en, "<td>Shop fitting</td><td>catalogue trade</td>"));
  EXPECT_TRUE(has(en, "<b>agencement</b> (48; 20 members, 3 elsewhere)"));
  EXPECT_TRUE(has(en, "Same trade, other code (1)"));
  EXPECT_FALSE(has(fr, "Found by"));
  EXPECT_FALSE(has(fr, "Trade words"));
}

// A K-density CSV of `grappe kd` (r,kd,lo,hi) becomes a curve with its envelope band, captioned
// with the file's name; a ragged row is refused naming its line.
TEST(Report, DrawsTheKdCsvAndNamesABadLine) {
  const auto path = std::filesystem::temp_directory_path() / "grappe_report_kd.csv";
  std::ofstream(path) << "r,kd,lo,hi\r\n0,0,0,0\r\n1000,2e-4,1e-4,3e-4\r\n";
  const std::string svg = kd_chart_svg(path.string());
  EXPECT_NE(svg.find("<polygon class=\"band\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("<polyline points=\"50.0,200.0 530.0,73.3 \"/>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<figcaption>grappe_report_kd.csv</figcaption>"), std::string::npos) << svg;
  std::ofstream(path) << "r,kd\n0,0\n1000\n";
  try {
    kd_chart_svg(path.string());
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("grappe_report_kd.csv:3"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace grappe
