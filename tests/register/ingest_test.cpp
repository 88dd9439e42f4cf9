#include "grappe/register/ingest.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/register/register.hpp"

using namespace grappe;
namespace fs = std::filesystem;

namespace {
const fs::path kCases = fs::path(GRAPPE_SOURCE_DIR) / "tests/data/register";

IngestOptions options(const std::string& name) {
  IngestOptions o;
  o.establishments = kCases / "tricky_etablissements.csv";
  o.out = fs::temp_directory_path() / ("grappe_ingest_test_" + std::to_string(::getpid()) + "_" + name);
  o.report_reject = [](const std::string&) {};
  return o;
}

nlohmann::json expected() {
  std::ifstream in(kCases / "tricky_expected_summary.json");
  return nlohmann::json::parse(in);
}

nlohmann::json comparable(const IngestSummary& s) {
  auto j = summary_json(s);
  j.erase("seconds");
  j.erase("legal_units");
  j.erase("successions");
  return j;
}
}  // namespace

TEST(Ingest, TrickyCasesGiveTheExpectedSummaryWhateverTheBlockSize) {
  for (std::size_t block : {64, 512, 8 << 20}) {
    auto o = options("tricky");
    o.block_bytes = block;
    o.run_rows = 3;  // several sorted runs
    EXPECT_EQ(comparable(run_ingest(o)), expected()) << "block " << block;
    fs::remove(o.out);
  }
}

TEST(Ingest, RegisterHoldsTheKeptRows) {
  auto o = options("rows");
  run_ingest(o);
  Register r = Register::open(o.out);
  ASSERT_EQ(r.size(), 8u);
  const auto paris = r.find_siret(55210001800019);
  ASSERT_NE(paris, SIZE_MAX);
  EXPECT_NEAR(r.lon()[paris], 2.308310, 1e-5);
  EXPECT_NEAR(r.lat()[paris], 48.850244, 1e-5);
  EXPECT_EQ(r.x()[paris], 649242.57);
  EXPECT_EQ(r.address(paris), "RUE DES FORGES");
  EXPECT_EQ(r.name(r.find_siret(55210002600012)), "Agencements \"Dupont\", fils");
  EXPECT_EQ(r.name(r.find_siret(55210003400016)), "Menuiserie\nde la Sologne");
  const auto guadeloupe = r.find_siret(55210012500012);
  EXPECT_TRUE(r.flags()[guadeloupe] & kOverseas);
  EXPECT_TRUE(r.has_location(guadeloupe));
  EXPECT_LT(r.lon()[guadeloupe], -60);
  const auto undisclosed = r.find_siret(55210004200019);  // [ND] coordinates, in Paris 8e
  EXPECT_FALSE(r.has_location(undisclosed));
  EXPECT_EQ(r.position_source(undisclosed), PositionSource::commune);
  EXPECT_NEAR(r.x()[undisclosed], 649242.57, 0.1);  // the median of the 8e's located establishments
  EXPECT_EQ(r.position_source(r.find_siret(55210018200013)), PositionSource::none);  // no commune
  EXPECT_EQ(r.position_source(paris), PositionSource::lambert);
  EXPECT_EQ(r.commune()[r.find_siret(55210018200013)], kNoCommune);
  EXPECT_EQ(r.headcount()[r.find_siret(55210015800013)], 0.0f);  // NN, CRLF line
  fs::remove(o.out);
}

TEST(Ingest, IncludeClosedKeepsClosedRowsButStillChecksThem) {
  auto o = options("closed");
  o.include_closed = true;
  const auto s = run_ingest(o);
  EXPECT_EQ(s.skipped_closed, 0u);
  EXPECT_EQ(s.kept, 9u);  // line 8; line 21 (closed, bad NAF) is now rejected
  EXPECT_EQ(s.rejected.size(), 8u);
  EXPECT_EQ(s.rows_read, s.kept + s.skipped_old_nomenclature + s.skipped_no_nomenclature + s.rejected.size());
  fs::remove(o.out);
}

TEST(Ingest, StrictStopsAtTheFirstRejectedRow) {
  auto o = options("strict");
  o.strict = true;
  try {
    run_ingest(o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tricky_etablissements.csv:10"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("99.99Z"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(o.out));
}

TEST(Ingest, RejectsFileListsEveryRejectedRecord) {
  auto o = options("rejects");
  o.rejects = o.out.string() + ".rejects.csv";
  run_ingest(o);
  std::ifstream in(o.rejects);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text.rfind("line,reason,siren,", 0), 0u);
  EXPECT_NE(text.find("\n16,unknown_naf,"), std::string::npos);
  EXPECT_NE(text.find("\"CHEMIN\nDU\nMOULIN\""), std::string::npos);
  fs::remove(o.out);
  fs::remove(o.rejects);
}
