#include "grappe/measure/distance_grid.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::measure {

namespace {

double parse(std::string_view text, std::string_view spec) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    throw InputError("--r '" + std::string(spec) + "': '" + std::string(text) + "' is not a number of metres.");
  return value;
}

std::vector<double> range(double from, double to, double step, std::string_view spec) {
  if (!(step > 0)) throw InputError("--r '" + std::string(spec) + "': the step must be positive.");
  if (to < from) throw InputError("--r '" + std::string(spec) + "': the end is before the start.");
  if ((to - from) / step > 1e7) throw InputError("--r '" + std::string(spec) + "': more than 10 million distances.");
  std::vector<double> r;
  const auto count = static_cast<std::size_t>(std::floor((to - from) / step + 1e-9));
  for (std::size_t k = 0; k <= count; ++k) r.push_back(from + double(k) * step);
  return r;
}

}  // namespace

std::vector<double> parse_distance_grid(std::string_view spec, double rmax) {
  if (!(rmax > 0) || !std::isfinite(rmax)) throw InputError("--rmax must be a positive number of metres.");
  std::vector<double> r;
  if (spec.empty()) {
    r = range(0, rmax, 1000, "1000");
  } else if (spec.find(':') != std::string_view::npos) {
    auto a = spec.find(':'), b = spec.find(':', a + 1);
    if (b == std::string_view::npos) throw InputError("--r '" + std::string(spec) + "': expected from:to:step.");
    r = range(parse(spec.substr(0, a), spec), parse(spec.substr(a + 1, b - a - 1), spec), parse(spec.substr(b + 1), spec), spec);
  } else if (spec.find(',') != std::string_view::npos) {
    std::size_t start = 0;
    while (start <= spec.size()) {
      auto comma = spec.find(',', start);
      if (comma == std::string_view::npos) comma = spec.size();
      r.push_back(parse(spec.substr(start, comma - start), spec));
      start = comma + 1;
    }
  } else {
    r = range(0, rmax, parse(spec, spec), spec);
  }
  if (r.empty()) throw InputError("--r '" + std::string(spec) + "' gives no distance.");
  for (std::size_t k = 0; k < r.size(); ++k) {
    if (r[k] < 0) throw InputError("--r '" + std::string(spec) + "': distances must be ≥ 0.");
    if (k > 0 && !(r[k] > r[k - 1])) throw InputError("--r '" + std::string(spec) + "': distances must increase.");
  }
  return r;
}

}  // namespace grappe::measure
