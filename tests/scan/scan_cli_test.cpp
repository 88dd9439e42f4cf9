// End to end on the demo register: grappe demo-register → ingest → scan --all finds every
// planted cluster of truth.json among its top candidates (≥ 80% of the members) and flags none
// of the decoys; every output format and the HTML report are written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "../cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using grappe::test::read_json, grappe::test::read_text, nlohmann::json;

// The exit code.
int run(const std::string& args) {
  return grappe::test::run_grappe("--quiet " + args + " 2>/dev/null").status;
}

std::string fmt_rank(int rank, const std::string& id) {
  char prefix[8];
  std::snprintf(prefix, sizeof prefix, "%03d-", rank);
  return prefix + id + ".json";
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
    ASSERT_EQ(run("scan --register " + d + "/register.grr --all --seed 3 --save-trades " + d +
                  "/trades --out " + d + "/candidates.json"),
              0);
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

std::set<std::string> member_sirets(const json& candidate) {
  std::set<std::string> s;
  for (const auto& m : candidate["members"]) s.insert(m["siret"].get<std::string>());
  return s;
}

// The shop fitters are planted over five codes with trade words in only ~60% of their names:
// one candidate holds them (found by the codes jointly) and proposes the planted words.
TEST_F(ScanCli, FindsTheUnnamedTradeAsOneCandidateWithItsWords) {
  const json truth = read_json(dir_ / "truth.json");
  const json candidates = read_json(dir_ / "candidates.json")["candidates"];
  std::set<std::string> planted;
  for (const auto& cluster : truth["clusters"])
    if (cluster["id"] == "shop-fitting-romorantin")
      for (const auto& s : cluster["members"]) planted.insert(s.get<std::string>());
  ASSERT_FALSE(planted.empty());
  const json* best = nullptr;
  double best_share = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(candidates.size(), 20); ++i) {
    std::size_t found = 0;
    for (const auto& s : member_sirets(candidates[i])) found += planted.count(s);
    const double share = static_cast<double>(found) / planted.size();
    if (share > best_share) best_share = share, best = &candidates[i];
  }
  ASSERT_NE(best, nullptr);
  EXPECT_GE(best_share, 0.8);
  std::set<std::string> words;
  for (const auto& w : (*best)["words"]) words.insert(w["word"].get<std::string>());
  EXPECT_TRUE(words.count("agencement")) << (*best)["words"].dump();
  EXPECT_TRUE(words.count("presentoir")) << (*best)["words"].dump();
  EXPECT_TRUE(words.count("mobilier commercial")) << (*best)["words"].dump();
  // Found by several lenses (sub-classes, the catalogue trade; on larger registers also the
  // discovered union of codes), merged into this one candidate.
  EXPECT_GE((*best)["lenses"].size(), 3u) << (*best)["lenses"].dump();
  // Its trade file is a trade: it reads back with the five fields of the catalogue.
  const json trade = (*best)["trade_definition"];
  for (const char* key : {"id", "name_fr", "name_en", "codes", "keywords"})
    EXPECT_TRUE(trade.contains(key)) << key;
  EXPECT_GE(trade["codes"].size(), 3u);
  const auto file = dir_ / "trades" / fmt_rank((*best)["rank"].get<int>(), trade["id"].get<std::string>());
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(read_json(file), trade);
}

TEST_F(ScanCli, NoTwoTopCandidatesShareHalfTheirMembers) {
  const json candidates = read_json(dir_ / "candidates.json")["candidates"];
  const std::size_t top = std::min<std::size_t>(candidates.size(), 20);
  for (std::size_t i = 0; i < top; ++i)
    for (std::size_t j = i + 1; j < top; ++j) {
      const auto a = member_sirets(candidates[i]), b = member_sirets(candidates[j]);
      std::size_t both = 0;
      for (const auto& s : a) both += b.count(s);
      EXPECT_LE(2 * both, std::min(a.size(), b.size())) << "candidates " << i + 1 << " and " << j + 1;
    }
}

TEST_F(ScanCli, ScansAPointFile) {
  const fs::path points = dir_ / "points.csv";
  {
    std::ofstream out(points);
    out << "x,y,case\n";
    for (int i = 0; i < 400; ++i)  // a 20×20 grid, 100 m apart; cases in its 4×4 corner and every 25th point
      out << (i % 20) * 100 << "," << (i / 20) * 100 << ","
          << ((i % 20 < 4 && i / 20 < 4) || i % 25 == 0 ? 1 : 0) << "\n";
  }
  ASSERT_EQ(
      run("scan --points " + points.string() + " --min-radius 100 --max-radius 600 --simulations 99 --out " +
          (dir_ / "points.json").string()),
      0);
  const json result = read_json(dir_ / "points.json");
  EXPECT_EQ(result["points"], 400);
  ASSERT_FALSE(result["clusters"].empty());
  EXPECT_LT(result["clusters"][0]["x"].get<double>(), 500);
  EXPECT_LT(result["clusters"][0]["y"].get<double>(), 500);
  EXPECT_EQ(run("scan --points " + points.string() + " --all --out " + (dir_ / "x.json").string()), 2);
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
  const std::string html = read_text(dir_ / "r.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<th>Found by</th>"), std::string::npos);  // lenses, and the lens of each member
  EXPECT_NE(html.find("Trade words"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // nothing fetched from the network
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST_F(ScanCli, BadInputGetsAClearErrorAndExitCode2) {
  const std::string d = dir_.string();
  EXPECT_EQ(run("scan --register " + d + "/register.grr --sector 99.99X --out " + d + "/x.json"), 2);
  EXPECT_EQ(run("scan --register " + d + "/register.grr --trade no-such-trade --out " + d + "/x.json"), 2);
  EXPECT_EQ(run("scan --register " + d + "/register.grr --all --out " + d + "/x.txt"), 2);
  EXPECT_NE(run("scan --register " + d + "/register.grr --out " + d + "/x.json"), 0);
}

// A language the report does not speak is a usage error (exit 2, as every bad input), not
// CLI11's own validation code, and the message names the option and the languages offered.
TEST_F(ScanCli, ReportInAnUnknownLanguageIsAUsageError) {
  const std::string d = dir_.string();
  const auto [status, message] =
      grappe::test::run_grappe("report --register " + d + "/register.grr --candidates " + d +
                               "/candidates.json --lang de --out " + d + "/de.html 2>&1");
  EXPECT_EQ(status, 2);
  EXPECT_NE(message.find("--lang"), std::string::npos) << message;
  EXPECT_NE(message.find("fr or en, not 'de'"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(dir_ / "de.html"));
  EXPECT_EQ(run("report --register " + d + "/register.grr --candidates " + d + "/candidates.json"), 2);
}

}  // namespace
