// Integration: the `grappe` binary on case files and on a demo register (whose truth.json says
// exactly what the ingest must report).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "../cli_support.hpp"
#include "grappe/register/register.hpp"
#include "real_rows.hpp"

namespace fs = std::filesystem;

namespace {
const fs::path kCases = fs::path(GRAPPE_SOURCE_DIR) / "tests/data/register";

fs::path work_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("grappe_ingest_cli_" + std::to_string(::getpid()) + "_" + name);
  fs::create_directories(dir);
  return dir;
}

// Runs grappe with arguments; returns the exit code, stderr into `err`.
int run_grappe(const std::string& args, const fs::path& dir, std::string* err = nullptr) {
  const auto err_file = dir / "stderr.txt";
  const int status = grappe::test::run_grappe(args + " 2>" + err_file.string()).status;
  if (err) *err = grappe::test::read_text(err_file);
  return status;
}

using grappe::test::read_json;
}  // namespace

TEST(IngestCli, TrickyCaseFileGivesTheExpectedSummary) {
  const auto dir = work_dir("tricky");
  const int code =
      run_grappe("ingest --etablissements " + (kCases / "tricky_etablissements.csv").string() + " --out " +
                     (dir / "r.grappe").string() + " --summary " + (dir / "s.json").string(),
                 dir);
  ASSERT_EQ(code, 0);
  auto summary = read_json(dir / "s.json");
  const auto expected = read_json(kCases / "tricky_expected_summary.json");
  for (const auto& [key, value] : expected.items()) EXPECT_EQ(summary[key], value) << key;
  std::string err;
  EXPECT_EQ(run_grappe("info --register " + (dir / "r.grappe").string() + " --verify", dir, &err), 0) << err;
  fs::remove_all(dir);
}

TEST(IngestCli, MissingRequiredColumnsAreNamedAndExitWith2) {
  const auto dir = work_dir("missing");
  std::string err;
  const int code =
      run_grappe("ingest --etablissements " + (kCases / "missing_columns_etablissements.csv").string() +
                     " --out " + (dir / "r.grappe").string(),
                 dir, &err);
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("siret"), std::string::npos) << err;
  EXPECT_NE(err.find("coordonneeLambertOrdonneeEtablissement"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir / "r.grappe"));
  fs::remove_all(dir);
}

TEST(IngestCli, StrictStopsWithExitCode2) {
  const auto dir = work_dir("strict");
  std::string err;
  EXPECT_EQ(run_grappe("ingest --strict --etablissements " + (kCases / "tricky_etablissements.csv").string() +
                           " --out " + (dir / "r.grappe").string(),
                       dir, &err),
            2);
  EXPECT_NE(err.find(":10:"), std::string::npos) << err;
  fs::remove_all(dir);
}

