// grappe demo's scripted history (issue 17): the indicators of the demo initiative have a
// year of month-end points, member-led topics give an autonomy index above 0, and every topic
// stage and referral kind is present for the web app to show.
#include <gtest/gtest.h>

#include "../workspace/test_databases.hpp"
#include "grappe/animation/store.hpp"
#include "grappe/server/demo_pipeline.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/migrations.hpp"

namespace grappe::test {
namespace {

// A fresh store with the server's schema (the workspace's and the animation's).
std::unique_ptr<workspace::Database> migrated_database(const std::string& kind) {
  auto db = workspace::open_database(fresh_database(kind), 2);
  workspace::migrate(*db, animation::server_migrations());
  return db;
}

class DemoHistory : public ::testing::TestWithParam<std::string> {};

TEST_P(DemoHistory, AYearOfAnimationWithMemberLedTopics) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  auto db = migrated_database(GetParam());
  const workspace::Actor system{std::nullopt, "demo"};
  workspace::Initiatives initiatives(*db, nullptr);
  const std::int64_t id = initiatives.create(system, {.name = "Démo"}).id;
  for (int i = 0; i < 10; ++i)
    initiatives.add_member(
        system, id, {.siret = "4119400000010" + std::to_string(i), .name = "Firme " + std::to_string(i)});

  server::seed_demo_history(*db, id, system);

  animation::AnimationStore store(*db);
  const auto indicators = store.indicators(id, std::nullopt, std::nullopt);
  ASSERT_EQ(indicators.series.size(), 13u);  // twelve month ends and today
  const auto& latest = indicators.series.back();
  EXPECT_DOUBLE_EQ(latest.autonomy_index.value_or(0), 0.5);
  EXPECT_EQ(latest.members, 10u);
  EXPECT_GT(latest.ties, 3u);
  EXPECT_EQ(indicators.referrals.converted, 2u);
  std::map<std::string, int> by_status;
  for (const auto& topic : store.topics(id))
    ++by_status[std::string(animation::stage_name(topic.stage)) + "/" +
                std::string(animation::status_name(topic.status))];
  EXPECT_EQ(by_status, (std::map<std::string, int>{{"implementation/succeeded", 1},
                                                   {"implementation/active", 1},
                                                   {"need/active", 1},
                                                   {"need/abandoned", 1}}));
}

TEST_P(DemoHistory, NothingWithoutFirms) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  auto db = migrated_database(GetParam());
  const workspace::Actor system{std::nullopt, "demo"};
  workspace::Initiatives initiatives(*db, nullptr);
  const std::int64_t id = initiatives.create(system, {.name = "Vide"}).id;
  server::seed_demo_history(*db, id, system);
  animation::AnimationStore store(*db);
  EXPECT_TRUE(store.topics(id).empty());
}

GRAPPE_ON_EVERY_STORE(DemoHistory);

}  // namespace
}  // namespace grappe::test
