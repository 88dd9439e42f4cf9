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