TEST(IngestCli, DemoRegisterIngestMatchesTruth) {
  const auto dir = work_dir("demo");
  std::string err;
  ASSERT_EQ(run_grappe("demo-register --out " + (dir / "demo").string() + " --establishments 20000 --seed 7",
                       dir, &err),
            0)
      << err;
  const auto demo = dir / "demo";
  ASSERT_EQ(run_grappe(
                "ingest --etablissements " + (demo / "StockEtablissement_utf8.csv").string() +
                    " --unites-legales " + (demo / "StockUniteLegale_utf8.csv").string() + " --successions " +
                    (demo / "StockEtablissementLiensSuccession_utf8.csv").string() + " --out " +
                    (dir / "r.grappe").string() + " --summary " + (dir / "s.json").string() + " --threads 2",
                dir, &err),
            0)
      << err;
  const auto truth = read_json(demo / "truth.json").at("ingest");
  const auto summary = read_json(dir / "s.json");
  for (const auto& key : {"rows_read", "kept", "no_location"}) EXPECT_EQ(summary[key], truth[key]) << key;
  for (const auto& [key, count] : truth["skipped"].items()) EXPECT_EQ(summary["skipped"][key], count) << key;
  EXPECT_EQ(summary["skipped"]["no_nomenclature"], 0);  // the demo always gives a nomenclature
  EXPECT_EQ(summary["rejected"]["count"], truth["rejected"]["count"]);
  EXPECT_EQ(summary["rejected"]["lines"], truth["rejected"]["lines"]);
  EXPECT_EQ(summary["rows_read"].get<std::uint64_t>(),
            summary["kept"].get<std::uint64_t>() + summary["skipped"]["closed"].get<std::uint64_t>() +
                summary["skipped"]["old_nomenclature"].get<std::uint64_t>() +
                summary["rejected"]["count"].get<std::uint64_t>());

  const auto reg = grappe::Register::open(dir / "r.grappe");
  EXPECT_EQ(reg.size(), summary["kept"].get<std::size_t>());
  EXPECT_EQ(reg.legal_units().size(), summary["legal_units"]["kept"].get<std::size_t>());
  EXPECT_GT(reg.legal_units().size(), 0u);
  EXPECT_EQ(reg.successions().size(), summary["successions"]["kept"].get<std::size_t>());
  EXPECT_GT(reg.successions().size(), 0u);
  // Planted cluster members are in the register with one of their cluster's NAF codes.
  std::size_t found = 0;
  const auto full_truth = read_json(demo / "truth.json");
  for (const auto& cluster : full_truth.at("clusters")) {
    const auto codes = cluster.at("codes").get<std::vector<std::string>>();
    for (const auto& member : cluster.at("members")) {
      const auto row = reg.find_siret(std::stoull(member.get<std::string>()));
      if (row == SIZE_MAX) continue;  // closed members are skipped by default
      ++found;
      EXPECT_NE(std::find(codes.begin(), codes.end(), reg.naf().code(reg.sector()[row])), codes.end())
          << member;
    }
  }
  EXPECT_GT(found, 0u);
  fs::remove_all(dir);
}

TEST(ExportCli, WritesTheSelectedEstablishmentsAsCsvAndGeoPackage) {
  const auto dir = work_dir("export");
  const auto real = kCases / "real";
  ASSERT_EQ(
      run_grappe("ingest --include-closed --etablissements " +
                     (real / "StockEtablissement_2019_48col.csv").string() + " --unites-legales " +
                     (real / "StockUniteLegale_2019.csv").string() + " --out " + (dir / "r.grappe").string(),
                 dir),
      0);
  std::string err;
  ASSERT_EQ(run_grappe("export --register " + (dir / "r.grappe").string() +
                           " --include-closed --department 13 --out " + (dir / "e.csv").string(),
                       dir, &err),
            0)
      << err;
  std::ifstream in(dir / "e.csv");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u);  // header + the three establishments of Bouches-du-Rhône
  EXPECT_EQ(lines[0],
            "siret,siren,name,legal_unit,naf,naf_label,naf2025,naf2025_label,commune,commune_name,headcount_"
            "band,created,"
            "head_office,"
            "address,lon,lat,x,y,position_source");
  const std::string active = "00032517500065,000325175,,THIERRY JANOYER,32.12Z,";
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.rfind(active, 0) == 0 && l.ends_with(",commune") && l.find(",13204,") != std::string::npos;
  }));
  EXPECT_NE(err.find("export: 3 establishments (3 at commune precision, 0 without position)"),
            std::string::npos)
      << err;
  ASSERT_EQ(run_grappe("export --register " + (dir / "r.grappe").string() + " --sector 32.12Z --out " +
                           (dir / "e.gpkg").string(),
                       dir, &err),
            0)
      << err;
  EXPECT_GT(fs::file_size(dir / "e.gpkg"), 0u);
  EXPECT_NE(err.find("export: 1 establishments"), std::string::npos) << err;  // the one active jeweller
  fs::remove_all(dir);
}

