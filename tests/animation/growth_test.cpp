#include <gtest/gtest.h>

#include <sstream>

#include "grappe/animation/csv.hpp"
#include "grappe/animation/exports.hpp"
#include "grappe/animation/growth.hpp"
#include "grappe/animation/reminders.hpp"

using namespace grappe::animation;

namespace {

Date d(const char* text) { return parse_date(text); }
const Actor kAnimator = Actor::animator("anim");

// Five firms over 15 months; every expected value below is worked out by hand in comments.
InitiativeHistory small_initiative() {
  InitiativeHistory h;
  h.memberships = {{"F1", d("2024-01-10"), {}},
                   {"F2", d("2024-01-15"), {}},
                   {"F3", d("2024-03-01"), {}},
                   {"F4", d("2024-06-01"), d("2025-02-01")},
                   {"F5", d("2025-01-10"), {}}};
  h.referrals = {{"F1", "35600000000048", d("2024-02-01"), "F3"},
                 {"F3", "Menuiserie Roux", d("2024-05-01"), "F4"},
                 {"F3", "Boulangerie Martin", d("2024-07-01"), std::nullopt},
                 {"F3", "Atelier Bleu", d("2024-12-01"), "F5"}};
  h.ties = {{"F1", "F2", d("2024-01-20"), "survey"},
            {"F2", "F3", d("2024-04-01"), "survey"},
            {"F4", "F1", d("2024-07-01"), "survey"},
            {"F1", "F9", d("2024-07-01"), "survey"}};  // F9 never joined: ignored
  auto t1 = open_topic("T1", "Achats groupés", "", kAnimator, d("2024-02-01"), 3);
  open_poll(t1, d("2024-02-05"), std::nullopt);
  for (const char* firm : {"F1", "F2", "F3"}) commit_to_poll(t1, firm, d("2024-02-20"));
  start_method(t1, kAnimator, d("2024-03-01"));
  change_leader(t1, Actor::member("F1"), d("2024-05-01"));
  auto t2 = open_topic("T2", "Export", "", Actor::member("F3"), d("2024-09-01"), 2);
  auto t3 = open_topic("T3", "Locaux", "", Actor::member("F2"), d("2025-01-15"), 2);
  abandon_topic(t3, "Pas de local disponible", Actor::member("F2"), d("2025-03-01"));
  h.topics = {t1, t2, t3};
  return h;
}

}  // namespace

TEST(Growth, CooperationNetworkJoinsTiesAndWorkingGroups) {
  const auto h = small_initiative();
  const auto graph = cooperation_network(h, d("2025-03-31"));
  // Members F1 F2 F3 F5; ties F1–F2, F2–F3 (F4 left, F9 never joined); T1's working group adds F1–F3.
  EXPECT_EQ(graph.node_count(), 4u);
  EXPECT_EQ(graph.edge_count(), 3u);
  EXPECT_DOUBLE_EQ(density(graph), 0.5);
  const auto before_method = cooperation_network(h, d("2024-02-28"));
  EXPECT_EQ(before_method.edge_count(), 1u);  // only the F1–F2 tie
}

