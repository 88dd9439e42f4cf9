// The candidates file as a contract: the real output of `grappe scan` on a small demo register
// feeds `grappe simulate`, `grappe lineage` and the server, and each result is checked against
// the candidate it came from. (The Python module's side is in python/tests/test_grappe.py.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "../cli_support.hpp"
#include "../server/api_harness.hpp"
#include "../thrown.hpp"
#include "grappe/candidate/candidate.hpp"
#include "grappe/common/error.hpp"

namespace grappe::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void run(const std::string& args) {
  ASSERT_EQ(run_grappe("--quiet " + args + " > /dev/null 2>&1").status, 0) << args;
}

// A demo register and its scan of the shop-fitting trade (make_demo_scan).
class CandidateContract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("grappe_candidate_contract_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    ASSERT_EQ(make_demo_scan(dir_), "");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string register_path() { return (dir_ / "register.grappe").string(); }
  static std::string candidates_path() { return (dir_ / "candidates.json").string(); }
  static const Candidate& first() {
    static const std::vector<Candidate> candidates = read_candidates(candidates_path());
    return candidates.at(0);
  }
  static inline fs::path dir_;
};

TEST_F(CandidateContract, ScanWritesEachMembersCodeUnderTheTrade) {
  EXPECT_EQ(read_json(candidates_path())["version"], kCandidatesVersion);
  const Candidate& c = first();
  EXPECT_EQ(c.id, candidate_id(c));
  ASSERT_GE(c.members.size(), 10u);
  std::set<std::string> codes;
  for (const auto& m : c.members) {
    EXPECT_EQ(std::count(c.codes.begin(), c.codes.end(), m.code), 1) << m.code;
    codes.insert(m.code);
  }
  EXPECT_GE(codes.size(), 2u);  // a trade of several codes: the case the simulation got wrong
}

// The bug this format fixes: simulate read each member's trade from keys scan never wrote, so
// every member of a several-code trade had the same (uniform) profile.
TEST_F(CandidateContract, SimulateGivesEachMemberTheProfileOfItsCode) {
  run("simulate --candidate " + candidates_path() + " --id " + std::to_string(first().rank) +
      " --replications 10 --out " + (dir_ / "simulation.json").string());
  const json firms = read_json(dir_ / "simulation.json")["scenario"]["population"]["firms_data"];
  const Candidate& c = first();
  ASSERT_EQ(firms.size(), c.members.size());
  for (std::size_t i = 0; i < firms.size(); ++i) {
    EXPECT_EQ(firms[i]["id"], format_siret(c.members[i].siret));
    std::vector<double> expected(c.codes.size(), 0.0);
    expected[std::find(c.codes.begin(), c.codes.end(), c.members[i].code) - c.codes.begin()] = 1;
    EXPECT_EQ(firms[i]["trade"].get<std::vector<double>>(), expected) << c.members[i].code;
  }
}

TEST_F(CandidateContract, LineageTracesTheMembersFirms) {
  run("lineage --register " + register_path() + " --candidate " + candidates_path() + " --id " +
      std::to_string(first().rank) + " --out " + (dir_ / "lineage.json").string());
  const json lineage = read_json(dir_ / "lineage.json");
  EXPECT_EQ(lineage["members"].size() + lineage["unknown_members"].size(), member_sirens(first()).size());
  EXPECT_FALSE(lineage["ancestors"].empty());  // the planted pioneer
}

TEST_F(CandidateContract, ServeServesTheCandidatesAsScanWroteThem) {
  server::ServerOptions options;
  options.register_path = register_path();
  options.candidates_path = candidates_path();
  options.salt_file = (dir_ / "person.salt").string();
  ApiHarness harness("sqlite", options);
  auto observer = harness.client("observer");
  const auto list = observer->get("/api/v1/candidates");
  ASSERT_EQ(list.status, 200) << list.raw;
  const json written = read_json(candidates_path())["candidates"];
  ASSERT_EQ(list.body["items"].size(), written.size());
  EXPECT_EQ(list.body["items"][0]["id"], first().id);
  EXPECT_EQ(list.body["items"][0]["member_count"], first().members.size());
  EXPECT_EQ(observer->get("/api/v1/candidates/0").body, written[0]);
  const auto lineage = observer->get("/api/v1/candidates/0/lineage");
  ASSERT_EQ(lineage.status, 200) << lineage.raw;
  EXPECT_EQ(lineage.body["members"].size() + lineage.body["unknown_members"].size(),
            member_sirens(first()).size());
}

// `grappe lineage` and the server refuse the same bad siret, naming the file and the field.
TEST_F(CandidateContract, ABadSiretIsRefusedByTheCliAndTheServer) {
  json doc = read_json(candidates_path());
  doc["candidates"][0]["members"][1]["siret"] = "4119400000010X";
  const fs::path bad = dir_ / "bad.json";
  std::ofstream(bad) << doc.dump();
  const auto [status, err] =
      run_grappe("--quiet lineage --register " + register_path() + " --candidate " + bad.string() +
                 " --id 1 --out " + (dir_ / "l.json").string() + " 2>&1");
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("candidates[0].members[1].siret"), std::string::npos) << err;

  server::ServerOptions options;
  options.candidates_path = bad.string();
  options.database = fresh_database("sqlite");
  const std::string refused = message_of<InputError>([&] { server::ApiServer server(options, nullptr); });
  EXPECT_NE(refused.find(bad.string()), std::string::npos)
      << "the server started with a bad siret: " << refused;
  EXPECT_NE(refused.find("candidates[0].members[1].siret"), std::string::npos) << refused;
}

}  // namespace
}  // namespace grappe::test
