#include "grappe/common/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace grappe {

TEST(Random, StreamSeedsDifferByIndexAndPurpose) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t i = 0; i < 1000; ++i)
    for (std::uint64_t p = 0; p < 3; ++p) seeds.insert(stream_seed(42, i, p));
  EXPECT_EQ(seeds.size(), 3000u);
  EXPECT_EQ(stream_seed(42, 7, 1), stream_seed(42, 7, 1));
  EXPECT_NE(stream_seed(42, 7, 1), stream_seed(43, 7, 1));
}

TEST(Random, UniformMeanAndBelowRange) {
  Rng rng(1);
  double sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) sum += rng.uniform();
  EXPECT_NEAR(sum / n, 0.5, 0.005);
  int counts[7] = {};
  for (int i = 0; i < 70000; ++i) {
    auto v = rng.below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 400);
}

}  // namespace grappe