TEST(Growth, FirmCentralities) {
  const auto firms = firm_centralities(small_initiative(), d("2024-12-31"));
  // Members F1..F4; edges F1–F2, F2–F3, F1–F3, F1–F4: F4 reaches F2 and F3 only through F1,
  // 2 of the 3 pairs not involving F1 → normalised betweenness 2/3.
  ASSERT_EQ(firms.size(), 4u);
  EXPECT_EQ(firms[0].firm, "F1");
  EXPECT_EQ(firms[0].degree, 3u);
  EXPECT_DOUBLE_EQ(firms[0].degree_centrality, 1.0);
  EXPECT_NEAR(firms[0].betweenness, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(firms[0].core_number, 2);
  EXPECT_EQ(firms[3].core_number, 1);  // F4
}

TEST(Growth, ReferralsAndGenerations) {
  const auto summary = summarise_referrals(small_initiative());
  EXPECT_EQ(summary.referrals, 4u);
  EXPECT_EQ(summary.converted, 3u);
  EXPECT_DOUBLE_EQ(*summary.conversion_rate, 0.75);
  EXPECT_EQ(summary.referrals_by_member.at("F3"), 3u);
  EXPECT_EQ(summary.generation.at("F1"), 0);
  EXPECT_EQ(summary.generation.at("F2"), 0);
  EXPECT_EQ(summary.generation.at("F3"), 1);
  EXPECT_EQ(summary.generation.at("F4"), 2);
  EXPECT_EQ(summary.generation.at("F5"), 2);
  EXPECT_EQ(summary.arcs[2], (std::pair<std::string, std::string>{"F3", "Boulangerie Martin"}));
}

TEST(Growth, AutonomyIndexAndMemberLedTopics) {
  const auto h = small_initiative();
  // Window (2023-03-31, 2025-03-31]: T1 was started by the animator; T2 and T3 by members who lead them.
  EXPECT_NEAR(*autonomy_index(h.topics, d("2025-03-31")), 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(*autonomy_index(h.topics, d("2024-03-01")), 0.0);  // T1 only
  EXPECT_FALSE(autonomy_index(h.topics, d("2024-01-31")).has_value());
  EXPECT_DOUBLE_EQ(*autonomy_index(h.topics, d("2026-03-01")), 1.0);  // T1 left the 24-month window
  const auto years = member_led_topics_per_year(h.topics, d("2025-03-31"));
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2024);
  EXPECT_EQ(years[0].topics, 2u);
  EXPECT_EQ(years[0].member_led, 2u);  // T1 led by F1 from May 2024
  EXPECT_EQ(years[1].topics, 1u);
}

TEST(Growth, IndicatorsOverTime) {
  const auto h = small_initiative();
  const auto series = indicators_over_time(h, month_ends(d("2024-01-01"), d("2025-03-31")));
  ASSERT_EQ(series.size(), 15u);
  EXPECT_EQ(format_date(series[0].date), "2024-01-31");
  EXPECT_EQ(series[0].members, 2u);
  EXPECT_EQ(series[0].joined, 2u);
  EXPECT_FALSE(series[0].retention.has_value());  // nobody was a member a year before
  const auto& january = series[12];
  EXPECT_EQ(format_date(january.date), "2025-01-31");
  EXPECT_EQ(january.members, 5u);
  EXPECT_EQ(january.joined, 1u);
  EXPECT_DOUBLE_EQ(*january.retention, 1.0);  // F1, F2 of January 2024 still members
  const auto& march = series[14];
  EXPECT_EQ(march.members, 4u);
  EXPECT_EQ(series[13].left, 1u);  // F4 left in February 2025
  EXPECT_EQ(march.ties, 3u);
  EXPECT_DOUBLE_EQ(march.density, 0.5);
  EXPECT_DOUBLE_EQ(march.mean_degree, 1.5);
  EXPECT_EQ(march.main_core_k, 2);
  EXPECT_EQ(march.main_core_size, 3u);
  EXPECT_EQ(march.active_topics, 2u);  // T3 was abandoned on 2025-03-01
  EXPECT_EQ(march.topics_started_in_year, 1u);
  EXPECT_EQ(march.member_led_topics_in_year, 1u);
  EXPECT_NEAR(*march.autonomy_index, 2.0 / 3.0, 1e-12);
}

TEST(Reminders, StaleTopicsOverdueActionsOpenPolls) {
  auto quiet = open_topic("Q", "Calme", "", kAnimator, d("2026-01-01"), 2);
  auto busy = open_topic("B", "Actif", "", kAnimator, d("2026-01-01"), 2);
  open_poll(busy, d("2026-02-20"), d("2026-03-10"));
  commit_to_poll(busy, "F1", d("2026-02-21"));
  auto other = open_topic("O", "Sans date", "", kAnimator, d("2026-01-01"), 1);
  open_poll(other, d("2026-02-01"), std::nullopt);
  auto working = open_topic("W", "En œuvre", "", kAnimator, d("2026-01-01"), 1);
  open_poll(working, d("2026-01-02"), std::nullopt);
  commit_to_poll(working, "F1", d("2026-01-02"));
  start_method(working, kAnimator, d("2026-01-03"));
  choose_method(working, std::nullopt, "Faire", "Simple", kAnimator, d("2026-01-04"));
  start_implementation(working, kAnimator, d("2026-01-05"));
  const int late = add_action(working, "Devis", "F1", d("2026-02-01"), d("2026-02-25"));
  const int done = add_action(working, "Fait", "F1", d("2026-02-01"), d("2026-02-25"));
  add_action(working, "Plus tard", "F1", d("2026-04-01"), d("2026-02-25"));
  update_action(working, done, ActionStatus::done, 100, "ok", d("2026-02-26"));
  const std::vector<Topic> topics{quiet, busy, other, working};

  // Last changes: Q 2026-01-01 (59 days before 03-01), O 02-01 (28), B 02-21 (8), W 02-26 (3).
  const auto stale = stale_topics(topics, d("2026-03-01"), 30);
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0].topic_id, "Q");
  EXPECT_EQ(stale[0].idle_days, 59);
  const auto stale28 = stale_topics(topics, d("2026-03-01"), 28);
  ASSERT_EQ(stale28.size(), 2u);
  EXPECT_EQ(stale28[1].topic_id, "O");

  const auto overdue = overdue_actions(topics, d("2026-03-01"));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].action_id, late);
  EXPECT_EQ(overdue[0].days_late, 28);

  const auto polls = open_polls_for_member(topics, "F1", d("2026-03-01"));
  ASSERT_EQ(polls.size(), 1u);  // F1 committed to B already
  EXPECT_EQ(polls[0].topic_id, "O");
  const auto polls_f2 = open_polls_for_member(topics, "F2", d("2026-03-01"));
  ASSERT_EQ(polls_f2.size(), 2u);
  EXPECT_EQ(polls_f2[0].topic_id, "B");  // closes soonest
  EXPECT_TRUE(open_polls_for_member(topics, "F2", d("2026-03-11")).size() == 1u);  // B closed on 03-10
}

