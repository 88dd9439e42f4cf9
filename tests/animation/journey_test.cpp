// The journey at library level (the API test repeats it through HTTP once the
// workspace store is wired): survey answers → grouped collective needs → a topic carried
// through the three stages by a working group → indicators and autonomy index updated.
#include <gtest/gtest.h>

#include "grappe/animation/growth.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/survey_import.hpp"
#include "grappe/animation/topic.hpp"

using namespace grappe::animation;

TEST(Journey, SurveyToAutonomy) {
  const Date survey_day = parse_date("2026-02-01");
  std::vector<SurveyAnswer> answers{
      {"r1", "1", std::nullopt, {{"needs_detail", "Mutualiser les livraisons vers Lyon en camion"}, {"known_members", {2}}}, survey_day},
      {"r2", "2", std::nullopt, {{"needs_detail", "Partager un camion pour nos livraisons\nRecruter des apprentis soudeurs"}}, survey_day},
      {"r3", "3", std::nullopt, {{"needs_detail", "Des livraisons groupées en camion"}, {"known_members", {1}}}, survey_day},
      {"r4", "4", std::nullopt, {{"needs_detail", "Recruter des soudeurs qualifiés"}}, survey_day},
  };
  const auto imported = import_survey_answers(answers);
  ASSERT_EQ(imported.needs.size(), 5u);
  const auto corpus = analyse_needs(imported.needs);
  const auto grouping = group_needs(corpus);
  const auto candidates = grouping.candidates(2);
  ASSERT_GE(candidates.size(), 2u);
  const CollectiveNeed& deliveries = *candidates.front();
  EXPECT_EQ(deliveries.firms, (std::vector<std::string>{"1", "2", "3"}));

  InitiativeHistory history;
  for (const char* firm : {"1", "2", "3", "4"}) history.memberships.push_back({firm, parse_date("2026-01-15"), {}});
  history.ties = imported.ties;

  // The animator turns the need into a topic; a member firm takes the lead at the method stage.
  const Actor animator = Actor::animator("anim");
  auto topic = topic_from_collective_need(deliveries, "T1", animator, parse_date("2026-02-10"), 3);
  respond_sense_check(topic, "1", SenseCheckVote::agree, "", parse_date("2026-02-11"));
  open_poll(topic, parse_date("2026-02-12"), parse_date("2026-03-01"));
  for (const auto& firm : deliveries.firms) commit_to_poll(topic, firm, parse_date("2026-02-13"));
  start_method(topic, animator, parse_date("2026-02-20"));
  change_leader(topic, Actor::member("2"), parse_date("2026-02-20"));
  const int proposal = add_proposal(topic, Actor::member("2"), "Un transporteur commun", "", parse_date("2026-02-25"));
  support_proposal(topic, proposal, "3", parse_date("2026-02-26"));
  record_meeting(topic, parse_date("2026-03-05"), "Choix du transporteur", {"1", "2", "3"}, "Trois devis comparés");
  choose_method(topic, proposal, "", "Le moins cher, sans chauffeur à employer", Actor::member("2"), parse_date("2026-03-05"));
  start_implementation(topic, Actor::member("2"), parse_date("2026-03-06"));
  const int action = add_action(topic, "Signer le contrat", "3", parse_date("2026-04-01"), parse_date("2026-03-06"));
  update_action(topic, action, ActionStatus::done, 100, "Contrat signé", parse_date("2026-03-25"));
  close_success(topic, "Deux tournées communes par semaine", Actor::member("2"), parse_date("2026-03-30"));

  // A member starts and leads the next topic on its own.
  auto second = open_topic("T2", "Apprentis soudeurs", "", Actor::member("4"), parse_date("2026-04-02"), 2);
  history.topics = {topic, second};

  const auto series = indicators_over_time(history, {parse_date("2026-01-31"), parse_date("2026-04-30")});
  const auto& before = series[0];
  const auto& after = series[1];
  EXPECT_EQ(before.ties, 0u);  // ties declared in the survey on 02-01
  EXPECT_FALSE(before.autonomy_index.has_value());
  // After: the survey tie 1–2 (and 3–1), the working group {1,2,3} → a triangle; firm 4 alone.
  EXPECT_EQ(after.ties, 3u);
  EXPECT_EQ(after.main_core_k, 2);
  EXPECT_EQ(after.main_core_size, 3u);
  EXPECT_EQ(after.active_topics, 1u);
  // T1 was initiated by the animator (led by a member now), T2 initiated and led by a member.
  EXPECT_DOUBLE_EQ(*after.autonomy_index, 0.5);
  EXPECT_EQ(after.member_led_topics_in_year, 2u);
}
