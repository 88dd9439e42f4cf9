// A scripted year of animation for the demo initiative (issue 17): firms joined a year ago,
// two more came by referral, four topics went through the stages — one the animator opened,
// two that member firms opened and lead, one abandoned — so the indicators have a history and
// the autonomy index is above 0. Every step goes through AnimationStore, as the API would.
#include <chrono>
#include <cstdio>

#include "grappe/animation/date.hpp"
#include "grappe/animation/store.hpp"
#include "grappe/server/demo_pipeline.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::server {
namespace {

using animation::add_months;
using animation::Date;
using animation::format_date;
using nlohmann::json;

struct Script {
  animation::AnimationStore& store;
  animation::Caller animator;
  std::int64_t initiative;
  Date today;

  // `months` months from today, then `days` days on.
  Date day(int months, int days = 0) const { return add_months(today, months) + std::chrono::days(days); }
  std::string topic(const std::string& title, std::optional<std::int64_t> by, Date date) {
    return store
        .create_topic(animator, initiative,
                      {.member_id = by, .required_commitments = 3, .date = date, .title = title})
        .id;
  }
  animation::Topic op(const std::string& topic, const std::string& name, animation::TopicRequest request,
                      Date date) {
    request.date = date;
    return store.topic_operation(animator, initiative, std::stoll(topic), name, request);
  }
  // Adds an action; returns its id.
  int action(const std::string& topic, const std::string& title, std::int64_t owner, Date due, Date date) {
    return op(topic, "actions", {.owner_id = owner, .due = due, .title = title}, date).actions.back().id;
  }
};

// The animator's topic, led by firm a once the working group formed: a success.
void purchasing_topic(Script& s, const std::vector<std::int64_t>& m) {
  const auto t = s.topic("Achats groupés de panneaux", std::nullopt, s.day(-12, 10));
  s.op(t, "poll", {}, s.day(-11));
  for (int i = 0; i < 3; ++i) s.op(t, "commit", {.member_id = m[i]}, s.day(-11, 2 + i));
  s.op(t, "method", {.note = "Groupe de travail formé"}, s.day(-10));
  s.op(t, "leader", {.member_id = m[0]}, s.day(-10, 1));
  const int proposal =
      s.op(t, "proposals", {.member_id = m[0], .title = "Une centrale d'achat chez un grossiste régional"},
           s.day(-10, 3))
          .proposals[0]
          .id;
  s.op(t, "proposal-support", {.member_id = m[1], .proposal_id = proposal}, s.day(-10, 5));
  s.op(t, "meetings",
       {.title = "Comparer les devis", .minutes = "Trois devis comparés.", .attendees = {{m[0], m[1], m[2]}}},
       s.day(-9));
  s.op(t, "chosen-method", {.member_id = m[0], .proposal_id = proposal, .reasons = "12 % moins cher"},
       s.day(-9, 2));
  s.op(t, "implementation", {.member_id = m[0]}, s.day(-9, 3));
  const int prices = s.action(t, "Négocier les prix", m[0], s.day(-8), s.day(-9, 4));
  const int order = s.action(t, "Première commande commune", m[1], s.day(-7), s.day(-9, 4));
  s.op(t, "action-update", {.action_id = prices, .status = "done", .outcome = "Tarif signé"}, s.day(-8));
  s.op(t, "action-update", {.action_id = order, .status = "done", .outcome = "Commande livrée"}, s.day(-7));
  s.op(t, "success", {.member_id = m[0], .summary = "Panneaux 12 % moins chers pour trois firmes"},
       s.day(-6));
}

// Opened and led by firm b: in implementation, one action under way.
void deliveries_topic(Script& s, const std::vector<std::int64_t>& m) {
  const auto t = s.topic("Mutualiser les livraisons", m[1], s.day(-8));
  s.op(t, "support", {.member_id = m[2]}, s.day(-8, 3));
  s.op(t, "poll", {.member_id = m[1]}, s.day(-8, 5));
  for (int i = 1; i < 4; ++i) s.op(t, "commit", {.member_id = m[i]}, s.day(-8, 6 + i));
  s.op(t, "method", {.member_id = m[1]}, s.day(-7, 2));
  s.op(t, "meetings",
       {.title = "Tournées communes",
        .minutes = "Deux tournées par semaine.",
        .attendees = {{m[1], m[2], m[3], m[4]}}},
       s.day(-6));
  s.op(t, "chosen-method",
       {.member_id = m[1],
        .description = "Un transporteur commun deux fois par semaine",
        .reasons = "Moins de trajets à vide"},
       s.day(-5));
  s.op(t, "implementation", {.member_id = m[1]}, s.day(-5, 1));
  const int carrier = s.action(t, "Choisir le transporteur", m[2], s.day(1), s.day(-5, 2));
  s.action(t, "Partager les tournées", m[3], s.day(2), s.day(-5, 2));
  s.op(t, "action-update", {.action_id = carrier, .progress = 60, .status = "in_progress"}, s.day(-1));
}

// Opened by firm d at the need stage; the animator's trade-fair topic was abandoned.
void recent_topics(Script& s, const std::vector<std::int64_t>& m) {
  const auto hiring = s.topic("Former des apprentis ensemble", m[3], s.day(-3));
  s.op(hiring, "sense-check", {.member_id = m[4], .vote = "agree"}, s.day(-3, 2));
  s.op(hiring, "poll", {.member_id = m[3]}, s.day(-2));
  s.op(hiring, "commit", {.member_id = m[4]}, s.day(-2, 1));
  const auto fair = s.topic("Stand commun au salon de l'agencement", std::nullopt, s.day(-2));
  s.op(fair, "abandon", {.reason = "Le stand coûte trop cher cette année"}, s.day(-1));
}

}  // namespace

