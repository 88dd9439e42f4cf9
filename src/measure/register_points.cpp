#include "grappe/measure/register_points.hpp"

#include <algorithm>

#include "grappe/common/random.hpp"

namespace grappe::measure {

RegisterSites located_sites(const Register& reg, PositionPolicy positions) {
  RegisterSites sites;
  const auto flags = reg.flags();
  const auto x = reg.x(), y = reg.y();
  const auto headcount = reg.headcount();
  sites.site_of_row.assign(reg.size(), UINT32_MAX);
  for (std::size_t row = 0; row < reg.size(); ++row) {
    if (!analysable(reg, row, positions)) continue;
    if (!(flags[row] & kHasLocation)) ++sites.commune_precision;
    sites.site_of_row[row] = static_cast<std::uint32_t>(sites.x.size());
    sites.x.push_back(x[row]), sites.y.push_back(y[row]), sites.weight.push_back(headcount[row]);
  }
  return sites;
}

namespace {

// k distinct indices of [0, n) uniformly at random, ascending (partial Fisher–Yates).
std::vector<std::uint32_t> random_subset(std::size_t n, std::size_t k, std::uint64_t seed) {
  std::vector<std::uint32_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<std::uint32_t>(i);
  Rng rng(stream_seed(seed, 0, 1));
  for (std::size_t i = 0; i < k; ++i) std::swap(all[i], all[i + rng.below(n - i)]);
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<std::uint32_t> group_sites(const RegisterSites& sites, const EstablishmentGroup& group) {
  std::vector<std::uint32_t> members;
  for (auto row : group.rows)
    if (row < sites.site_of_row.size() && sites.site_of_row[row] != UINT32_MAX)
      members.push_back(sites.site_of_row[row]);
  return members;
}

}  // namespace

Sample group_sample(const RegisterSites& sites, const EstablishmentGroup& group, std::size_t max_points,
                    std::uint64_t seed) {
  auto members = group_sites(sites, group);
  if (max_points > 0 && members.size() > max_points) {
    auto keep = random_subset(members.size(), max_points, seed);
    for (std::size_t k = 0; k < keep.size(); ++k) keep[k] = members[keep[k]];
    members = std::move(keep);
  }
  Sample sample;
  sample.reserve(members.size());
  for (auto s : members) sample.push_back(sites.x[s], sites.y[s], sites.weight[s]);
  return sample;
}

double sampled_pairs_factor(const RegisterSites& sites, const EstablishmentGroup& group, std::size_t m) {
  const double n = double(group_sites(sites, group).size());
  if (m < 2 || n <= double(m)) return 1.0;
  return n * (n - 1) / (double(m) * double(m - 1));
}

MarkedPoints group_marked_points(const RegisterSites& sites, const EstablishmentGroup& group,
                                 std::size_t max_others, std::uint64_t seed) {
  auto members = group_sites(sites, group);
  std::vector<std::uint8_t> in_group(sites.size(), 0);
  for (auto s : members) in_group[s] = 1;
  std::vector<std::uint32_t> others;
  for (std::uint32_t s = 0; s < sites.size(); ++s)
    if (!in_group[s]) others.push_back(s);
  double inflation = 1;
  if (max_others > 0 && others.size() > max_others) {
    auto keep = random_subset(others.size(), max_others, seed);
    inflation = double(others.size()) / double(max_others);
    for (std::size_t k = 0; k < keep.size(); ++k) keep[k] = others[keep[k]];
    others = std::move(keep);
  }
  MarkedPoints points;
  points.type_names = {group.code, "other"};
  for (auto s : members)
    points.x.push_back(sites.x[s]), points.y.push_back(sites.y[s]), points.weight.push_back(sites.weight[s]),
        points.type.push_back(0);
  for (auto s : others)
    points.x.push_back(sites.x[s]), points.y.push_back(sites.y[s]),
        points.weight.push_back(sites.weight[s] * inflation), points.type.push_back(1);
  return points;
}

}  // namespace grappe::measure