TEST(Exports, CsvAndJson) {
  const auto h = small_initiative();
  const auto series = indicators_over_time(h, {d("2024-01-31"), d("2025-03-31")});
  std::ostringstream indicators;
  write_indicators_csv(indicators, series);
  std::istringstream back(indicators.str());
  const auto table = read_csv(back, "indicators.csv");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][table.column("retention")], "");  // undefined, not 0
  EXPECT_EQ(table.rows[1][table.column("autonomy_index")], "0.666667");
  EXPECT_EQ(table.rows[1][table.column("members")], "4");

  std::ostringstream topics;
  write_topics_csv(topics, h.topics);
  std::istringstream topics_back(topics.str());
  const auto topic_table = read_csv(topics_back, "topics.csv");
  ASSERT_EQ(topic_table.rows.size(), 3u);
  EXPECT_EQ(topic_table.rows[0][topic_table.column("working_group")], "F1;F2;F3");
  EXPECT_EQ(topic_table.rows[0][topic_table.column("leader")], "F1");
  EXPECT_EQ(topic_table.rows[2][topic_table.column("status")], "abandoned");
  EXPECT_EQ(topic_table.rows[2][topic_table.column("outcome_reason")], "Pas de local disponible");

  const auto corpus = analyse_needs({{"a", "F1", "", "Mutualiser les livraisons, vite", std::nullopt},
                                     {"b", "F2", "", "Livraisons en commun", std::nullopt}});
  const auto grouping = group_needs(corpus);
  std::ostringstream needs;
  write_needs_csv(needs, corpus, grouping);
  std::istringstream needs_back(needs.str());
  const auto need_table = read_csv(needs_back, "needs.csv");
  EXPECT_EQ(need_table.rows[0][need_table.column("text")], "Mutualiser les livraisons, vite");
  EXPECT_EQ(need_table.rows[0][need_table.column("group_id")],
            need_table.rows[1][need_table.column("group_id")]);
}
