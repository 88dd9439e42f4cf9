// `grappe simulate` end to end (runs the binary: integration).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../cli_support.hpp"

namespace {

using grappe::test::read_json, grappe::test::RunResult;

RunResult run(const std::string& args) { return grappe::test::run_grappe(args + " 2>/dev/null"); }

const std::string kData = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/sim/";
// One folder per process: CTest runs these tests as parallel processes.
const std::filesystem::path kTmp =
    std::filesystem::temp_directory_path() / ("grappe_sim_cli_test_" + std::to_string(::getpid()));

}  // namespace

TEST(SimulateCli, ValidateQuickPassesAndWritesCases) {
  std::filesystem::create_directories(kTmp);
  RunResult r = run("simulate --validate --quick --threads 2 --out " + (kTmp / "cases.json").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Granovetter uniform riot"), std::string::npos);
  auto j = read_json(kTmp / "cases.json");
  ASSERT_GE(j["cases"].size(), 30u);
  for (const auto& c : j["cases"]) {
    for (const char* key : {"case", "parameters", "expected", "measured", "tolerance", "pass"}) EXPECT_TRUE(c.contains(key));
    EXPECT_TRUE(c["pass"].get<bool>()) << c.dump();
  }
  EXPECT_EQ(j["program"].get<std::string>().rfind("grappe ", 0), 0u);
}

TEST(SimulateCli, CandidateScenarioWithSweepsIsReproducibleAcrossThreads) {
  std::filesystem::create_directories(kTmp);
  std::string common = "simulate --candidate " + kData + "candidates.json --id 1 --scenario " + kData +
                       "scenario.json --replications 60 --seed 5 --sweep hours";
  RunResult one = run(common + " --threads 1 --out " + (kTmp / "one.json").string());
  RunResult two = run(common + " --threads 2 --out " + (kTmp / "two.json").string());
  ASSERT_EQ(one.status, 0) << one.out;
  ASSERT_EQ(two.status, 0) << two.out;
  EXPECT_NE(one.out.find("critical mass by  5 years"), std::string::npos) << one.out;
  auto a = read_json(kTmp / "one.json"), b = read_json(kTmp / "two.json");
  EXPECT_EQ(a["results"], b["results"]);
  EXPECT_EQ(a["sweeps"], b["sweeps"]);
  EXPECT_EQ(a["master_seed"], 5);
  EXPECT_EQ(a["scenario"]["population"]["firms_data"].size(), 60u);
  EXPECT_EQ(a["results"]["critical_mass_by"].size(), 3u);
  EXPECT_EQ(a["sweeps"].size(), 5u);
  EXPECT_EQ(a["sweeps"][0]["value_of_animation"]["delta"], 0.0);  // H = 0 against itself
}

TEST(SimulateCli, BadInputExitsTwoWithAMessage) {
  std::filesystem::create_directories(kTmp);
  std::ofstream(kTmp / "bad.json") << R"({"animator": {"ftee": 1}})";
  EXPECT_EQ(run("simulate --scenario " + (kTmp / "bad.json").string()).status, 2);
  EXPECT_EQ(run("simulate --candidate " + kData + "candidates.json --id 42").status, 2);
  EXPECT_EQ(run("simulate --scenario " + kData + "scenario.json --sweep nonsense").status, 2);
  EXPECT_EQ(run("simulate").status, 2);
}
