// Runs `grappe demo-register` as a user would.
#include <gtest/gtest.h>

#include <filesystem>

#include "../cli_support.hpp"

namespace fs = std::filesystem;
using grappe::test::read_json;

// The exit code.
static int run(const std::string& args) {
  return grappe::test::run_grappe("-q " + args + " > /dev/null 2>&1").status;
}

TEST(DemoCli, WritesTheFiveFiles) {
  const auto dir = fs::temp_directory_path() / ("grappe_demo_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_EQ(run("demo-register --out " + dir.string() + " --establishments 5000 --seed 3 --threads 2"), 0);
  for (const char* f : {"StockEtablissement_utf8.csv", "StockUniteLegale_utf8.csv",
                        "StockEtablissementLiensSuccession_utf8.csv", "founders.csv", "truth.json"})
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  const auto truth = read_json(dir / "truth.json");
  EXPECT_EQ(truth["generator"]["establishments"], 5000);
  EXPECT_EQ(truth["generator"]["seed"], 3);
  fs::remove_all(dir);
}

TEST(DemoCli, BadOptionsExitNonZero) {
  EXPECT_NE(run("demo-register --out /tmp/x --establishments 10"), 0);
  EXPECT_NE(run("demo-register --establishments 5000"), 0);
}

// The contract between demo-register and ingest: `grappe ingest` with default options reports
// exactly the counts and rejected lines that truth.json predicts.
TEST(DemoCli, IngestReportsWhatTruthPredicts) {
  const auto dir = fs::temp_directory_path() / ("grappe_demo_ingest_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_EQ(run("demo-register --out " + dir.string() + " --establishments 30000 --seed 8"), 0);
  ASSERT_EQ(run("ingest --etablissements " + (dir / "StockEtablissement_utf8.csv").string() + " --unites-legales " +
                (dir / "StockUniteLegale_utf8.csv").string() + " --successions " +
                (dir / "StockEtablissementLiensSuccession_utf8.csv").string() + " --out " + (dir / "r.grappe").string() +
                " --summary " + (dir / "summary.json").string()),
            0);
  const auto truth = read_json(dir / "truth.json")["ingest"];
  const auto summary = read_json(dir / "summary.json");
  for (const char* key : {"rows_read", "kept", "no_location"}) EXPECT_EQ(summary[key], truth[key]) << key;
  EXPECT_EQ(summary["skipped"]["closed"], truth["skipped"]["closed"]);
  EXPECT_EQ(summary["skipped"]["old_nomenclature"], truth["skipped"]["old_nomenclature"]);
  EXPECT_EQ(summary["rejected"]["count"], truth["rejected"]["count"]);
  EXPECT_EQ(summary["rejected"]["lines"], truth["rejected"]["lines"]);
  fs::remove_all(dir);
}