TEST(IngestCli, MeasureKdAndScanReadTheNafTwentyTwentyFiveColumn) {
  // Real 2020 rows under the 2025 header with NAF 2025 codes (real_rows.hpp), placed at their
  // communes (no Lambert columns): --positions any.
  const auto dir = work_dir("naf2025");
  const grappe::Naf& naf2025 = *grappe::Naf::load(grappe::Nomenclature::naf_2025);
  std::set<std::string> codes;
  for (std::uint16_t i = 0; i < naf2025.subclass_count(); ++i) codes.insert(naf2025.code(i));
  std::ofstream(dir / "stock.csv", std::ios::binary) << grappe::test::twenty_twenty_as_2025(codes);
  const std::string reg = (dir / "r.grappe").string();
  ASSERT_EQ(run_grappe("ingest --etablissements " + (dir / "stock.csv").string() + " --out " + reg +
                           " --summary " + (dir / "s.json").string(),
                       dir),
            0);
  EXPECT_EQ(read_json(dir / "s.json")["naf2025"]["unknown"], 1);

  std::string err;
  ASSERT_EQ(run_grappe("measure --register " + reg +
                           " --nomenclature naf2025 --level division --basis establishments " +
                           "--territory region --out " + (dir / "m.csv").string(),
                       dir, &err),
            0)
      << err;
  const std::string csv = grappe::test::read_text(dir / "m.csv");
  EXPECT_NE(csv.find("\ndivision,25,"), std::string::npos) << csv.substr(0, 400);  // NAF 2025 division 25
  EXPECT_EQ(csv.find("\ndivision,45,"), std::string::npos);  // NAF 2025 has no division 45
  // 26 active rows of NAF rév. 2 division 68, one with a NAF 2025 code (real_rows.hpp).
  EXPECT_NE(csv.find("\ndivision,68,,region,,establishments,1,"), std::string::npos) << csv.substr(0, 400);

  ASSERT_EQ(run_grappe("kd --register " + reg + " --nomenclature naf2025 --sector 25.99Y --positions any " +
                           "--simulations 0 --out " + (dir / "kd.csv").string(),
                       dir, &err),
            0)
      << err;
  EXPECT_NE(err.find("Kd of 25.99Y"), std::string::npos) << err;
  EXPECT_NE(err.find("(4 establishments"), std::string::npos) << err;

  ASSERT_EQ(run_grappe("scan --register " + reg + " --nomenclature naf2025 --sector 25 --positions any " +
                           "--simulations 19 --out " + (dir / "c.json").string(),
                       dir, &err),
            0)
      << err;
  EXPECT_EQ(read_json(dir / "c.json")["meta"]["nomenclature"], "naf2025") << read_json(dir / "c.json").dump();

  // The export carries both codes.
  ASSERT_EQ(run_grappe("export --register " + reg + " --sector 25.99A --out " + (dir / "e.csv").string(), dir,
                       &err),
            0)
      << err;
  const std::string rows = grappe::test::read_text(dir / "e.csv");
  EXPECT_NE(
      rows.find(",25.99A,Fabrication d'articles métalliques ménagers,25.99Y,Fabrication d’autres produits "
                "métalliques n.c.a.,"),
      std::string::npos)
      << rows;

  // A NAF rév. 2 code is not a NAF 2025 one, and the default nomenclature stays NAF rév. 2.
  EXPECT_EQ(run_grappe("kd --register " + reg + " --nomenclature naf2025 --sector 25.99A --positions any " +
                           "--simulations 0 --out " + (dir / "kd2.csv").string(),
                       dir, &err),
            2);
  EXPECT_NE(err.find("is not a NAF 2025 code"), std::string::npos) << err;
  EXPECT_EQ(run_grappe("kd --register " + reg + " --sector 25.99Y --positions any --simulations 0 --out " +
                           (dir / "kd3.csv").string(),
                       dir, &err),
            2);
  EXPECT_NE(err.find("is not a NAF rév. 2 code"), std::string::npos) << err;
  fs::remove_all(dir);
}