void seed_demo_history(workspace::Database& db, std::int64_t initiative, const workspace::Actor& system) {
  std::vector<std::int64_t> members;
  std::vector<std::string> names;
  for (const auto& row : db.read([&](workspace::Transaction& tx) {
         return tx.query("SELECT id, name FROM members WHERE initiative_id = ? ORDER BY id", {initiative});
       })) {
    members.push_back(row.integer("id"));
    names.push_back(row.text("name"));
  }
  if (members.size() < 8) return;  // a demo without scan candidates has no firms
  const Date today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  // Everyone joined a year ago, except the last two, brought later by firms a and b.
  const auto joined = [&](std::int64_t member, int months) {
    db.write([&](workspace::Transaction& tx) {
      tx.execute("UPDATE members SET added_at = ? WHERE id = ?",
                 {format_date(add_months(today, months)) + "T09:00:00Z", member});
    });
  };
  for (auto id : members) joined(id, -12);
  const std::int64_t x = members[members.size() - 1], y = members[members.size() - 2];
  joined(x, -7);
  joined(y, -4);
  animation::AnimationStore store(db);
  Script s{store, {system, true, false}, initiative, today};
  store.add_referral(s.animator, initiative,
                     {.referrer_id = members[0],
                      .referred = names[members.size() - 1],
                      .date = s.day(-7, -10),
                      .joined_member_id = x});
  store.add_referral(s.animator, initiative,
                     {.referrer_id = members[1],
                      .referred = names[members.size() - 2],
                      .date = s.day(-4, -5),
                      .joined_member_id = y});
  store.add_referral(s.animator, initiative,
                     {.referrer_id = members[1], .referred = "Menuiserie Dupuis", .date = s.day(-1)});
  purchasing_topic(s, members);
  deliveries_topic(s, members);
  recent_topics(s, members);
  std::fprintf(stderr,
               "demo: history: a year of animation (4 topics, 3 referrals; 2 topics led by member firms)\n");
}

}  // namespace grappe::server
