// Runs `grappe lineage` on a demo register file as a user would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../cli_support.hpp"
#include "demo_register_support.hpp"

namespace fs = std::filesystem;

namespace {

using grappe::test::read_json;

// The exit code.
int run(const std::string& args) {
  return grappe::test::run_grappe("-q " + args + " > /dev/null 2>&1").status;
}

class LineageCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("grappe_lineage_cli_" + std::to_string(::getpid())));
    grappe::demo::DemoOptions o;
    o.out_dir = *dir_;
    o.establishments = 5000;
    o.seed = 33;
    o.data_dir = fs::path(GRAPPE_SOURCE_DIR) / "data";
    grappe::demo::generate_demo_register(o);
    grappe::test::ingest_demo_register(*dir_);
    truth_ = new nlohmann::json(read_json(*dir_ / "truth.json"));
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : (*truth_)["clusters"][0]["members"]) members.push_back({{"siret", m}});
    std::ofstream(*dir_ / "candidates.json") << nlohmann::json{
        {"candidates", {{{"rank", 1}, {"score", 50.0}, {"p_value", 0.001}, {"codes", (*truth_)["clusters"][0]["codes"]},
                         {"center", (*truth_)["clusters"][0]["center"]}, {"radius_m", 12000}, {"members", members}}}}};
  }
  static void TearDownTestSuite() {
    if (!std::getenv("GRAPPE_KEEP_TEST_FILES")) fs::remove_all(*dir_);  // set it to look at the outputs
    delete dir_;
    delete truth_;
  }
  static std::string common() {
    return "lineage --register " + (*dir_ / "demo.grappe").string() + " --founders " + (*dir_ / "founders.csv").string() +
           " --salt-file " + (*dir_ / "salt").string();
  }
  static inline fs::path* dir_ = nullptr;
  static inline nlohmann::json* truth_ = nullptr;
};

TEST_F(LineageCli, CandidateGivesThePioneerFirst) {
  ASSERT_EQ(run(common() + " --candidate " + (*dir_ / "candidates.json").string() + " --id 1 --out " +
                (*dir_ / "shop.json").string()),
            0);
  const auto out = read_json(*dir_ / "shop.json");
  EXPECT_EQ(out["ancestors"][0]["siren"], (*truth_)["clusters"][0]["root_siren"]);
  EXPECT_EQ(out["ancestors"][0]["descendants"], 42);
  EXPECT_EQ(out["ancestors"][0]["created"], (*truth_)["pioneers"][0]["created"]);
  EXPECT_GE(out["edges"].size(), 42u);
  // Persons never leave the program: no founders.csv person id in the output.
  std::ifstream founders(*dir_ / "founders.csv");
  std::string line, text = out.dump();
  std::getline(founders, line);
  for (int i = 0; i < 200 && std::getline(founders, line); ++i) {
    const auto person = line.substr(10, 16);
    EXPECT_EQ(text.find(person), std::string::npos) << person;
  }
  EXPECT_TRUE(fs::exists(*dir_ / "salt"));
}

TEST_F(LineageCli, SirenListToSvgAndDot) {
  const std::string root = (*truth_)["clusters"][1]["root_siren"];
  const std::string child = (*truth_)["genealogy_edges"][0]["child"];
  ASSERT_EQ(run(common() + " --siren " + root + "," + child + " --out " + (*dir_ / "l.svg").string()), 0);
  ASSERT_EQ(run(common() + " --siren " + root + "," + child + " --out " + (*dir_ / "l.dot").string()), 0);
  EXPECT_GT(fs::file_size(*dir_ / "l.svg"), 200u);
  EXPECT_GT(fs::file_size(*dir_ / "l.dot"), 50u);
}

TEST_F(LineageCli, BadInputsExitWithTwo) {
  EXPECT_EQ(run(common() + " --siren 12345 --out " + (*dir_ / "x.json").string()), 2);
  EXPECT_EQ(run(common() + " --siren 732829320 --out " + (*dir_ / "x.txt").string()), 2);
  EXPECT_EQ(run(common() + " --candidate " + (*dir_ / "candidates.json").string() + " --id 9 --out " +
                (*dir_ / "x.json").string()),
            2);
  EXPECT_NE(run("lineage --register " + (*dir_ / "founders.csv").string() + " --siren 732829320 --out x.json"), 0);
}

}  // namespace
