#include "candidate_builder.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "grappe/scan/dbscan.hpp"

namespace grappe {

namespace {

// Footprint: DBSCAN of the members (eps a fifth of the radius, 300 m – 3 km, minPts 3), one
// convex hull per DBSCAN cluster; the hull of all members when DBSCAN finds no cluster.
void add_footprint(const std::vector<double>& x, const std::vector<double>& y, Candidate& c) {
  if (x.empty()) return;
  const double eps = std::clamp(c.radius_m / 5, 300.0, 3000.0);
  const DbscanResult groups = dbscan(x, y, {eps, 3});
  std::map<int, std::vector<std::size_t>> members_of;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (groups.label[i] > 0) {
      members_of[groups.label[i]].push_back(i);
      c.members[i].in_footprint = true;
    }
  if (members_of.empty()) {
    for (std::size_t i = 0; i < x.size(); ++i) members_of[1].push_back(i);
  }
  for (const auto& [label, subset] : members_of) {
    const auto hull = convex_hull(x, y, subset);
    if (hull.size() < 3) continue;
    std::vector<std::pair<double, double>> ring;
    for (std::size_t i : hull) ring.emplace_back(c.members[i].lon, c.members[i].lat);
    ring.push_back(ring.front());
    c.footprint.push_back(std::move(ring));
  }
}

}  // namespace

const char* lens_kind(const Register& reg, const Trade& trade) {
  if (trade.id.starts_with(kDiscoveredPrefix)) return "discovered";
  if (trade.keywords.empty() && trade.codes.size() == 1 && trade.codes.front() == trade.id)
    if (const auto s = reg.naf().find(trade.id); s && reg.naf().code(*s) == trade.id) return "subclass";
  return "trade";
}

std::vector<std::size_t> convex_hull(const std::vector<double>& x, const std::vector<double>& y,
                                     const std::vector<std::size_t>& subset) {
  std::vector<std::size_t> pts = subset;
  std::sort(pts.begin(), pts.end(), [&](std::size_t a, std::size_t b) {
    return x[a] != x[b] ? x[a] < x[b] : y[a] < y[b];
  });
  pts.erase(std::unique(pts.begin(), pts.end(), [&](std::size_t a, std::size_t b) {
              return x[a] == x[b] && y[a] == y[b];
            }), pts.end());
  if (pts.size() < 3) return pts;
  auto cross = [&](std::size_t o, std::size_t a, std::size_t b) {
    return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  };
  std::vector<std::size_t> hull(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  hull.resize(k - 1);
  return hull;
}

Candidate build_candidate(const Register& reg, const ScanPopulation& population, const Trade& trade,
                          const TradeCases& cases, const ScanResult& scan, std::size_t cluster) {
  const ScanCluster& cl = scan.clusters[cluster];
  Candidate c;
  c.p_value = cl.p_value;
  c.llr = cl.llr;
  c.trade = trade.id;
  c.trade_name = trade.name;
  c.codes = trade.codes;
  c.x = cl.x;
  c.y = cl.y;
  c.radius_m = cl.radius;
  const std::uint32_t centre_row = population.rows[cl.centre_point];
  c.center_siret = reg.siret()[centre_row];
  c.id = candidate_id(c);
  c.lon = reg.lon()[centre_row];
  c.lat = reg.lat()[centre_row];
  c.secondary = cluster > 0;
  c.establishments = cl.points;
  c.firms = cl.cases;
  c.firms_expected = cl.expected;
  const double N = static_cast<double>(population.rows.size());
  const double C = static_cast<double>(cases.establishments.size());
  c.national_trade = cases.national;
  c.simulations = scan.simulations_run;

  double trade_employment = 0, all_employment = 0;
  for (std::uint32_t p : cases.establishments) trade_employment += population.headcount[p];
  for (double h : population.headcount) all_employment += h;
  c.trade_employment_share = all_employment > 0 ? trade_employment / all_employment : 0;

  std::vector<double> mx, my;
  const double r2 = cl.radius * cl.radius;
  for (std::uint32_t p : cases.establishments) {
    const double dx = population.x[p] - cl.x, dy = population.y[p] - cl.y;
    if (dx * dx + dy * dy > r2) continue;
    const std::uint32_t row = population.rows[p];
    CandidateMember m;
    m.siret = reg.siret()[row];
    m.code = reg.naf().code(reg.sector()[row]);
    m.name = std::string(reg.name(row));
    if (m.name.empty())
      if (const auto* unit = reg.find_legal_unit(reg.siren()[row])) m.name = unit->name;
    m.address = std::string(reg.address(row));
    if (reg.commune()[row] != kNoCommune) {
      const auto& commune = reg.territories().commune(reg.commune()[row]);
      m.commune = commune.code;
      m.commune_name = commune.name;
    }
    m.found_by = {trade.id};
    m.row = row;
    m.headcount = population.headcount[p];
    m.lon = reg.lon()[row];
    m.lat = reg.lat()[row];
    c.employment += m.headcount;
    c.members.push_back(std::move(m));
    mx.push_back(population.x[p]);
    my.push_back(population.y[p]);
  }
  // Indicators on establishments (members), as INSEE and the US Cluster Mapping count them.
  const double inside = static_cast<double>(c.members.size()), n = static_cast<double>(cl.points);
  c.trade_establishments = static_cast<std::uint32_t>(c.members.size());
  c.expected = n * C / N;
  c.lq = (inside / n) / (C / N);
  c.relative_risk = N > n && C > inside ? (inside / n) / ((C - inside) / (N - n)) : INFINITY;
  c.rarity = cases.national > 0 ? inside / cases.national : 0;
  add_footprint(mx, my, c);
  c.lenses.push_back({lens_kind(reg, trade), trade.id, trade.name, trade.codes, trade.keywords, c.llr,
                      c.p_value, c.q_value, c.radius_m, c.trade_establishments});
  return c;
}

void add_employment_in_windows(const ScanPopulation& population, std::vector<Candidate>& candidates) {
  tbb::parallel_for(std::size_t{0}, candidates.size(), [&](std::size_t k) {
    Candidate& c = candidates[k];
    const double r2 = c.radius_m * c.radius_m;
    double window = 0;
    for (std::size_t p = 0; p < population.x.size(); ++p) {
      const double dx = population.x[p] - c.x, dy = population.y[p] - c.y;
      if (dx * dx + dy * dy <= r2) window += population.headcount[p];
    }
    c.employment_lq = window > 0 && c.trade_employment_share > 0 ? (c.employment / window) / c.trade_employment_share : 0;
  });
}

void rank_candidates(std::vector<Candidate>& candidates) {
  // US Cluster Mapping "strong cluster" (Delgado, Porter & Stern 2014): LQ in the top quartile and
  // ≥ 1, employment and establishment counts above the bottom quartile, across the candidates.
  std::vector<double> lq, employment, establishments;
  for (const auto& c : candidates) {
    lq.push_back(c.lq);
    employment.push_back(c.employment);
    establishments.push_back(c.trade_establishments);
  }
  const double lq_q3 = quantile(lq, 0.75), emp_q1 = quantile(employment, 0.25), est_q1 = quantile(establishments, 0.25);
  for (auto& c : candidates) {
    c.lq_top_quartile = c.lq >= lq_q3 && c.lq >= 1;
    c.employment_above_bottom_quartile = c.employment > emp_q1 || candidates.size() == 1;
    c.establishments_above_bottom_quartile = c.trade_establishments > est_q1 || candidates.size() == 1;
    c.strong = c.lq_top_quartile && c.employment_above_bottom_quartile && c.establishments_above_bottom_quartile;
    // One score in [0, 100] (docs/scan.md): significance × a blend of rarity, LQ, size, strength.
    const double rarity = std::sqrt(std::clamp(c.rarity, 0.0, 1.0));
    const double concentration = std::clamp(std::log10(std::max(c.lq, 1.0)) / 2, 0.0, 1.0);
    const double size = std::clamp(std::log10(std::max<double>(c.trade_establishments, 1)) / 2, 0.0, 1.0);
    c.score = 100 * (1 - c.q_value) * (0.35 * rarity + 0.25 * concentration + 0.25 * size + 0.15 * c.strong);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.llr > b.llr;
  });
  for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i].rank = static_cast<int>(i + 1);
}

}  // namespace grappe
