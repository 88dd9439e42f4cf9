// End to end on the demo register: grappe demo-register → ingest → scan --all finds every
// planted cluster of truth.json among its top candidates (≥ 80% of the members) and flags none
// of the decoys; every output format and the HTML report are written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int run(const std::string& args) {
  const std::string command = std::string(GRAPPE_BINARY) + " --quiet " + args + " 2>/dev/null";
  return std::system(command.c_str());
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

class ScanCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: CTest runs the tests of this suite as parallel processes.
    dir_ = fs::temp_directory_path() / ("grappe_scan_cli_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string d = dir_.string();
    ASSERT_EQ(run("demo-register --out " + d + " --establishments 40000 --seed 5"), 0);
    ASSERT_EQ(run("ingest --etablissements " + d + "/StockEtablissement_utf8.csv --unites-legales " + d +
                  "/StockUniteLegale_utf8.csv --successions " + d + "/StockEtablissementLiensSuccession_utf8.csv --out " +
                  d + "/register.grr"),
              0);
    ASSERT_EQ(run("scan --register " + d + "/register.grr --all --seed 3 --out " + d + "/candidates.json"), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
};
fs::path ScanCli::dir_;

TEST_F(ScanCli, FindsEveryPlantedClusterAndNoDecoy) {
  const json truth = read_json(dir_ / "truth.json");
  const json candidates = read_json(dir_ / "candidates.json")["candidates"];
  const std::size_t top = std::min<std::size_t>(candidates.size(), 3 * truth["clusters"].size());
  for (const auto& cluster : truth["clusters"]) {
    std::set<std::string> planted;
    for (const auto& s : cluster["members"]) planted.insert(s.get<std::string>());
    double best = 0;
    for (std::size_t i = 0; i < top; ++i) {
      std::size_t found = 0;
      for (const auto& m : candidates[i]["members"]) found += planted.count(m["siret"].get<std::string>());
      best = std::max(best, static_cast<double>(found) / planted.size());
    }
    EXPECT_GE(best, 0.8) << cluster["id"];
  }
  for (const auto& decoy : truth["decoys"])
    for (const auto& c : candidates)
      EXPECT_NE(c["codes"], decoy["codes"]) << decoy["id"] << " flagged as candidate " << c["rank"];
}

TEST_F(ScanCli, WritesEveryFormatAndAReport) {
  const std::string d = dir_.string();
  for (const char* ext : {"csv", "geojson", "gpkg"})
    EXPECT_EQ(run("scan --register " + d + "/register.grr --trade cutlery --simulations 99 --out " + d + "/c." + ext), 0) << ext;
  EXPECT_TRUE(fs::exists(dir_ / "c_members.csv"));
  const json geo = read_json(dir_ / "c.geojson");
  EXPECT_EQ(geo["type"], "FeatureCollection");
  EXPECT_FALSE(geo["features"].empty());
  ASSERT_EQ(run("report --register " + d + "/register.grr --candidates " + d + "/candidates.json --out " + d + "/r.html"), 0);
  std::ifstream in(dir_ / "r.html");
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // nothing fetched from the network
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST_F(ScanCli, BadInputGetsAClearErrorAndExitCode2) {
  const std::string d = dir_.string();
  EXPECT_EQ(run("scan --register " + d + "/register.grr --sector 99.99X --out " + d + "/x.json"), 2 << 8);
  EXPECT_EQ(run("scan --register " + d + "/register.grr --trade no-such-trade --out " + d + "/x.json"), 2 << 8);
  EXPECT_EQ(run("scan --register " + d + "/register.grr --all --out " + d + "/x.txt"), 2 << 8);
  EXPECT_NE(run("scan --register " + d + "/register.grr --out " + d + "/x.json"), 0);
}

}  // namespace
