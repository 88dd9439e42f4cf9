// The issue's journey through the API on a fresh store (SQLite; PostgreSQL under
// tests/server/with_postgres.sh): survey answers → grouped
// collective needs → a topic carried through the three stages by a working group →
// indicators and autonomy index updated; plus rule errors, access and exports.
#include <gtest/gtest.h>

#include "../server/api_harness.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/store.hpp"

namespace {

using grappe::test::Client;
using nlohmann::json;

class AnimationApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    grappe::server::ServerOptions options;
    options.threads = 8;
    harness_ = std::make_unique<grappe::test::ApiHarness>(GetParam(), options);
    // Besides the harness's "member", who represents no firm: "firm0" … "firm4", each
    // representing one (added in the test).
    for (int i = 0; i < 5; ++i) harness_->add_user("firm" + std::to_string(i), "member");
  }
  std::unique_ptr<Client> login(const std::string& user) { return harness_->client(user); }

  std::unique_ptr<grappe::test::ApiHarness> harness_;
};

TEST_P(AnimationApi, SurveyToCollectiveNeedToTopicToAutonomy) {
  auto animator = login("animator");
  auto created = animator->post("/api/v1/initiatives", {{"name", "Artisans du bois"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string p = "/api/v1/initiatives/" + std::to_string(created.body["id"].get<long long>());
  std::vector<long long> members;
  for (int i = 0; i < 5; ++i) {
    auto m = animator->post(p + "/members", {{"siret", "4119400000001" + std::to_string(i)},
                                             {"name", "Firme " + std::to_string(i)}});
    ASSERT_EQ(m.status, 201) << m.raw;
    members.push_back(m.body["id"]);
    // Each firm's representative logs in as firmN and may act for that firm only.
    auto r = animator->post(
        p + "/members/" + std::to_string(members.back()) + "/representatives",
        {{"name", "Gérant " + std::to_string(i)}, {"email", "FIRM" + std::to_string(i) + "@test.fr"}});
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  const auto id = [&](int i) { return members[i]; };
  std::vector<std::unique_ptr<Client>> firm;
  for (int i = 0; i < 5; ++i) firm.push_back(login("firm" + std::to_string(i)));

  // The launch survey: firms describe their needs and name the firms they already know.
  auto survey = animator->post(p + "/surveys");
  ASSERT_EQ(survey.status, 201) << survey.raw;
  const std::string s = "/api/v1/surveys/" + std::to_string(survey.body["id"].get<long long>());
  ASSERT_EQ(animator->post(s + "/invitations").status, 201);
  ASSERT_EQ(animator->post(s + "/open").status, 200);
  const auto invitations = animator->get(s + "/invitations");
  const std::vector<std::string> texts = {
      "Mutualiser les livraisons vers Lyon en camion\nTrouver des apprentis menuisiers",
      "Partager un camion pour nos livraisons de la semaine",
      "Des livraisons groupées en camion vers les clients", "Recruter des apprentis menuisiers qualifiés",
      "Refaire notre site internet"};
  Client public_client(harness_->port());
  for (const auto& invitation : invitations.body["items"]) {
    const long long member = invitation["member_id"];
    const int i = static_cast<int>(std::find(members.begin(), members.end(), member) - members.begin());
    json answers = {{"interest", "very"}, {"consent", "yes"}, {"needs_detail", texts[i]}};
    if (i < 3) answers["known_members"] = json::array({id((i + 1) % 3)});
    auto put = public_client.put("/api/v1/survey/" + invitation["token"].get<std::string>(),
                                 {{"language", "fr"}, {"answers", answers}});
    ASSERT_EQ(put.status, 200) << put.raw;
  }

  // Survey answers → need statements → grouped collective needs, as the answers arrive.
  const auto arrived = animator->get(p + "/needs");
  EXPECT_EQ(arrived.body["total"], 6) << arrived.raw;  // a two-line answer is two statements
  ASSERT_TRUE(arrived.body["grouping"].is_object()) << arrived.raw;
  EXPECT_EQ(arrived.body["grouping"]["groups"][0]["firms"].size(), 3u) << arrived.raw;  // deliveries
  auto imported = animator->post(p + "/needs/import", {{"survey_id", survey.body["id"]}});
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["statements"], 6);
  EXPECT_EQ(imported.body["added"], 0);  // already imported when the answers came in
  EXPECT_EQ(animator->post(p + "/needs/import", {{"survey_id", survey.body["id"]}}).body["added"],
            0);  // idempotent
  auto grouped = animator->post(p + "/needs/group");
  ASSERT_EQ(grouped.status, 200) << grouped.raw;
  const json deliveries = grouped.body["groups"][0];
  EXPECT_EQ(deliveries["firms"].size(), 3u) << grouped.raw;
  const std::string g = p + "/collective-needs/" + std::to_string(deliveries["id"].get<int>());
  ASSERT_EQ(animator->post(g + "/rename", {{"name", "Livraisons mutualisées"}}).status, 200);
  auto member = login("member");
  EXPECT_EQ(firm[4]->post(g + "/support", {{"member_id", id(4)}}).status, 200);
  EXPECT_EQ(member->post(g + "/rename", {{"name", "x"}}).status, 403);  // animators edit groupings
  // A member user acts only for a firm it represents.
  auto impostor = member->post(g + "/support", {{"member_id", id(3)}});
  EXPECT_EQ(impostor.status, 403) << impostor.raw;
  EXPECT_EQ(impostor.body["error"]["code"], "not_representative");
  EXPECT_EQ(firm[0]->post(g + "/support", {{"member_id", id(3)}}).status, 403);
  EXPECT_EQ(member->post(p + "/needs", {{"text", "Un besoin"}}).status, 403);  // represents no firm

  // The animator turns it into a topic; a working group of three forms through the opt-in poll.
  auto topic = animator->post(g + "/topic", {{"required_commitments", 3}});
  ASSERT_EQ(topic.status, 201) << topic.raw;
  EXPECT_EQ(topic.body["title"], "Livraisons mutualisées");
  EXPECT_EQ(topic.body["supports"].size(), 4u);
  const std::string t = p + "/topics/" + topic.body["id"].get<std::string>();
  auto refused = firm[0]->post(t + "/commit", {{"member_id", id(0)}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.body["error"]["code"], "topic_rule");
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("no open opt-in poll"),
            std::string::npos)
      << refused.raw;
  ASSERT_EQ(firm[1]->post(t + "/sense-check", {{"member_id", id(1)}, {"vote", "agree"}}).status, 200);
  ASSERT_EQ(animator->post(t + "/poll").status, 200);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(firm[i]->post(t + "/commit", {{"member_id", id(i)}}).status, 200);
  auto too_early = animator->post(t + "/method");
  EXPECT_EQ(too_early.status, 409);
  EXPECT_NE(too_early.raw.find("needs 3 committed firms"), std::string::npos) << too_early.raw;
  ASSERT_EQ(firm[2]->post(t + "/commit", {{"member_id", id(2)}}).status, 200);
  auto method = animator->post(t + "/method", {{"note", "groupe formé"}});
  ASSERT_EQ(method.status, 200) << method.raw;
  EXPECT_EQ(method.body["working_group"].size(), 3u);

  // Method: a member leads; proposals, a meeting with minutes, the chosen method with reasons.
  ASSERT_EQ(animator->post(t + "/leader", {{"member_id", id(1)}}).status, 200);
  auto proposal =
      firm[1]->post(t + "/proposals", {{"member_id", id(1)}, {"title", "Un transporteur commun"}});
  ASSERT_EQ(proposal.status, 200) << proposal.raw;
  const int proposal_id = proposal.body["proposals"][0]["id"];
  ASSERT_EQ(
      firm[2]->post(t + "/proposal-support", {{"member_id", id(2)}, {"proposal_id", proposal_id}}).status,
      200);
  EXPECT_EQ(firm[4]->post(t + "/proposals", {{"member_id", id(4)}, {"title", "x"}}).status,
            409);  // not in the group
  ASSERT_EQ(
      firm[1]
          ->post(t + "/meetings",
                 {{"title", "Choix"}, {"attendees", {id(0), id(1), id(2)}}, {"minutes", "Devis comparés"}})
          .status,
      200);
  ASSERT_EQ(firm[1]
                ->post(t + "/chosen-method",
                       {{"member_id", id(1)}, {"proposal_id", proposal_id}, {"reasons", "Le moins cher"}})
                .status,
            200);
  ASSERT_EQ(firm[1]->post(t + "/implementation", {{"member_id", id(1)}}).status, 200);

  // Implementation: an action with an owner firm, due date, outcome, progress; success.
  auto action = firm[1]->post(t + "/actions",
                              {{"title", "Signer le contrat"}, {"owner_id", id(2)}, {"due", "2099-01-01"}});
  ASSERT_EQ(action.status, 200) << action.raw;
  const int action_id = action.body["actions"][0]["id"];
  auto half = firm[1]->post(t + "/action-update",
                            {{"action_id", action_id}, {"status", "in_progress"}, {"progress", 50}});
  EXPECT_EQ(half.body["progress"], 50.0);
  ASSERT_EQ(
      firm[1]
          ->post(t + "/action-update", {{"action_id", action_id}, {"status", "done"}, {"outcome", "Signé"}})
          .status,
      200);
  auto done = firm[1]->post(t + "/success", {{"member_id", id(1)}, {"summary", "Deux tournées par semaine"}});
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["status"], "succeeded");
  EXPECT_EQ(done.body["history"].size(), 3u);
  EXPECT_EQ(firm[4]->post(t + "/support", {{"member_id", id(4)}}).status, 409);  // closed

  // A member starts a topic of its own; a referral brings a new firm.
  // Without member_id, a representative of one firm acts for that firm.
  auto own = firm[3]->post(p + "/topics", {{"title", "Apprentis menuisiers"}, {"required_commitments", 2}});
  ASSERT_EQ(own.status, 201) << own.raw;
  EXPECT_EQ(own.body["initiator"]["kind"], "member");
  EXPECT_EQ(own.body["initiator"]["id"], std::to_string(id(3)));
  auto referral = firm[0]->post(
      p + "/referrals", {{"referrer_id", id(0)}, {"referred", "Scierie Martin"}, {"date", "2024-01-05"}});
  ASSERT_EQ(referral.status, 201) << referral.raw;
  EXPECT_EQ(referral.body, (json{{"referrer", std::to_string(id(0))},
                                 {"referred", "Scierie Martin"},
                                 {"date", "2024-01-05"},
                                 {"joined_as", nullptr}}));
  EXPECT_EQ(firm[0]->post(p + "/referrals", {{"referrer_id", id(0)}}).body["error"]["code"], "missing_field");
  EXPECT_EQ(
      firm[0]->post(p + "/referrals", {{"referred", "x"}, {"date", "1999-12-31"}}).body["error"]["code"],
      "out_of_range");

  // Indicators: members, the cooperation network (survey ties + working group) and autonomy.
  auto indicators = animator->get(p + "/indicators");
  ASSERT_EQ(indicators.status, 200) << indicators.raw;
  const json& latest = indicators.body["latest"];
  EXPECT_EQ(latest["members"], 5);
  EXPECT_EQ(latest["ties"], 3);  // triangle of firms 0, 1, 2
  EXPECT_EQ(latest["main_core_k"], 2);
  EXPECT_EQ(latest["main_core_size"], 3);
  EXPECT_EQ(latest["active_topics"], 1);
  EXPECT_DOUBLE_EQ(indicators.body["autonomy_index"].get<double>(), 0.5);  // animator's topic, member's topic
  EXPECT_EQ(indicators.body["referrals"]["referrals"], 1);
  EXPECT_EQ(indicators.body["firms"].size(), 5u);
  // The series: one array per indicator, aligned on the dates (the last one today).
  const json& series = indicators.body["series"];
  ASSERT_FALSE(series["dates"].empty());
  EXPECT_EQ(series["dates"].back(), latest["date"]);
  EXPECT_EQ(series["members"].back(), 5);
  EXPECT_EQ(series["autonomy_index"].size(), series["dates"].size());

  // A member states a new need at any time; it joins the closest collective need at once.
  auto stated = firm[4]->post(
      p + "/needs", {{"member_id", id(4)}, {"text", "Un site internet commun"}, {"language", "fr"}});
  ASSERT_EQ(stated.status, 201) << stated.raw;
  const auto after = animator->get(p + "/needs");
  EXPECT_EQ(after.body["total"], 7);
  bool placed_with_website = false;
  for (const auto& group : after.body["grouping"]["groups"]) {
    const auto ids = group["need_ids"].get<std::vector<std::string>>();
    const bool has_new = std::find(ids.begin(), ids.end(), stated.body["id"].get<std::string>()) != ids.end();
    placed_with_website |= has_new && ids.size() == 2;  // with "Refaire notre site internet"
  }
  EXPECT_TRUE(placed_with_website) << after.raw;
  EXPECT_EQ(firm[4]->post(p + "/needs", {{"member_id", id(4)}, {"text", "x"}, {"language", "de"}}).status,
            400);

  // Reminders, exports, read-only observers.
  auto reminders = firm[4]->get(p + "/reminders?member_id=" + std::to_string(id(4)));
  ASSERT_EQ(reminders.status, 200) << reminders.raw;
  EXPECT_TRUE(reminders.body["open_polls"].empty());
  // A firm's reminders are for its own representatives (and the animator) only.
  EXPECT_EQ(member->get(p + "/reminders?member_id=" + std::to_string(id(4))).status, 403);
  EXPECT_EQ(firm[0]->get(p + "/reminders?member_id=" + std::to_string(id(4))).status, 403);
  EXPECT_TRUE(firm[4]->get(p + "/reminders").body.contains("open_polls"));  // its own firm by default
  EXPECT_EQ(animator->get(p + "/reminders?member_id=" + std::to_string(id(4))).status, 200);
  auto csv = animator->get(p + "/exports/topics.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.find("Livraisons mutualisées"), std::string::npos);
  EXPECT_EQ(animator->get(p + "/exports/needs.csv").status, 200);
  auto observer = login("observer");
  EXPECT_EQ(observer->get(p + "/topics").status, 200);
  EXPECT_EQ(observer->post(p + "/topics", {{"member_id", id(3)}, {"title", "x"}}).status, 403);
  EXPECT_EQ(observer->get(p + "/exports/needs.csv").status, 403);
  EXPECT_EQ(animator->post(p + "/topics/999/support", {{"member_id", id(0)}}).status, 404);
  EXPECT_EQ(animator->post(p + "/topics", {{"title", "x"}, {"member_id", 424242}}).status, 404);

  // A departure: the reply names the firm and the day; the indicators count one member less.
  auto left = animator->post(p + "/departures",
                             {{"member_id", id(4)}, {"date", "2024-02-01"}, {"reason", "Retraite"}});
  ASSERT_EQ(left.status, 201) << left.raw;
  EXPECT_EQ(left.body, (json{{"member_id", id(4)}, {"date", "2024-02-01"}}));
  EXPECT_EQ(animator->post(p + "/departures", {{"reason", "x"}}).body["error"]["code"], "missing_field");
  EXPECT_EQ(firm[3]->post(p + "/departures", {{"member_id", id(3)}}).status, 403);
  EXPECT_EQ(animator->get(p + "/indicators").body["latest"]["members"], 4);
}

// Member users (issue 17): they read the board of an initiative where they represent a firm,
// never another initiative's, never other firms' statements; they act for their own firm only.
TEST_P(AnimationApi, MemberUsersReadTheirInitiativeAndActForTheirFirmOnly) {
  auto animator = login("animator");
  const auto initiative = [&](const std::string& name) {
    auto created = animator->post("/api/v1/initiatives", {{"name", name}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return "/api/v1/initiatives/" + std::to_string(created.body["id"].get<long long>());
  };
  const std::string p = initiative("Artisans du bois"), other = initiative("Autre grappe");
  std::vector<long long> members;
  for (int i = 0; i < 3; ++i) {
    auto m = animator->post(p + "/members", {{"siret", "4119400000002" + std::to_string(i)},
                                             {"name", "Firme " + std::to_string(i)}});
    ASSERT_EQ(m.status, 201) << m.raw;
    members.push_back(m.body["id"]);
  }
  // firm0 represents two firms (it must then name the one acting); firm1 one.
  for (const auto& [member, email] : std::vector<std::pair<long long, std::string>>{
           {members[0], "firm0@test.fr"}, {members[1], "firm0@test.fr"}, {members[2], "firm1@test.fr"}})
    ASSERT_EQ(animator
                  ->post(p + "/members/" + std::to_string(member) + "/representatives",
                         {{"name", "R"}, {"email", email}})
                  .status,
              201);
  auto two = login("firm0"), one = login("firm1"), nobody = login("member");
  const auto id = [&](int i) { return std::to_string(members[i]); };

  // Reads: its initiative only; the list shows only it.
  auto me = two->get(p + "/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["firms"].size(), 2u);
  EXPECT_FALSE(me.body["animator"].get<bool>());
  EXPECT_EQ(animator->get(p + "/me").body["firms"].size(), 3u);
  for (const std::string what :
       {"", "/members", "/topics", "/needs", "/referrals", "/indicators", "/network"}) {
    EXPECT_EQ(one->get(p + what).status, 200) << what;
    auto refused = one->get(other + what);
    EXPECT_EQ(refused.status, 403) << what << refused.raw;
    EXPECT_EQ(refused.body["error"]["code"], "not_representative") << what;
    EXPECT_EQ(nobody->get(p + what).status, 403) << what;
  }
  auto list = one->get("/api/v1/initiatives");
  ASSERT_EQ(list.body["items"].size(), 1u) << list.raw;
  EXPECT_EQ("/api/v1/initiatives/" + std::to_string(list.body["items"][0]["id"].get<long long>()), p);
  EXPECT_EQ(animator->get("/api/v1/initiatives").body["items"].size(), 2u);

  // Needs: a member reads its own statements, not the other firms' words.
  ASSERT_EQ(one->post(p + "/needs", {{"text", "Mutualiser les livraisons de panneaux"}}).status, 201);
  ASSERT_EQ(two->post(p + "/needs", {{"member_id", members[0]}, {"text", "Livraisons de panneaux communes"}})
                .status,
            201);
  ASSERT_EQ(animator->post(p + "/needs/group").status, 200);
  auto needs = one->get(p + "/needs");
  ASSERT_EQ(needs.body["items"].size(), 1u) << needs.raw;
  EXPECT_EQ(needs.body["items"][0]["firm"], id(2));
  EXPECT_EQ(needs.raw.find("Livraisons de panneaux communes"), std::string::npos) << needs.raw;
  EXPECT_EQ(animator->get(p + "/needs").body["items"].size(), 2u);

  // Acting: for one of its firms, never for another.
  auto ambiguous = two->post(p + "/topics", {{"title", "Achats groupés"}});
  EXPECT_EQ(ambiguous.status, 400) << ambiguous.raw;
  auto topic = two->post(
      p + "/topics", {{"title", "Achats groupés"}, {"member_id", members[1]}, {"required_commitments", 2}});
  ASSERT_EQ(topic.status, 201) << topic.raw;
  EXPECT_EQ(topic.body["leaders"].back()["leader"]["id"], id(1));
  const std::string t = p + "/topics/" + topic.body["id"].get<std::string>();
  ASSERT_EQ(two->post(t + "/poll", {{"member_id", members[1]}}).status, 200);
  for (const auto& [op, body] :
       std::vector<std::pair<std::string, json>>{{"commit", {{"member_id", members[0]}}},
                                                 {"support", {{"member_id", members[1]}}},
                                                 {"leader", {{"member_id", members[0]}}},
                                                 {"title", {{"member_id", members[1]}, {"title", "Pris"}}},
                                                 {"abandon", {{"member_id", members[0]}, {"reason", "x"}}}}) {
    auto refused = one->post(t + "/" + op, body);
    EXPECT_EQ(refused.status, 403) << op << refused.raw;
    EXPECT_EQ(refused.body["error"]["code"], "not_representative") << op;
  }
  auto referral = one->post(p + "/referrals", {{"referrer_id", members[0]}, {"referred", "Scierie"}});
  EXPECT_EQ(referral.status, 403) << referral.raw;
  ASSERT_EQ(one->post(p + "/referrals", {{"referred", "Scierie Martin"}}).status, 201);  // its own firm
  EXPECT_EQ(one->get(p + "/referrals").body["items"][0]["referrer"], id(2));

  // The title: its leader (firm 1, through firm0's user) or an animator; not another firm.
  auto renamed =
      two->post(t + "/title", {{"member_id", members[1]}, {"title", "Achats groupés de panneaux"}});
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  EXPECT_EQ(renamed.body["title"], "Achats groupés de panneaux");
  auto not_leader = one->post(t + "/title", {{"title", "Autre"}});
  EXPECT_EQ(not_leader.status, 409) << not_leader.raw;
  EXPECT_EQ(not_leader.body["error"]["code"], "topic_rule");
  EXPECT_EQ(animator->post(t + "/title", {{"title", ""}}).status, 400);
  EXPECT_EQ(one->post(t + "/commit").status, 200);  // its one firm by default
}

GRAPPE_ON_EVERY_STORE(AnimationApi);

// Migration 102 turns the grouping document of an older database into rows (one per collective
// need, one per placed statement): the grouping read afterwards is the one the document held
// (names, supporters, order, next id), and the document is emptied.
class GroupingMigration : public ::testing::TestWithParam<std::string> {};

TEST_P(GroupingMigration, TheGroupingDocumentOfAnOlderDatabaseBecomesRows) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  namespace ws = grappe::workspace;
  namespace an = grappe::animation;
  auto db = ws::open_database(grappe::test::fresh_database(GetParam()), 2);
  auto older = ws::core_migrations();
  for (const auto& m : an::animation_migrations())
    if (m.version <= 101) older.push_back(m);
  ws::migrate(*db, older);
  const std::vector<std::string> texts = {
      "Mutualiser un camion de livraison", "Partager un camion pour les livraisons",
      "Recruter un apprenti menuisier",    "Former nos apprentis ensemble",
      "Acheter le bois en commun",         "Des achats groupés de panneaux de bois"};
  std::vector<an::NeedStatement> needs;
  std::int64_t initiative = 0;
  const std::string when = "2026-01-01T00:00:00Z";
  db->write([&](ws::Transaction& tx) {
    initiative =
        tx.insert("INSERT INTO initiatives (name, created_at) VALUES ('before 102', ?) RETURNING id", {when});
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const auto member = tx.insert(
          "INSERT INTO members (initiative_id, siret, source, added_at) VALUES (?, ?, 'test', ?) RETURNING "
          "id",
          {initiative, "4119400000000" + std::to_string(i), when});
      const std::string key = "s1-r" + std::to_string(i + 1) + "-1";
      tx.execute(
          "INSERT INTO animation_needs (initiative_id, need_key, member_id, text, source, created_at) VALUES "
          "(?, ?, ?, ?, 'survey', ?)",
          {initiative, key, member, texts[i], when});
      needs.push_back({key, std::to_string(member), "", texts[i], std::nullopt});
    }
  });
  auto grouping = an::group_needs(an::analyse_needs(needs));
  ASSERT_GE(grouping.groups.size(), 2u);
  grouping = an::rename_group(grouping, grouping.groups.back().id, "Named by the animator");
  grouping = an::support_group(grouping, grouping.groups.back().id, needs.front().firm);
  const json document = grouping;
  db->write([&](ws::Transaction& tx) {
    tx.execute(
        "INSERT INTO animation_groupings (initiative_id, threshold, document, updated_at) VALUES (?, "
        "0.25, ?, ?)",
        {initiative, document.dump(), when});
  });

  ws::migrate(*db, an::server_migrations());
  an::AnimationStore store(*db);
  const auto out = store.needs(initiative).grouping;
  ASSERT_TRUE(out);
  EXPECT_EQ(json(*out), document);
  db->read([&](ws::Transaction& tx) {
    const auto meta = tx.query_one(
        "SELECT threshold, document FROM animation_groupings WHERE initiative_id = ?", {initiative});
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->real("threshold"), 0.25);
    EXPECT_EQ(meta->text("document"), "");
    const auto placed = tx.query_one(
        "SELECT COUNT(*) AS n FROM animation_need_placements WHERE initiative_id = ?", {initiative});
    EXPECT_EQ(placed->integer("n"), static_cast<std::int64_t>(needs.size()));
  });
}

GRAPPE_ON_EVERY_STORE(GroupingMigration);

}  // namespace
