#pragma once
#include <string_view>
#include <vector>

namespace grappe::measure {

// The distances (metres) at which a curve is evaluated, from the CLI's --r: empty → 0 to rmax
// by 1 km; "500" → 0 to rmax by 500 m; "0:50000:250" → from:to:step; "0,1000,5000" → a list.
// Throws InputError for anything else, or a grid that is not strictly increasing and ≥ 0.
std::vector<double> parse_distance_grid(std::string_view spec, double rmax);

}  // namespace grappe::measure
