#include "grappe/scan/point_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"

namespace grappe {

namespace {

std::string trimmed(std::string_view f) {
  while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
  while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
  return std::string(f);
}

double number(const std::string& text, const std::string& file, std::uint64_t line, const char* column) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  throw InputError(SourceLocation{file, line, column, text}, "Expected a number.");
}

}  // namespace

CasePoints read_case_points(const std::filesystem::path& path) {
  const std::string file = path.string();
  auto in = open_input(path, "point file");
  CsvReader reader(in, file);
  std::vector<std::string> header;
  for (const auto& name : reader.header()) header.push_back(trimmed(name));
  if (header.size() < 3 || header[0] != "x" || header[1] != "y" || header[2] != "case" ||
      (header.size() > 3 && header[3] != "weight"))
    throw InputError(reader.where(), "The header must be x,y,case or x,y,case,weight.");
  const bool weighted = header.size() > 3;
  CasePoints points;
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    if (fields.size() != header.size())
      throw InputError(reader.where(), fmt::format("Expected {} fields.", header.size()));
    std::vector<std::string> f(fields.size());
    std::transform(fields.begin(), fields.end(), f.begin(), trimmed);
    const double c = number(f[2], file, reader.line(), "case");
    if (c != 0 && c != 1) throw InputError(reader.where("case", f[2]), "A case is 1 or 0.");
    if (c == 1) points.cases.push_back(static_cast<std::uint32_t>(points.x.size()));
    points.x.push_back(number(f[0], file, reader.line(), "x"));
    points.y.push_back(number(f[1], file, reader.line(), "y"));
    if (weighted) {
      const double w = number(f[3], file, reader.line(), "weight");
      if (!(w > 0)) throw InputError(reader.where("weight", f[3]), "A weight must be positive.");
      points.weight.push_back(w);
    }
  }
  if (points.cases.empty() || points.cases.size() == points.x.size())
    throw InputError(SourceLocation{file, 0, "case", ""}, "The points need both cases (1) and controls (0).");
  return points;
}

PointScan scan_points(const CasePoints& points, const LadderParams& params, const ScanOptions& options) {
  if (options.weighted && points.weight.empty())
    throw InputError("--weighted needs a weight column in the point file (x,y,case,weight).");
  const std::vector<double> none;
  const WindowLadder ladder(points.x, points.y, options.weighted ? points.weight : none, params);
  return {scan_bernoulli(ladder, points.cases, options), points.x.size()};
}

void write_point_scan(const std::filesystem::path& path, const PointScan& result) {
  auto out = open_output(path, "output file");
  if (path.extension() == ".csv") {
    out << "rank,x,y,radius_m,cases,points,expected,llr,p_value\n";
    int rank = 0;
    for (const auto& c : result.scan.clusters)
      out << fmt::format("{},{:.3f},{:.3f},{:.3f},{:.6g},{:.6g},{:.6g},{:.9g},{:.6g}\n", ++rank, c.x, c.y,
                         c.radius, c.case_weight, c.total_weight, c.expected, c.llr, c.p_value);
    return;
  }
  nlohmann::json clusters = nlohmann::json::array();
  for (const auto& c : result.scan.clusters)
    clusters.push_back({{"x", c.x},
                        {"y", c.y},
                        {"radius_m", c.radius},
                        {"cases", c.case_weight},
                        {"points", c.total_weight},
                        {"expected", c.expected},
                        {"llr", c.llr},
                        {"p_value", c.p_value}});
  out << nlohmann::json{{"points", result.points},
                        {"cases", result.scan.case_weight},
                        {"simulations", result.scan.simulations_run},
                        {"clusters", clusters}}
             .dump(1)
      << "\n";
}

}  // namespace grappe
