// One trade model for the scan and the measures: the same trade selects the same establishments
// in `grappe scan` (its cases) and in `grappe kd --trade` (its group), with one normaliser.
#include "grappe/register/trade.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "establishment.hpp"
#include "grappe/common/error.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/register/register.hpp"
#include "grappe/scan/register_scan.hpp"

namespace grappe {
namespace {

// Establishment k at (x, 6600000).
EstablishmentRecord record(std::uint64_t k, const std::string& naf, double x, const std::string& name) {
  return test::record(k, naf, x, 6600000, name);
}

// Joiners (43.32A/B) and furniture makers (31.01Z) with names in French and Polish spelling.
Register joiners() {
  RegisterBuilder b(Naf::load(), Territories::load());
  std::uint64_t k = 0;
  for (int i = 0; i < 40; ++i) b.add(record(++k, "56.10A", 600000 + 1000 * i, "X"));
  b.add(record(++k, "43.32A", 700000, "AGENCEMENT DUPONT"));
  b.add(record(++k, "43.32B", 700100, "Agencements Dvořák"));
  b.add(record(++k, "43.32B", 700200, "ASKA MENUISERIE"));
  b.add(record(++k, "43.32A", 700300, "Łaska Menuiserie"));
  b.add(record(++k, "31.01Z", 700400, "AGENCEMENT DU CENTRE"));
  return b.build();
}

// The trade's establishments as the scan counts them (alpha 1 and no simulation: every cluster
// is a candidate, and each candidate says how many establishments the trade has).
std::uint32_t scan_selection(const Register& reg, const Trade& trade) {
  RegisterScanRequest request;
  request.trades = {trade};
  request.scan.simulations = 0;
  request.scan.min_cases = 1;
  request.alpha = 1;
  request.min_trade_size = 1;
  const auto result = scan_register(reg, request);
  return result.candidates.empty() ? 0 : result.candidates.front().national_trade;
}

TEST(Trade, ScanAndMeasureSelectTheSameEstablishments) {
  const Register reg = joiners();
  // A class code (both joinery sub-classes) narrowed by a word: measure used to refuse it.
  const Trade joinery{"joinery", "Joinery", {"43.32"}, {"agencement"}, {}, {}};
  EXPECT_EQ(measure::trade_group(reg, joinery).rows.size(), 2u);
  EXPECT_EQ(scan_selection(reg, joinery), 2u);
  // A Latin Extended-A keyword: measure used to fold "Łaska" to "aska" and select ASKA too.
  const Trade laska{"laska", "Łaska", {"43.32A", "43.32B"}, {"Łaska"}, {}, {}};
  const auto rows = measure::trade_group(reg, laska).rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(reg.name(rows.front()), "Łaska Menuiserie");
  EXPECT_EQ(scan_selection(reg, laska), 1u);
  EXPECT_EQ(trade_rows(reg, laska), rows);
}

TEST(Trade, NormalizesLatin1AndLatinExtendedA) {
  EXPECT_EQ(normalize_words("Éts AGENCEMENT-Présentoirs d'Œuvre"), " ets agencement presentoirs d oeuvre ");
  EXPECT_EQ(normalize_words("Dvořák & Łaska, Žižkov"), " dvorak laska zizkov ");
  const std::vector<std::string> keys{normalize_words("présentoir"), normalize_words("mobilier commercial")};
  EXPECT_TRUE(matches_keywords(normalize_words("LES PRESENTOIRS DU SUD"), keys));
  EXPECT_TRUE(matches_keywords(normalize_words("Mobilier  Commercial SA"), keys));
  EXPECT_FALSE(matches_keywords(normalize_words("REPRESENTOIR"), keys));
  EXPECT_FALSE(matches_keywords(normalize_words("Mobilier de bureau"), keys));
}

TEST(Trade, SavedTradeReadsBackAndUnknownCodesNameTheTrade) {
  const auto path = std::filesystem::temp_directory_path() / "grappe_trade_test.json";
  Trade t{"found-1", "Shop fitting", {"31.01Z", "25.11Z"}, {"agencement"}, "Agencement", "Shop fitting"};
  save_trade(path, t);
  const Trade back = resolve_trade(path.string());
  EXPECT_EQ(back.id, "found-1");
  EXPECT_EQ(back.name_fr, "Agencement");
  EXPECT_EQ(back.codes, t.codes);
  EXPECT_EQ(back.keywords, t.keywords);
  std::filesystem::remove(path);
  const Register reg = joiners();
  try {
    trade_rows(reg, Trade{"bad", "Bad", {"99.99Q"}, {}, {}, {}});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'bad'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace grappe
