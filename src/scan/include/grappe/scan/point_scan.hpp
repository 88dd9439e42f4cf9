#pragma once
// `grappe scan --points F.csv`: Kulldorff's Bernoulli scan of any point set, as `grappe kd
// --points` measures any point set. The CSV has a header and the columns x,y,case[,weight]
// (metres in a projected system; case 1 or 0; weight > 0, used with --weighted), so that the
// scan can be checked against other implementations on their published examples.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/scan/window_ladder.hpp"

namespace grappe {

struct CasePoints {
  std::vector<double> x, y, weight;  // weight empty when the file has no weight column
  std::vector<std::uint32_t> cases;  // indices of the points whose case is 1
};

// Throws InputError naming the file, the line and the column for a bad value.
CasePoints read_case_points(const std::filesystem::path& path);

struct PointScan {
  ScanResult scan;
  std::size_t points = 0;
};
PointScan scan_points(const CasePoints& points, const LadderParams& ladder, const ScanOptions& options);

// {"points", "cases", "simulations", "clusters": [{x, y, radius_m, cases, points, expected, llr,
// p_value}]}: .json, or one row per cluster when the path ends in .csv.
void write_point_scan(const std::filesystem::path& path, const PointScan& result);

}  // namespace grappe
