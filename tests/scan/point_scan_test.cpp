// `grappe scan --points`: a point file read back with clear errors, and the scan's most likely
// cluster checked against a brute-force Bernoulli scan over the same circles (every centre and
// radius of the ladder, cases counted by distance).
#include "grappe/scan/point_scan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/common/random.hpp"
#include "grappe/scan/kulldorff.hpp"

namespace grappe {
namespace {

namespace fs = std::filesystem;

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path path = fs::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

// 500 points on a 20 km square, one in ten a case, plus 20 cases within 800 m of (5 km, 5 km).
CasePoints random_points() {
  Rng rng(21);
  CasePoints p;
  for (int i = 0; i < 520; ++i) {
    const bool clustered = i < 20;
    const double a = rng.uniform() * 6.283185307, r = 800 * std::sqrt(rng.uniform());
    p.x.push_back(clustered ? 5000 + r * std::cos(a) : rng.uniform() * 20000);
    p.y.push_back(clustered ? 5000 + r * std::sin(a) : rng.uniform() * 20000);
    if (clustered || i % 10 == 0) p.cases.push_back(static_cast<std::uint32_t>(i));
  }
  return p;
}

TEST(PointScan, MostLikelyClusterMatchesBruteForce) {
  const CasePoints points = random_points();
  LadderParams params;
  params.min_radius = 500;
  params.max_radius = 5000;
  ScanOptions options;
  options.simulations = 99;
  const PointScan result = scan_points(points, params, options);
  ASSERT_FALSE(result.scan.clusters.empty());

  // Brute force: every window of the ladder, cases and points counted by distance.
  const WindowLadder ladder(points.x, points.y, {}, params);
  std::vector<bool> is_case(points.x.size(), false);
  for (auto p : points.cases) is_case[p] = true;
  const double N = static_cast<double>(points.x.size()), C = static_cast<double>(points.cases.size());
  double best = 0;
  std::uint32_t best_cases = 0;
  for (std::size_t w = 0; w < ladder.centre_count(); ++w) {
    const double r = ladder.levels()[ladder.centre_level()[w]].radius;
    double c = 0, n = 0;
    for (std::size_t p = 0; p < points.x.size(); ++p)
      if (std::hypot(points.x[p] - ladder.centre_x()[w], points.y[p] - ladder.centre_y()[w]) <= r) {
        ++n;
        c += is_case[p];
      }
    if (c < options.min_cases || n > options.max_population_share * N) continue;
    const double llr = bernoulli_llr(c, n, C, N);
    if (llr > best) {
      best = llr;
      best_cases = static_cast<std::uint32_t>(c);
    }
  }
  const ScanCluster& top = result.scan.clusters.front();
  EXPECT_NEAR(top.llr, best, 1e-9 * best);
  EXPECT_EQ(top.cases, best_cases);
  EXPECT_LT(std::hypot(top.x - 5000, top.y - 5000), 1000);
  EXPECT_LE(top.p_value, 0.01);
}

TEST(PointScan, ReadsTheFileAndNamesTheBadLine) {
  const auto good = write_file("grappe_points_good.csv", "x,y,case,weight\n0,0,1,2\n100,0,0,1\n0,100,0,1\n");
  const CasePoints p = read_case_points(good);
  EXPECT_EQ(p.x.size(), 3u);
  EXPECT_EQ(p.cases, (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(p.weight, (std::vector<double>{2, 1, 1}));
  const auto bad = write_file("grappe_points_bad.csv", "x,y,case\n0,0,1\n100,zero,0\n");
  try {
    read_case_points(bad);
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("grappe_points_bad.csv"), std::string::npos) << what;
    EXPECT_NE(what.find('3'), std::string::npos) << what;
  }
  const auto header = write_file("grappe_points_header.csv", "lon,lat,case\n0,0,1\n");
  EXPECT_THROW(read_case_points(header), InputError);
  fs::remove(good);
  fs::remove(bad);
  fs::remove(header);
}

// A spreadsheet's export (BOM, quoted cells, CRLF) was refused as "The header must be x,y,case"
// while its own header split the BOM and quotes into the names; it reads as the plain file.
TEST(PointScan, ReadsASpreadsheetExport) {
  const auto path = write_file("grappe_points_excel.csv",
                               "\xEF\xBB\xBF\"x\",\"y\",\"case\"\r\n\"0\",\"0\",\"1\"\r\n100,0,0\r\n");
  const CasePoints p = read_case_points(path);
  EXPECT_EQ(p.x, (std::vector<double>{0, 100}));
  EXPECT_EQ(p.cases, (std::vector<std::uint32_t>{0}));
  fs::remove(path);
}

}  // namespace
}  // namespace grappe
