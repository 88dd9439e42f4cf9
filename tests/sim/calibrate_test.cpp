#include "grappe/sim/calibrate.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "grappe/common/error.hpp"
#include "grappe/sim/monte_carlo.hpp"

namespace grappe::sim {

const std::string kCandidates = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/sim/candidates.json";

TEST(Calibrate, FirmsComeFromTheCandidateMembers) {
  Scenario s = calibrate_from_candidate_file(kCandidates, 2, Scenario{});
  EXPECT_EQ(s.firm_count(), 25);
  EXPECT_EQ(s.population.sectors, 2);
  double cx = 0, cy = 0, spread = 0;
  for (const auto& f : s.population.firms_data) {
    cx += f.x_km / 25;
    cy += f.y_km / 25;
    spread = std::max(spread, std::hypot(f.x_km, f.y_km));
    EXPECT_EQ(f.id.size(), 14u);
    EXPECT_GE(f.headcount, 1);
    double sum = 0;
    for (double w : f.trade) sum += w;
    EXPECT_EQ(sum, 1.0);  // one-hot on the member's NAF code
  }
  EXPECT_NEAR(cx, 0, 1e-9);  // centred on the members' centroid
  EXPECT_NEAR(cy, 0, 1e-9);
  EXPECT_LT(spread, 12.0);   // members lie within 0.08° of the centre
  EXPECT_GT(spread, 2.0);
  EXPECT_EQ(s.critical_mass_members(), 4);  // ⌈0.15·25⌉
}

CandidateMember member(double lon, double lat, const std::string& code = "") {
  CandidateMember m;
  m.siret = 12345678900011;
  m.lon = lon;
  m.lat = lat;
  m.code = code;
  return m;
}

TEST(Calibrate, EachMemberGetsTheProfileOfItsOwnCode) {
  Candidate c;
  c.codes = {"31.01Z", "43.32", "25"};
  c.members = {member(4.8, 45.7, "31.01Z"), member(4.9, 45.8, "43.32B"), member(4.7, 45.6, "25.11Z"),
               member(4.6, 45.5, "62.01Z")};
  Scenario s = calibrate_from_candidate(c, Scenario{});
  ASSERT_EQ(s.population.sectors, 3);
  const auto& f = s.population.firms_data;
  EXPECT_EQ(f[0].trade, (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(f[1].trade, (std::vector<double>{0, 1, 0}));  // a sub-class under a class of the trade
  EXPECT_EQ(f[2].trade, (std::vector<double>{0, 0, 1}));  // … under a division
  EXPECT_EQ(f[3].trade, (std::vector<double>{1, 1, 1}));  // under none: uniform
  EXPECT_EQ(trade_index({"31", "31.01"}, "31.01Z"), 1);   // the most precise code wins
}

TEST(Calibrate, ProjectionMatchesHaversineAtClusterScale) {
  Candidate c;
  c.members = {member(4.80, 45.75), member(4.90, 45.80)};
  Scenario s = calibrate_from_candidate(c, Scenario{});
  const auto& a = s.population.firms_data[0];
  const auto& b = s.population.firms_data[1];
  double planar = std::hypot(a.x_km - b.x_km, a.y_km - b.y_km);
  double to_rad = M_PI / 180, dlat = 0.05 * to_rad, dlon = 0.10 * to_rad;
  double h = std::pow(std::sin(dlat / 2), 2) + std::cos(45.75 * to_rad) * std::cos(45.80 * to_rad) * std::pow(std::sin(dlon / 2), 2);
  double great_circle = 2 * 6371.0088 * std::asin(std::sqrt(h));
  EXPECT_NEAR(planar / great_circle, 1.0, 1e-3);
}

TEST(Calibrate, ClearErrorsForBadCandidates) {
  EXPECT_THROW(calibrate_from_candidate_file(kCandidates, 9, Scenario{}), InputError);
  EXPECT_THROW(calibrate_from_candidate_file("/nonexistent.json", 1, Scenario{}), InputError);
  EXPECT_THROW(calibrate_from_candidate(Candidate{}, Scenario{}), InputError);  // no members
  Candidate no_position;
  no_position.members = {member(4.8, 45.7), member(4.9, NAN)};
  try {
    calibrate_from_candidate(no_position, Scenario{}, "c.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("members[1]"), std::string::npos) << e.what();
  }
}

TEST(Calibrate, CalibratedScenarioRuns) {
  Scenario s = calibrate_from_candidate_file(kCandidates, 1, Scenario{});
  Population population = build_population(s, 3);
  auto outcomes = run_replications(s, population, MonteCarloOptions{20, 3, {}});
  Summary summary = summarise(s, outcomes);
  EXPECT_EQ(summary.critical_mass_by.size(), 3u);
  EXPECT_GE(summary.mean_final_members, 0);
}

}  // namespace grappe::sim
