#include "world.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "grappe/register/naf.hpp"
#include "grappe/register/territory.hpp"

namespace grappe::demo {
namespace {

// Upper case without accents, as SIRENE spells commune names ("ROMORANTIN-LANTHENAY").
std::string upper_ascii(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c == 0xC3 && i + 1 < utf8.size()) {
      const auto n = static_cast<unsigned char>(utf8[++i]) | 0x20;  // fold upper to lower
      const char* map = nullptr;
      if (n >= 0xA0 && n <= 0xA5) map = "A";
      else if (n == 0xA7) map = "C";
      else if (n >= 0xA8 && n <= 0xAB) map = "E";
      else if (n >= 0xAC && n <= 0xAF) map = "I";
      else if (n >= 0xB2 && n <= 0xB6) map = "O";
      else if (n >= 0xB9 && n <= 0xBC) map = "U";
      else if (n == 0xBF || n == 0xBD) map = "Y";
      out += map ? map : "";
    } else if (c == 0xC5 && i + 1 < utf8.size()) {
      ++i;
      out += "OE";
    } else if (c < 0x80) {
      out += static_cast<char>(std::toupper(c));
    }
  }
  return out;
}

// Shares of the commonest sub-classes in France's active stock (rounded orders of magnitude);
// the other sub-classes share the rest along a Zipf curve.
const std::map<std::string, double>& common_shares() {
  static const std::map<std::string, double> shares = {
      {"68.20B", 0.060}, {"70.22Z", 0.040}, {"68.20A", 0.030}, {"94.99Z", 0.030},
      {"56.10A", 0.025}, {"96.02A", 0.020}, {"47.91B", 0.015}, {"56.10C", 0.015},
      {"43.99C", 0.015}, {"86.21Z", 0.015}, {"62.01Z", 0.015}, {"49.32Z", 0.015},
      {"85.59A", 0.015}, {"74.90B", 0.015}, {"82.99Z", 0.015}, {"86.90E", 0.012},
      {"85.59B", 0.012}, {"90.01Z", 0.012}, {"43.21A", 0.012}, {"96.09Z", 0.012},
      {"90.03A", 0.010}, {"47.71Z", 0.010}, {"01.11Z", 0.010}, {"74.10Z", 0.010},
      {"10.71C", 0.009}, {"43.22A", 0.008}, {"43.34Z", 0.008}, {"41.20A", 0.008},
      {"01.21Z", 0.008}, {"45.20A", 0.008}, {"47.89Z", 0.008}, {"68.31Z", 0.008},
      {"46.19B", 0.006}, {"71.11Z", 0.006}, {"96.04Z", 0.006}, {"81.21Z", 0.006},
      {"55.20Z", 0.006}, {"47.11B", 0.005}, {"43.31Z", 0.005}, {"69.10Z", 0.005},
      {"73.11Z", 0.005}, {"93.29Z", 0.005}, {"86.22C", 0.005}, {"01.41Z", 0.005},
      {"69.20Z", 0.004}, {"86.23Z", 0.004}, {"47.73Z", 0.003}, {"43.32A", 0.003},
      {"10.71D", 0.002}, {"47.11F", 0.002},
      // Codes of the planted trades stay rare in the background so the clusters stand out.
      {"31.01Z", 0.0001}, {"43.32B", 0.0006}, {"25.11Z", 0.0002}, {"16.23Z", 0.0002},
      {"25.71Z", 0.00004}, {"25.62A", 0.0001}, {"32.50B", 0.00005}, {"23.41Z", 0.00004},
      {"25.29Z", 0.00003}, {"25.30Z", 0.00002},
      // Decoy: a rare trade spread like the population (nothing to find).
      {"15.12Z", 0.0002}};
  return shares;
}

}  // namespace

