#include "grappe/measure/concentration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace grappe::measure {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

EconomyShares EconomyShares::from_employment(std::vector<double> employment_by_area) {
  EconomyShares e;
  e.employment = std::move(employment_by_area);
  e.total = std::accumulate(e.employment.begin(), e.employment.end(), 0.0);
  for (double v : e.employment) e.sum_squared_shares += e.total > 0 ? (v / e.total) * (v / e.total) : 0;
  return e;
}

GroupShares GroupShares::from_establishments(std::span<const std::uint32_t> area, std::span<const double> size) {
  GroupShares g;
  std::vector<std::pair<std::uint32_t, double>> by_area;
  by_area.reserve(area.size());
  double squares = 0;
  for (std::size_t k = 0; k < area.size(); ++k) {
    by_area.emplace_back(area[k], size[k]);
    g.total += size[k], squares += size[k] * size[k];
  }
  g.establishments = area.size();
  g.herfindahl = g.total > 0 ? squares / (g.total * g.total) : kNaN;
  std::sort(by_area.begin(), by_area.end());
  for (auto [a, e] : by_area) {
    if (g.areas.empty() || g.areas.back() != a) g.areas.push_back(a), g.employment.push_back(0);
    g.employment.back() += e;
  }
  return g;
}

namespace {

// G = Σ_a (s_a − x_a)² = Σ_a s_a² − 2 Σ_a s_a x_a + Σ_a x_a² (sparse in the group's areas).
double raw_g(const GroupShares& g, const EconomyShares& e, double& sum_s2) {
  double cross = 0;
  sum_s2 = 0;
  for (std::size_t k = 0; k < g.areas.size(); ++k) {
    double s = g.employment[k] / g.total;
    sum_s2 += s * s, cross += s * e.share(g.areas[k]);
  }
  return sum_s2 - 2 * cross + e.sum_squared_shares;
}

}  // namespace

ConcentrationIndices concentration(const GroupShares& g, const EconomyShares& e) {
  ConcentrationIndices c{kNaN, g.herfindahl, kNaN, kNaN};
  if (!(g.total > 0) || !(e.total > 0)) return c;
  double sum_s2 = 0;
  c.raw_concentration = raw_g(g, e, sum_s2);
  const double x2 = e.sum_squared_shares, h = g.herfindahl;
  if (h < 1 && x2 < 1) {
    c.gamma_eg = (c.raw_concentration / (1 - x2) - h) / (1 - h);
    c.gamma_ms = ((sum_s2 - x2) / (1 - x2) - h) / (1 - h);
  }
  return c;
}

std::vector<double> location_quotients(const GroupShares& g, const EconomyShares& e) {
  std::vector<double> lq(g.areas.size(), kNaN);
  if (!(g.total > 0) || !(e.total > 0)) return lq;
  for (std::size_t k = 0; k < g.areas.size(); ++k) {
    double area_total = e.employment[g.areas[k]];
    if (area_total > 0) lq[k] = (g.employment[k] / area_total) / (g.total / e.total);
  }
  return lq;
}

double coagglomeration(const GroupShares& a, const GroupShares& b, const EconomyShares& e) {
  if (!(a.total > 0) || !(b.total > 0) || !(e.total > 0)) return kNaN;
  const double total = a.total + b.total, wa = a.total / total, wb = b.total / total;
  // The union's shares s_a = wa·s_a^A + wb·s_a^B: merge the two sparse vectors.
  GroupShares u;
  u.total = total;
  std::size_t i = 0, j = 0;
  while (i < a.areas.size() || j < b.areas.size()) {
    bool take_a = j == b.areas.size() || (i < a.areas.size() && a.areas[i] <= b.areas[j]);
    bool take_b = i == a.areas.size() || (j < b.areas.size() && b.areas[j] <= a.areas[i]);
    u.areas.push_back(take_a ? a.areas[i] : b.areas[j]);
    u.employment.push_back((take_a ? a.employment[i++] : 0.0) + (take_b ? b.employment[j++] : 0.0));
  }
  double sum_s2 = 0;
  const double g = raw_g(u, e, sum_s2), x2 = e.sum_squared_shares;
  const double h = wa * wa * a.herfindahl + wb * wb * b.herfindahl;
  const double gamma_a = concentration(a, e).gamma_eg, gamma_b = concentration(b, e).gamma_eg;
  return (g / (1 - x2) - h - gamma_a * wa * wa * (1 - a.herfindahl) - gamma_b * wb * wb * (1 - b.herfindahl)) /
         (1 - wa * wa - wb * wb);
}

}  // namespace grappe::measure
