#pragma once
// Reference data the generator draws from (internal): metropolitan communes weighted by
// population, the 732 NAF rév. 2 sub-classes with a skewed (Zipf-like) frequency, and words for
// names and addresses.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/common/random.hpp"

namespace grappe::demo {

struct CommuneInfo {
  std::string code, name_upper, department;
  std::uint32_t population = 0;
  double lon = NAN, lat = NAN;      // own point, or its department's populated commune's point
  bool own_point = false;           // false: placed at a neighbour's point (wider jitter)
};

class World {
 public:
  explicit World(const std::filesystem::path& data_dir);

  const std::vector<CommuneInfo>& communes() const { return communes_; }
  std::optional<std::uint32_t> find_commune(std::string_view code) const;
  // A commune drawn with probability proportional to its population.
  std::uint32_t draw_commune(Rng& rng) const;
  // A point near a commune: its point plus Gaussian jitter (1.5 km, or 6 km when borrowed).
  void draw_point(std::uint32_t commune, Rng& rng, double& lon, double& lat) const;

  const std::vector<std::string>& naf_codes() const { return naf_codes_; }
  // A NAF code of the background economy (skewed; the planted trades' codes are rare).
  const std::string& draw_naf(Rng& rng) const;

 private:
  std::vector<CommuneInfo> communes_;    // metropolitan communes with a (possibly borrowed) point
  std::vector<double> commune_cumulative_;
  std::vector<std::string> naf_codes_;   // sorted
  std::vector<double> naf_cumulative_;   // aligned with naf_codes_
};

// Standard normal draw (Box–Muller).
double gaussian(Rng& rng);
// Moves (lon, lat) by (dx, dy) metres (local equirectangular approximation).
void offset_point(double& lon, double& lat, double dx_m, double dy_m);

// Words for names and addresses; none contains a keyword of data/trades.json so that background
// firms never match a keyword-narrowed trade by accident.
const std::string& pick(Rng& rng, const std::vector<std::string>& words);
const std::vector<std::string>& surnames();
const std::vector<std::string>& first_names();
const std::vector<std::string>& business_words();
const std::vector<std::string>& street_types();
const std::vector<std::string>& street_names();
// A company or shop name; a few contain commas, quotes or (rarely) a newline.
std::string draw_business_name(Rng& rng);

}  // namespace grappe::demo
