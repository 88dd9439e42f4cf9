#include "grappe/animation/topic.hpp"

#include <gtest/gtest.h>

#include "../thrown.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/topic_json.hpp"

using namespace grappe::animation;

namespace {

Date d(const char* text) { return parse_date(text); }
const Actor kAnimator = Actor::animator("anim-1");

// Expects a TopicRuleError whose message contains `words`.
template <typename F>
void expect_refused(F&& operation, const std::string& words) {
  const std::string refusal = grappe::test::message_of<TopicRuleError>(operation);
  EXPECT_NE(refusal.find(words), std::string::npos)
      << "expected a refusal mentioning: " << words << "; got: " << refusal;
}

Topic topic_in_method() {
  auto topic = open_topic("t1", "Livraisons mutualisées", "", Actor::member("F1"), d("2026-01-05"), 2);
  open_poll(topic, d("2026-01-10"), d("2026-02-10"));
  commit_to_poll(topic, "F1", d("2026-01-11"));
  commit_to_poll(topic, "F2", d("2026-01-12"));
  start_method(topic, kAnimator, d("2026-01-20"));
  return topic;
}

}  // namespace

TEST(Date, ParsesFormatsAndShifts) {
  EXPECT_EQ(format_date(d("2024-02-29")), "2024-02-29");
  EXPECT_EQ(format_date(add_months(d("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_months(d("2026-03-15"), -24)), "2024-03-15");
  EXPECT_EQ(days_between(d("2026-01-01"), d("2026-03-01")), 59);
  EXPECT_THROW(parse_date("2026-02-30"), grappe::InputError);
  EXPECT_THROW(parse_date("26-1-1"), grappe::InputError);
}

TEST(Topic, CarriedThroughTheThreeStages) {
  auto topic = open_topic("t1", "Livraisons mutualisées", "Camions à moitié vides", Actor::member("F1"), d("2026-01-05"), 3);
  EXPECT_EQ(topic.stage, Stage::need);
  EXPECT_EQ(topic.supports.size(), 1u);  // the initiating firm supports its topic
  support_topic(topic, "F2", d("2026-01-06"));
  support_topic(topic, "F2", d("2026-01-06"));  // idempotent
  respond_sense_check(topic, "F2", SenseCheckVote::agree, "oui", d("2026-01-07"));
  respond_sense_check(topic, "F3", SenseCheckVote::disagree, "", d("2026-01-07"));
  respond_sense_check(topic, "F3", SenseCheckVote::abstain, "finalement", d("2026-01-08"));
  ASSERT_EQ(topic.sense_check.size(), 2u);  // F3's second answer replaced its first
  EXPECT_EQ(topic.sense_check[1].vote, SenseCheckVote::abstain);

  open_poll(topic, d("2026-01-10"), std::nullopt);
  for (const char* firm : {"F1", "F2"}) commit_to_poll(topic, firm, d("2026-01-12"));
  expect_refused([&] { start_method(topic, kAnimator, d("2026-01-13")); }, "needs 3 committed firms");
  commit_to_poll(topic, "F4", d("2026-01-14"));
  start_method(topic, kAnimator, d("2026-01-15"), "groupe formé");
  EXPECT_EQ(topic.stage, Stage::method);
  EXPECT_EQ(topic.working_group, (std::vector<std::string>{"F1", "F2", "F4"}));
  EXPECT_FALSE(topic.poll->open);

  const int p1 = add_proposal(topic, Actor::member("F2"), "Un transporteur commun", "Appel d'offres", d("2026-02-01"));
  const int p2 = add_proposal(topic, kAnimator, "Un camion partagé", "", d("2026-02-02"));
  support_proposal(topic, p1, "F4", d("2026-02-03"));
  support_proposal(topic, p1, "F1", d("2026-02-03"));
  support_proposal(topic, p2, "F2", d("2026-02-03"));
  const int meeting = record_meeting(topic, d("2026-02-10"), "Choix", {"F1", "F2", "F4"}, "Deux options comparées");
  EXPECT_EQ(topic.meetings.back().id, meeting);
  choose_method(topic, p1, "", "Moins cher qu'un camion ; pas de chauffeur à employer", kAnimator, d("2026-02-10"));
  EXPECT_EQ(topic.method->description, "Un transporteur commun");
  start_implementation(topic, Actor::member("F2"), d("2026-02-15"));

  const int a1 = add_action(topic, "Consulter trois transporteurs", "F2", d("2026-03-01"), d("2026-02-16"));
  const int a2 = add_action(topic, "Signer le contrat", "F4", d("2026-04-01"), d("2026-02-16"));
  update_action(topic, a1, ActionStatus::in_progress, 50, "", d("2026-02-20"));
  EXPECT_DOUBLE_EQ(topic.progress(), 25.0);
  update_action(topic, a1, ActionStatus::done, 0, "Trois devis reçus", d("2026-02-28"));
  EXPECT_EQ(topic.actions[0].progress, 100);
  EXPECT_DOUBLE_EQ(topic.progress(), 50.0);
  expect_refused([&] { close_success(topic, "fait", kAnimator, d("2026-03-02")); }, "still has open actions");
  update_action(topic, a2, ActionStatus::done, 100, "Contrat signé", d("2026-03-20"));
  change_leader(topic, Actor::member("F2"), d("2026-03-21"));
  close_success(topic, "Livraisons groupées deux fois par semaine", Actor::member("F2"), d("2026-03-25"));

  EXPECT_EQ(topic.status, TopicStatus::succeeded);
  ASSERT_EQ(topic.history.size(), 3u);
  EXPECT_FALSE(topic.history[0].from.has_value());
  EXPECT_EQ(topic.history[1].to, Stage::method);
  EXPECT_EQ(topic.history[2].to, Stage::implementation);
  EXPECT_EQ(topic.leader_at(d("2026-03-01")), Actor::member("F1"));
  EXPECT_EQ(topic.leader(), Actor::member("F2"));
  EXPECT_EQ(topic.last_activity, d("2026-03-25"));
  expect_refused([&] { support_topic(topic, "F9", d("2026-04-01")); }, "is closed (succeeded)");
}

TEST(Topic, InvalidTransitionsAreRefusedWithTheRule) {
  auto topic = open_topic("t2", "Achats groupés", "", kAnimator, d("2026-01-05"), 2);
  expect_refused([&] { start_method(topic, kAnimator, d("2026-01-06")); }, "needs an opt-in poll");
  expect_refused([&] { add_proposal(topic, kAnimator, "x", "", d("2026-01-06")); }, "proposals are collected only at the method stage");
  expect_refused([&] { commit_to_poll(topic, "F1", d("2026-01-06")); }, "no open opt-in poll");
  expect_refused([&] { record_meeting(topic, d("2026-01-06"), "x", {"F1"}, ""); }, "no working group yet");
  expect_refused([&] { join_working_group(topic, "F1", d("2026-01-06")); }, "through the opt-in poll");
  open_poll(topic, d("2026-01-06"), d("2026-01-31"));
  expect_refused([&] { open_poll(topic, d("2026-01-07"), std::nullopt); }, "already has an open opt-in poll");
  expect_refused([&] { commit_to_poll(topic, "F1", d("2026-02-01")); }, "closed its opt-in poll on 2026-01-31");
  expect_refused([&] { support_topic(topic, "F1", d("2026-01-01")); }, "would rewrite its history");
  expect_refused([&] { abandon_topic(topic, " ", kAnimator, d("2026-01-08")); }, "needs a reason");
  expect_refused([&] { open_topic("t3", "x", "", kAnimator, d("2026-01-01"), 0); }, "at least 1 committed firm");
  expect_refused([&] { open_topic("t3", "", "", kAnimator, d("2026-01-01"), 1); }, "needs a title");

  auto method = topic_in_method();
  expect_refused([&] { add_proposal(method, Actor::member("F9"), "x", "", d("2026-01-21")); }, "'F9' is not in it");
  expect_refused([&] { start_implementation(method, kAnimator, d("2026-01-21")); }, "needs a chosen method");
  expect_refused([&] { choose_method(method, std::nullopt, "Camion", "", kAnimator, d("2026-01-21")); }, "needs the reasons");
  expect_refused([&] { choose_method(method, 42, "", "parce que", kAnimator, d("2026-01-21")); }, "has no proposal 42");
  expect_refused([&] { change_leader(method, Actor::member("F9"), d("2026-01-21")); }, "'F9' is not in it");
  choose_method(method, std::nullopt, "Camion partagé", "Le moins cher", kAnimator, d("2026-01-22"));
  start_implementation(method, kAnimator, d("2026-01-23"));
  expect_refused([&] { add_action(method, "x", "F9", d("2026-02-01"), d("2026-01-24")); }, "action owners");
  const int a = add_action(method, "Acheter", "F1", d("2026-02-01"), d("2026-01-24"));
  expect_refused([&] { update_action(method, a, ActionStatus::in_progress, 120, "", d("2026-01-25")); }, "0 to 100");
  expect_refused([&] { update_action(method, a, ActionStatus::done, 100, "", d("2026-01-25")); }, "outcome of a finished action");
  expect_refused([&] { update_action(method, 99, ActionStatus::done, 100, "ok", d("2026-01-25")); }, "has no action 99");
  update_action(method, a, ActionStatus::cancelled, 0, "", d("2026-01-25"));
  expect_refused([&] { close_success(method, "ok", kAnimator, d("2026-01-26")); }, "has no finished action");
  abandon_topic(method, "Le fournisseur a fermé", kAnimator, d("2026-01-26"));
  EXPECT_EQ(method.outcome->status, TopicStatus::abandoned);
  EXPECT_EQ(method.outcome->reason, "Le fournisseur a fermé");
}

TEST(Topic, RenamedByItsLeaderOrAnAnimator) {
  auto topic = topic_in_method();  // opened and led by F1
  rename_topic(topic, "Tournées communes", Actor::member("F1"), d("2026-01-21"));
  EXPECT_EQ(topic.title, "Tournées communes");
  EXPECT_EQ(format_date(topic.last_activity), "2026-01-21");
  expect_refused([&] { rename_topic(topic, "Autre", Actor::member("F2"), d("2026-01-22")); }, "'F2' does not lead it");
  expect_refused([&] { rename_topic(topic, "  ", kAnimator, d("2026-01-22")); }, "needs a title");
  expect_refused([&] { rename_topic(topic, "Avant", kAnimator, d("2026-01-02")); }, "would rewrite its history");
  rename_topic(topic, "Livraisons", kAnimator, d("2026-01-22"));
  EXPECT_EQ(topic.title, "Livraisons");
  abandon_topic(topic, "plus de transporteur", kAnimator, d("2026-01-23"));
  expect_refused([&] { rename_topic(topic, "x", kAnimator, d("2026-01-24")); }, "is closed");
}

TEST(Topic, RefusedOperationsChangeNothing) {
  auto topic = topic_in_method();
  const nlohmann::json before = topic;
  EXPECT_THROW(add_proposal(topic, Actor::member("F9"), "x", "", d("2026-01-21")), TopicRuleError);
  EXPECT_THROW(start_implementation(topic, kAnimator, d("2026-01-21")), TopicRuleError);
  EXPECT_EQ(nlohmann::json(topic), before);
}

TEST(Topic, FromACollectiveNeed) {
  CollectiveNeed need;
  need.id = 4;
  need.name = "livraisons, camion";
  need.firms = {"F1", "F2"};
  need.supporters = {"F3"};
  need.sample_texts = {"Mutualiser les livraisons", "Partager un camion"};
  const auto topic = topic_from_collective_need(need, "t9", kAnimator, d("2026-05-01"), 3);
  EXPECT_EQ(topic.title, "livraisons, camion");
  EXPECT_EQ(topic.collective_need_id, 4);
  EXPECT_EQ(topic.supports.size(), 3u);
  EXPECT_EQ(topic.description, "Mutualiser les livraisons\nPartager un camion");
}

TEST(Topic, JsonRoundTripAndValidation) {
  auto topic = topic_in_method();
  add_proposal(topic, Actor::member("F1"), "Camion", "texte", d("2026-01-21"));
  record_meeting(topic, d("2026-01-22"), "Réunion", {"F1", "F2"}, "compte rendu");
  choose_method(topic, 1, "", "raisons", kAnimator, d("2026-01-23"));
  const nlohmann::json j = topic;
  EXPECT_EQ(j["stage"], "method");
  EXPECT_EQ(j["leader"]["kind"], "member");
  EXPECT_EQ(j["history"][1]["from"], "need");
  const auto back = j.get<Topic>();
  EXPECT_EQ(nlohmann::json(back), j);

  auto bad = j;
  bad["stage"] = "finished";
  EXPECT_THROW(bad.get<Topic>(), grappe::InputError);
  bad = j;
  bad["outcome"] = {{"status", "abandoned"}, {"reason", "x"}, {"by", j["initiator"]}, {"date", "2026-01-30"}};
  EXPECT_THROW(bad.get<Topic>(), grappe::InputError);  // active with an outcome
  bad = j;
  bad["created"] = "2026-13-01";
  EXPECT_THROW(bad.get<Topic>(), grappe::InputError);
  bad = j;
  bad.erase("leaders");
  EXPECT_THROW(bad.get<Topic>(), grappe::InputError);
}
