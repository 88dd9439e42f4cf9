// DBSCAN against R's dbscan 1.1-11 (tests/data/oracles/dbscan/) and small hand-checked sets.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "grappe/scan/dbscan.hpp"

namespace grappe {
namespace {

struct Oracle {
  std::vector<double> x, y;
  std::vector<int> cluster;
};

Oracle read_oracle(const std::string& name) {
  std::ifstream in(std::string(GRAPPE_SOURCE_DIR) + "/tests/data/oracles/dbscan/" + name);
  EXPECT_TRUE(in.good()) << name;
  Oracle o;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream s(line);
    std::string a, b, c;
    std::getline(s, a, ',');
    std::getline(s, b, ',');
    std::getline(s, c, ',');
    o.x.push_back(std::stod(a));
    o.y.push_back(std::stod(b));
    o.cluster.push_back(std::stoi(c));
  }
  return o;
}

// Same partition up to renaming; a border point may sit in any cluster with a core point
// within eps of it (R gives it to the first cluster that reaches it).
void expect_same_partition(const Oracle& o, const DbscanResult& r, double eps) {
  const std::size_t n = o.x.size();
  ASSERT_EQ(r.label.size(), n);
  std::map<int, int> ours_to_r, r_to_ours;
  int r_clusters = 0;
  for (std::size_t i = 0; i < n; ++i) r_clusters = std::max(r_clusters, o.cluster[i]);
  EXPECT_EQ(r.clusters, r_clusters);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(r.label[i] == 0, o.cluster[i] == 0) << "noise differs at point " << i;
    if (!r.core[i] || r.label[i] == 0) continue;
    auto [it, fresh] = ours_to_r.emplace(r.label[i], o.cluster[i]);
    EXPECT_EQ(it->second, o.cluster[i]) << "core point " << i;
    auto [jt, fresh2] = r_to_ours.emplace(o.cluster[i], r.label[i]);
    EXPECT_EQ(jt->second, r.label[i]) << "core point " << i;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (r.core[i] || r.label[i] == 0) continue;
    // R's cluster of this border point must have a core point within eps of it.
    const int ours_for_r = r_to_ours[o.cluster[i]];
    bool reachable = false;
    for (std::size_t j = 0; j < n && !reachable; ++j)
      reachable = r.core[j] && r.label[j] == ours_for_r && std::hypot(o.x[i] - o.x[j], o.y[i] - o.y[j]) <= eps;
    EXPECT_TRUE(reachable) << "border point " << i;
  }
}

TEST(Dbscan, MatchesRDbscanOn5kPoints) {
  const Oracle o = read_oracle("points5k_eps5000_minpts10.csv");
  expect_same_partition(o, dbscan(o.x, o.y, {5000.0, 10}), 5000.0);
}

TEST(Dbscan, MatchesRDbscanOn20kPoints) {
  const Oracle o = read_oracle("points20k_eps2000_minpts20.csv");
  expect_same_partition(o, dbscan(o.x, o.y, {2000.0, 20}), 2000.0);
}

TEST(Dbscan, EpsIsInclusiveAndMinPointsCountsThePointItself) {
  // Three points 1 m apart on a line, a far point: with eps = 1 and minPts = 3 only the
  // middle point is core (it sees itself and both others); the ends are border points.
  const std::vector<double> x{0, 1, 2, 100}, y{0, 0, 0, 0};
  const DbscanResult r = dbscan(x, y, {1.0, 3});
  EXPECT_EQ(r.clusters, 1);
  EXPECT_EQ(r.label, (std::vector<std::int32_t>{1, 1, 1, 0}));
  EXPECT_EQ(r.core, (std::vector<std::uint8_t>{0, 1, 0, 0}));
  const DbscanResult strict = dbscan(x, y, {0.999, 2});
  EXPECT_EQ(strict.clusters, 0);
}

TEST(Dbscan, TwoGroupsAreNumberedByTheirFirstCorePoint) {
  const std::vector<double> x{50, 0, 51, 1, 52, 2}, y{0, 0, 0, 0, 0, 0};
  const DbscanResult r = dbscan(x, y, {1.5, 2});
  EXPECT_EQ(r.label, (std::vector<std::int32_t>{1, 2, 1, 2, 1, 2}));
}

TEST(Dbscan, RejectsBadParameters) {
  const std::vector<double> x{0}, y{0};
  EXPECT_ANY_THROW(dbscan(x, y, {0.0, 3}));
  EXPECT_ANY_THROW(dbscan(x, y, {1.0, 0}));
}

}  // namespace
}  // namespace grappe
