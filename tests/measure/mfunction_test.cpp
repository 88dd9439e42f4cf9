// M function against the dbmss oracle (exact: ~1e-12 relative, the oracle has 11 digits) and a
// hand-computed case.
#include <gtest/gtest.h>

#include <cmath>

#include "grappe/measure/mfunction.hpp"
#include "oracle_files.hpp"

namespace grappe::measure {
namespace {

void expect_m_matches_oracle(const std::string& points_file, const std::string& oracle_file, const std::string& type) {
  MarkedPoints points = read_points_csv(testing::oracle_path(points_file));
  auto oracle = testing::read_oracle_curve(oracle_file);
  auto m = mhat(view_of(points), *points.find_type(type), oracle.r);
  ASSERT_EQ(m.size(), oracle.value.size());
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (std::isnan(oracle.value[k])) {
      EXPECT_TRUE(std::isnan(m[k])) << "r=" << oracle.r[k];
    } else {
      EXPECT_NEAR(m[k], oracle.value[k], 1e-9 * std::abs(oracle.value[k])) << oracle_file << " r=" << oracle.r[k];
    }
  }
}

TEST(MOracle, Points5kTypeA) { expect_m_matches_oracle("points5k.csv", "points5k_m_A.csv", "A"); }
TEST(MOracle, Points5kTypeB) { expect_m_matches_oracle("points5k.csv", "points5k_m_B.csv", "B"); }
TEST(MOracle, Points20kTypeA) { expect_m_matches_oracle("points20k.csv", "points20k_m_A.csv", "A"); }

TEST(M, HandComputedCase) {
  // Two A points 1 m apart, a Z point 3 m from the first, weights 1, 1, 2.
  MarkedPoints p;
  p.add(0, 0, "A", 1);
  p.add(1, 0, "A", 1);
  p.add(3, 0, "Z", 2);
  std::vector<double> r{0.5, 1, 2.5, 3};
  auto m = mhat(view_of(p), 0, r);
  // W = 4, W_A = 2; expected share for each A point: (2 − 1)/(4 − 1) = 1/3.
  EXPECT_TRUE(std::isnan(m[0]));                        // nobody within 0.5
  EXPECT_DOUBLE_EQ(m[1], (1.0 + 1.0) / (2.0 / 3));       // each sees only the other A
  EXPECT_DOUBLE_EQ(m[2], (1.0 + 1.0 / 3) / (2.0 / 3));   // second A also sees Z (2 m)
  EXPECT_DOUBLE_EQ(m[3], (1.0 / 3 + 1.0 / 3) / (2.0 / 3));  // both see everything
}

}  // namespace
}  // namespace grappe::measure
