#pragma once
// Helpers to read the vendored dbmss oracle files (tests/data/oracles/dbmss/).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "grappe/measure/points.hpp"

namespace grappe::measure::testing {

inline std::string oracle_path(const std::string& name) {
  return std::string(GRAPPE_SOURCE_DIR) + "/tests/data/oracles/dbmss/" + name;
}

// 0, 1, 2, … rmax_km kilometres, in metres (the oracles' grid).
inline std::vector<double> km_grid(double rmax_km) {
  std::vector<double> r;
  for (double v = 0; v <= rmax_km; v += 1) r.push_back(v * 1000);
  return r;
}

struct OracleCurve {
  std::vector<double> r, value;
};

// Two-column CSV r,value (R writes NaN as "NaN").
inline OracleCurve read_oracle_curve(const std::string& name) {
  std::ifstream in(oracle_path(name));
  OracleCurve curve;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    curve.r.push_back(std::stod(line.substr(0, comma)));
    curve.value.push_back(std::stod(line.substr(comma + 1)));
  }
  return curve;
}

inline Sample oracle_sample(const std::string& points_file, const std::string& type) {
  MarkedPoints points = read_points_csv(oracle_path(points_file));
  return points.sample_of(*points.find_type(type));
}

}  // namespace grappe::measure::testing
