#pragma once
// Marked point patterns: locations (metres, Lambert-93 or any planar projection), a type per
// point and a weight (headcount). The vocabulary follows spatstat/dbmss: a *sample* is the set of
// points of one type that an estimator looks at; the *pattern* holds every point (the whole
// economy), which the null model permutes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grappe::measure {

// Points of one type (the reference points of Kd): parallel arrays.
struct Sample {
  std::vector<double> x, y, weight;
  std::size_t size() const { return x.size(); }
  void reserve(std::size_t n) { x.reserve(n), y.reserve(n), weight.reserve(n); }
  void push_back(double px, double py, double w) { x.push_back(px), y.push_back(py), weight.push_back(w); }
  void clear() { x.clear(), y.clear(), weight.clear(); }
};

// Every point with its marks (type index into type_names, weight).
struct MarkedPoints {
  std::vector<double> x, y, weight;
  std::vector<std::uint32_t> type;
  std::vector<std::string> type_names;

  std::size_t size() const { return x.size(); }
  std::optional<std::uint32_t> find_type(std::string_view name) const;
  // Adds a point; the type is registered on first sight.
  void add(double px, double py, std::string_view type_name, double w);
  // Points of one type, in file order.
  Sample sample_of(std::uint32_t type_index) const;
};

// Reads a CSV file with a header naming columns x, y, type and optionally weight (default 1),
// in any order; other columns are ignored. Throws InputError naming the file, line and column
// for missing columns, unreadable numbers, non-finite coordinates or negative weights.
MarkedPoints read_points_csv(const std::filesystem::path& path);

}  // namespace grappe::measure
