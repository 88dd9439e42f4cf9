// `grappe kd|scan|simulate --mpi` under `mpirun -np 3` write byte for byte the files of a run
// without MPI (integration: runs the binary and Open MPI's mpirun on a small demo register).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "../cli_support.hpp"

namespace {

namespace fs = std::filesystem;

// One folder per process: CTest runs these tests as parallel processes.
const fs::path kTmp = fs::temp_directory_path() / ("grappe_mpi_test_" + std::to_string(::getpid()));
const std::string kGrappe = GRAPPE_BINARY;
// Three ranks on however many cores (CI has two), one thread each; a hang fails instead of blocking CI.
const std::string kMpirun = "timeout 300 mpirun --allow-run-as-root --oversubscribe -np 3 ";

using grappe::test::RunResult, grappe::test::read_text;

// Its errors follow its output when it fails.
RunResult run(const std::string& command) {
  RunResult r = grappe::test::run_command(command + " 2>" + (kTmp / "stderr.txt").string());
  if (r.status != 0) r.out += read_text(kTmp / "stderr.txt");
  return r;
}

bool have_mpirun() { return std::system("command -v mpirun >/dev/null 2>&1") == 0; }

class MpiCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::create_directories(kTmp);
    const auto demo = kTmp / "demo";
    ASSERT_EQ(
        0,
        run(kGrappe + " demo-register --out " + demo.string() + " --establishments 20000 --seed 3").status);
    ASSERT_EQ(0, run(kGrappe + " ingest --etablissements " + (demo / "StockEtablissement_utf8.csv").string() +
                     " --unites-legales " + (demo / "StockUniteLegale_utf8.csv").string() + " --out " + reg())
                     .status);
  }
  static void TearDownTestSuite() { fs::remove_all(kTmp); }
  void SetUp() override {
    if (!have_mpirun()) GTEST_SKIP() << "mpirun not found (scripts/install-deps.sh installs openmpi-bin)";
  }
  static std::string reg() { return (kTmp / "register.grappe").string(); }
  static std::string at(const std::string& name) { return (kTmp / name).string(); }

  // Runs `args` once alone (writing files named with `alone`) and once under mpirun with --mpi
  // (with `ranks`); every named output must be the same bytes.
  static void expect_same_files(const std::string& args, const std::vector<std::string>& outputs) {
    std::string alone = args, ranks = args;
    for (const auto& name : outputs) {
      replace_all(alone, "{" + name + "}", at("alone_" + name));
      replace_all(ranks, "{" + name + "}", at("ranks_" + name));
    }
    const RunResult single = run(kGrappe + " " + alone);
    ASSERT_EQ(single.status, 0) << single.out;
    const RunResult shared = run(kMpirun + kGrappe + " " + ranks + " --mpi --threads 1");
    ASSERT_EQ(shared.status, 0) << shared.out;
    EXPECT_EQ(single.out, shared.out) << "standard output differs";
    for (const auto& name : outputs) {
      const std::string a = read_text(at("alone_" + name)), b = read_text(at("ranks_" + name));
      EXPECT_FALSE(a.empty()) << name;
      EXPECT_TRUE(a == b) << name << " differs between the single process and 3 MPI ranks";
    }
  }
  static void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
      text.replace(at, from.size(), to);
  }
};

TEST_F(MpiCli, KdOfOneSectorSharesItsSimulations) {
  expect_same_files("kd --register " + reg() +
                        " --sector 31.01Z --simulations 199 --out {kd.csv} --plot {kd.svg} "
                        "--summary {kd.json}",
                    {"kd.csv", "kd.svg", "kd.json"});
}

TEST_F(MpiCli, KdOfEveryDivisionDealsTheSectors) {
  expect_same_files("kd --register " + reg() +
                        " --all --level division --max-points 1000 --simulations 19 --out {all.csv} "
                        "--summary {summary.csv}",
                    {"all.csv", "summary.csv"});
}

TEST_F(MpiCli, ScanOfOneSectorSharesItsSimulationBatches) {
  expect_same_files("scan --register " + reg() + " --sector 31.01Z --simulations 199 --out {one.json}",
                    {"one.json"});
}

TEST_F(MpiCli, ScanOfEveryTradeDealsTheTrades) {
  expect_same_files("scan --register " + reg() + " --all --simulations 99 --out {all.csv}",
                    {"all.csv", "all_members.csv"});
}

TEST_F(MpiCli, SimulateWithSweepsSharesTheReplications) {
  const std::string data = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/sim/";
  expect_same_files("simulate --candidate " + data + "candidates.json --id 1 --scenario " + data +
                        "scenario.json --replications 40 --seed 5 --sweep hours --out {sim.json}",
                    {"sim.json"});
}

TEST_F(MpiCli, MpiFlagWithoutMpirunRunsAsOneRank) {
  const std::string data = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/sim/";
  const std::string args = "simulate --scenario " + data + "scenario.json --replications 50 --out ";
  ASSERT_EQ(0, run(kGrappe + " " + args + at("plain.json")).status);
  const RunResult singleton = run(kGrappe + " " + args + at("singleton.json") + " --mpi");
  ASSERT_EQ(0, singleton.status) << singleton.out;
  EXPECT_TRUE(read_text(at("plain.json")) == read_text(at("singleton.json")));
}

}  // namespace
