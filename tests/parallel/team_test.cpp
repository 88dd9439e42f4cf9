// The work split seen by the modules (grappe/parallel/team.hpp), with threads as ranks: blocks
// cover every item once, shared results come back in index order, and the Kd envelope and the
// simulation outcomes are bit-identical to a single process's.
#include <gtest/gtest.h>

#include <cstring>
#include <numeric>

#include "grappe/common/error.hpp"
#include "grappe/measure/analysis.hpp"
#include "grappe/parallel/bytes.hpp"
#include "grappe/sim/monte_carlo.hpp"
#include "thread_team.hpp"

namespace grappe::parallel {
namespace {

using testing::ThreadTeam;

TEST(Team, BlocksCoverEveryItemOnceInRankOrder) {
  for (std::size_t n : {0u, 1u, 2u, 7u, 999u})
    for (int size : {1, 2, 3, 4, 7}) {
      std::size_t next = 0;
      for (int rank = 0; rank < size; ++rank) {
        Range b = block_of(n, rank, size);
        EXPECT_EQ(b.begin, next);
        EXPECT_LE(b.size(), n / size + 1);
        EXPECT_GE(b.size(), n / size);
        next = b.end;
      }
      EXPECT_EQ(next, n);
    }
  EXPECT_THROW(block_of(10, 3, 3), Error);
  EXPECT_EQ(my_block(5, nullptr).size(), 5u);
}

TEST(Team, SharedRowsArriveInIndexOrderOnEveryMember) {
  const std::size_t rows = 10, width = 3;
  ThreadTeam::run(4, [&](const Team& team) {
    std::vector<double> values(rows * width, -1);
    Range mine = my_block(rows, &team);
    for (std::size_t r = mine.begin; r < mine.end; ++r)
      for (std::size_t c = 0; c < width; ++c) values[r * width + c] = double(r * 10 + c);
    share_rows(&team, values, rows, width);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < width; ++c) ASSERT_EQ(values[r * width + c], double(r * 10 + c));
  });
}

TEST(Team, RoundRobinTextsComeBackInItemOrder) {
  const std::size_t items = 11;
  ThreadTeam::run(3, [&](const Team& team) {
    std::vector<std::string> mine;
    for (std::size_t i = 0; i < items; ++i)
      if (is_mine(i, &team))
        mine.push_back("item " + std::to_string(i) + (i % 2 ? std::string(1, '\0') : ""));
    auto all = gather_round_robin(&team, items, mine);
    ASSERT_EQ(all.size(), items);
    for (std::size_t i = 0; i < items; ++i)
      EXPECT_EQ(all[i], "item " + std::to_string(i) + (i % 2 ? std::string(1, '\0') : ""));
  });
}

TEST(Bytes, RoundTripAndTruncation) {
  ByteWriter w;
  w.put(3.25);
  w.put_vector(std::vector<int>{1, -2, 3});
  w.put_vector(std::vector<double>{});
  std::string bytes = w.take();
  ByteReader r(bytes);
  EXPECT_EQ(r.get<double>(), 3.25);
  EXPECT_EQ(r.get_vector<int>(), (std::vector<int>{1, -2, 3}));
  EXPECT_TRUE(r.get_vector<double>().empty());
  EXPECT_TRUE(r.done());
  ByteReader truncated(std::string_view(bytes).substr(0, 12));
  truncated.get<double>();
  EXPECT_THROW(truncated.get_vector<int>(), Error);
}

TEST(Team, KdEnvelopeIsBitIdenticalAcrossThreeRanks) {
  // 300 sites on a 20 km square, 30 of them (clustered in a corner) as the sample.
  std::vector<double> x, y;
  measure::Sample sample;
  Rng rng(7);
  for (int i = 0; i < 300; ++i) {
    x.push_back(rng.uniform() * 20000), y.push_back(rng.uniform() * 20000);
    if (i < 30) sample.push_back(x.back() * 0.2, y.back() * 0.2, 1 + i % 3), x.back() *= 0.2, y.back() *= 0.2;
  }
  std::vector<double> r;
  for (double d = 0; d <= 10000; d += 500) r.push_back(d);
  const measure::MonteCarloOptions single{.simulations = 49, .seed = 11};
  const auto expected = measure::analyse_kd(sample, x, y, r, {.weighted = true}, single);
  ThreadTeam::run(3, [&](const Team& team) {
    measure::MonteCarloOptions shared = single;
    shared.team = &team;
    const auto got = measure::analyse_kd(sample, x, y, r, {.weighted = true}, shared);
    ASSERT_TRUE(got.envelope.has_value());
    const auto& a = *expected.envelope;
    const auto& b = *got.envelope;
    for (auto [p, q] : {std::pair{&a.lo_local, &b.lo_local},
                        {&a.hi_local, &b.hi_local},
                        {&a.lo_global, &b.lo_global},
                        {&a.hi_global, &b.hi_global}}) {
      ASSERT_EQ(p->size(), q->size());
      EXPECT_EQ(0, std::memcmp(p->data(), q->data(), p->size() * sizeof(double)));
    }
    EXPECT_EQ(got.test.gamma, expected.test.gamma);
  });
}

TEST(Team, SimulationOutcomesAreBitIdenticalAcrossThreeRanks) {
  sim::Scenario scenario =
      sim::load_scenario(std::string(GRAPPE_SOURCE_DIR) + "/tests/data/sim/scenario.json");
  scenario.record_joins = true;
  const sim::Population population = sim::build_population(scenario, 5);
  const sim::MonteCarloOptions single{.replications = 20, .master_seed = 5, .on_replication_done = {}};
  const auto expected = sim::run_replications(scenario, population, single);
  ThreadTeam::run(3, [&](const Team& team) {
    sim::MonteCarloOptions shared = single;
    shared.team = &team;
    const auto got = sim::run_replications(scenario, population, shared);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].members, expected[i].members);
      EXPECT_EQ(got[i].critical_mass_years, expected[i].critical_mass_years);
      EXPECT_EQ(got[i].autonomy_years, expected[i].autonomy_years);
      EXPECT_EQ(got[i].hours_spent, expected[i].hours_spent);
      EXPECT_EQ(got[i].mean_degree, expected[i].mean_degree);
      EXPECT_EQ(got[i].final_by_initiative, expected[i].final_by_initiative);
      ASSERT_EQ(got[i].joins.size(), expected[i].joins.size());
      for (std::size_t k = 0; k < got[i].joins.size(); ++k)
        EXPECT_EQ(got[i].joins[k].firm, expected[i].joins[k].firm);
    }
  });
}

}  // namespace
}  // namespace grappe::parallel
