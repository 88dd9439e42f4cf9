// The grappe kd / mfun / measure commands end to end (integration: runs the grappe binary).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../cli_support.hpp"
#include "grappe/common/random.hpp"
#include "grappe/register/register.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

namespace fs = std::filesystem;

struct CliTest : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("grappe_measure_cli_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }

  // The exit code; its errors in stderr.txt.
  int run(const std::string& arguments) {
    return test::run_grappe("-q " + arguments + " 2>" + (dir / "stderr.txt").string()).status;
  }
  static std::string read(const fs::path& path) { return test::read_text(path); }
  std::vector<std::vector<std::string>> csv(const fs::path& path) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream ss(line);
      std::string f;
      while (std::getline(ss, f, ',')) fields.push_back(f);
      rows.push_back(fields);
    }
    return rows;
  }

  // 3,000 establishments spread over a 400 km square around Paris, plus 60 of 25.71Z (cutlery)
  // planted within 3 km of Thiers (63430).
  fs::path write_register() {
    RegisterBuilder builder(Naf::load(), Territories::load());
    Rng rng(99);
    const char* background[] = {"47.11B", "56.10A", "43.21A", "62.01Z", "86.21Z"};
    const char* communes[] = {"75056", "41194", "45234", "37261", "63430"};
    std::uint64_t siret = 10000000000000;
    auto add = [&](const char* naf, const char* commune, double x, double y, const char* band, const char* name) {
      EstablishmentRecord r;
      r.siret = ++siret, r.siren = std::uint32_t(siret % 1000000000);
      r.naf_code = naf, r.commune_code = commune, r.x = x, r.y = y, r.headcount_band = band, r.name = name;
      r.flags = kActive | kHasLocation;
      builder.add(r);
    };
    for (int i = 0; i < 3000; ++i)
      add(background[i % 5], communes[i % 5], 450000 + 400000 * rng.uniform(), 6500000 + 400000 * rng.uniform(), "02", "X");
    for (int i = 0; i < 60; ++i)
      add("25.71Z", "63430", 720000 + 3000 * rng.uniform(), 6530000 + 3000 * rng.uniform(), "11", "Coutellerie");
    fs::path path = dir / "test.register";
    builder.write(path);
    return path;
  }
};

TEST_F(CliTest, KdOnPointsMatchesTheOracleAndWritesEnvelopes) {
  auto out = dir / "kd.csv", plot = dir / "kd.svg", summary = dir / "kd.json";
  ASSERT_EQ(run("kd --points " + testing::oracle_path("points5k.csv") + " --type A --simulations 39 --seed 4 --out " +
                out.string() + " --plot " + plot.string() + " --summary " + summary.string()),
            0) << read(dir / "stderr.txt");
  auto rows = csv(out);
  ASSERT_EQ(rows.size(), 182u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"r", "kd", "lo_local", "hi_local", "lo_global", "hi_global", "localised", "dispersed"}));
  auto oracle = testing::read_oracle_curve("points5k_kd_A.csv");
  for (std::size_t k = 0; k < 181; ++k) EXPECT_NEAR(std::stod(rows[k + 1][1]), oracle.value[k], 2e-3 * oracle.value[k] + 1e-9);
  EXPECT_NE(read(plot).find("<svg"), std::string::npos);
  EXPECT_NE(read(summary).find("\"gamma\""), std::string::npos);
}

TEST_F(CliTest, MfunCurveOnly) {
  auto out = dir / "m.csv";
  ASSERT_EQ(run("mfun --points " + testing::oracle_path("points5k.csv") + " --type B --simulations 0 --r 0,1000,2000,5000,10000,20000,50000,100000,180000 --out " +
                out.string()), 0) << read(dir / "stderr.txt");
  auto rows = csv(out);
  auto oracle = testing::read_oracle_curve("points5k_m_B.csv");
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows[0].size(), 2u);
  for (std::size_t k = 1; k < 9; ++k) EXPECT_NEAR(std::stod(rows[k + 1][1]), oracle.value[k], 1e-9 * oracle.value[k]);
}

TEST_F(CliTest, BadInputsGiveExitCode2AndASentence) {
  EXPECT_EQ(run("kd --points " + testing::oracle_path("points5k.csv") + " --type NOPE --out " + (dir / "x.csv").string()), 2);
  EXPECT_NE(read(dir / "stderr.txt").find("types found"), std::string::npos);
  std::ofstream(dir / "bad.csv") << "x,y,type\n1,2,A\n3,oops,A\n";
  EXPECT_EQ(run("kd --points " + (dir / "bad.csv").string() + " --type A --out " + (dir / "x.csv").string()), 2);
  EXPECT_NE(read(dir / "stderr.txt").find(":3"), std::string::npos);
  EXPECT_EQ(run("kd --out " + (dir / "x.csv").string()), 2);
}

TEST_F(CliTest, RegisterSectorTradeAndMeasure) {
  auto reg = write_register().string();
  auto kd = dir / "kd.csv";
  ASSERT_EQ(run("kd --register " + reg + " --sector 25.71Z --simulations 99 --out " + kd.string() + " --summary " + (dir / "s.json").string()), 0)
      << read(dir / "stderr.txt");
  EXPECT_NE(read(dir / "s.json").find("\"localised\": true"), std::string::npos);  // the planted cluster
  ASSERT_EQ(run("kd --register " + reg + " --trade cutlery --simulations 0 --out " + kd.string()), 0) << read(dir / "stderr.txt");
  ASSERT_EQ(run("mfun --register " + reg + " --sector 25 --simulations 19 --rmax 20000 --out " + (dir / "m.csv").string()), 0)
      << read(dir / "stderr.txt");
  auto m = csv(dir / "m.csv");
  EXPECT_GT(std::stod(m[2][1]), 10);  // M at 1 km: the cutlers' neighbours are cutlers
  ASSERT_EQ(run("kd --register " + reg + " --all --level division --simulations 19 --out " + (dir / "all.csv").string() +
                " --summary " + (dir / "all_summary.csv").string()), 0) << read(dir / "stderr.txt");
  EXPECT_EQ(csv(dir / "all_summary.csv").size(), 7u);  // header + 6 divisions
  auto measure = dir / "measure.csv";
  ASSERT_EQ(run("measure --register " + reg + " --level subclass --territory department --coagglomeration --out " + measure.string()), 0)
      << read(dir / "stderr.txt");
  bool found = false;
  for (auto& row : csv(measure))
    if (row.size() > 6 && row[1] == "25.71Z" && row[5] == "gamma_eg") {
      found = true;
      EXPECT_GT(std::stod(row[6]), 0.1);
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(run("measure --register " + reg + " --trade cutlery --territory region --out " + measure.string()), 0);
  EXPECT_EQ(run("kd --register " + reg + " --sector 99.99Q --out " + kd.string()), 2);
}

}  // namespace
}  // namespace grappe::measure