World::World(const std::filesystem::path& data_dir) {
  const auto territories = Territories::load(data_dir);
  std::vector<CommuneInfo> all;
  for (std::uint32_t i = 0; i < territories->commune_count(); ++i) {
    const Commune& c = territories->commune(i);
    if (c.overseas) continue;  // other projections, left out
    all.push_back({c.code, upper_ascii(c.name), c.department, c.population, c.lon, c.lat,
                   std::isfinite(c.lon) && std::isfinite(c.lat)});
  }
  // Communes without a point borrow the point of their department's most populated commune
  // that has one (then get a wider jitter); departments without any point are skipped.
  std::map<std::string, const CommuneInfo*> anchor;
  for (const auto& c : all)
    if (c.own_point && (!anchor.count(c.department) || anchor[c.department]->population < c.population))
      anchor[c.department] = &c;
  for (auto& c : all) {
    if (!c.own_point) {
      auto it = anchor.find(c.department);
      if (it == anchor.end()) continue;
      c.lon = it->second->lon;
      c.lat = it->second->lat;
    }
    if (c.population > 0) communes_.push_back(c);
  }
  std::sort(communes_.begin(), communes_.end(), [](auto& a, auto& b) { return a.code < b.code; });
  double total = 0;
  for (const auto& c : communes_) commune_cumulative_.push_back(total += c.population);

  const auto naf = Naf::load(data_dir);  // its sub-classes, sorted
  for (std::uint16_t i = 0; i < naf->subclass_count(); ++i) naf_codes_.push_back(naf->code(i));
  // Zipf-like weights for the codes not listed: rank by a fixed hash so the order is stable
  // across seeds; manufacturing (divisions 10–33) is penalised as in the real stock.
  const auto& shares = common_shares();
  double listed = 0;
  for (auto& [code, share] : shares) listed += share;
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t i = 0; i < naf_codes_.size(); ++i) {
    if (shares.count(naf_codes_[i])) continue;
    std::uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a: stable on every platform
    for (char ch : naf_codes_[i]) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001B3ULL;
    order.emplace_back(splitmix64(h), i);
  }
  std::sort(order.begin(), order.end());
  std::vector<double> weight(naf_codes_.size(), 0.0);
  double rest = 0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const int division = std::stoi(naf_codes_[order[r].second].substr(0, 2));
    const double penalty = (division >= 10 && division <= 33) ? 0.25 : 1.0;
    weight[order[r].second] = penalty / std::pow(static_cast<double>(r) + 8.0, 1.1);
    rest += weight[order[r].second];
  }
  for (auto& w : weight) w *= (1.0 - listed) / rest;
  for (std::size_t i = 0; i < naf_codes_.size(); ++i)
    if (auto it = shares.find(naf_codes_[i]); it != shares.end()) weight[i] = it->second;
  total = 0;
  for (double w : weight) naf_cumulative_.push_back(total += w);
}

std::optional<std::uint32_t> World::find_commune(std::string_view code) const {
  auto it = std::lower_bound(communes_.begin(), communes_.end(), code,
                             [](const CommuneInfo& c, std::string_view k) { return c.code < k; });
  if (it == communes_.end() || it->code != code) return std::nullopt;
  return static_cast<std::uint32_t>(it - communes_.begin());
}

std::uint32_t World::draw_commune(Rng& rng) const {
  const double u = rng.uniform() * commune_cumulative_.back();
  auto it = std::upper_bound(commune_cumulative_.begin(), commune_cumulative_.end(), u);
  return static_cast<std::uint32_t>(std::min<std::size_t>(it - commune_cumulative_.begin(), communes_.size() - 1));
}

void World::draw_point(std::uint32_t commune, Rng& rng, double& lon, double& lat) const {
  const auto& c = communes_[commune];
  const double sigma = c.own_point ? 1500.0 : 6000.0;
  lon = c.lon;
  lat = c.lat;
  offset_point(lon, lat, sigma * gaussian(rng), sigma * gaussian(rng));
}

const std::string& World::draw_naf(Rng& rng) const {
  const double u = rng.uniform() * naf_cumulative_.back();
  auto it = std::upper_bound(naf_cumulative_.begin(), naf_cumulative_.end(), u);
  return naf_codes_[std::min<std::size_t>(it - naf_cumulative_.begin(), naf_codes_.size() - 1)];
}

double gaussian(Rng& rng) {
  const double u1 = 1.0 - rng.uniform();  // (0, 1]
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

void offset_point(double& lon, double& lat, double dx_m, double dy_m) {
  constexpr double kMetresPerDegree = 111'320.0;
  lat += dy_m / kMetresPerDegree;
  lon += dx_m / (kMetresPerDegree * std::cos(lat * std::numbers::pi / 180.0));
}

}  // namespace grappe::demo
