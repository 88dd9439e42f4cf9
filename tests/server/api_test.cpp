// The workspace API end to end, on SQLite and PostgreSQL: an animator creates an initiative
// from the shop-fitting candidate, opens the launch survey, firms answer through personal
// links, and the answers appear in the results and exports.
#include <gtest/gtest.h>

#include "api_harness.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    harness = std::make_unique<ApiHarness>(GetParam());
    animator = harness->client("animator");
  }
  // Initiative 1 from candidate 0 with its survey open and invitations out; returns survey id 1.
  std::int64_t launch() {
    for (const json& i : open_survey(*animator)) tokens.push_back(i["token"]);
    return 1;
  }
  std::unique_ptr<ApiHarness> harness;
  std::unique_ptr<Client> animator;
  const std::int64_t initiative = 1;
  std::vector<std::string> tokens;
};

TEST_P(ApiTest, AnimatorLaunchesASurveyAndAnswersReachResultsAndExports) {
  std::int64_t survey = launch();
  std::string s = "/api/v1/surveys/" + std::to_string(survey);
  ASSERT_EQ(tokens.size(), 12u);  // one link per firm (no representatives yet)
  auto members = animator->get("/api/v1/initiatives/" + std::to_string(initiative) + "/members");
  ASSERT_EQ(members.body["total"], 12);
  std::int64_t other_firm = members.body["items"][3]["id"];

  auto public_client = std::make_unique<Client>(harness->port());
  auto form = public_client->get("/api/v1/survey/" + tokens[0]);
  ASSERT_EQ(form.status, 200) << form.raw;
  EXPECT_EQ(form.body["questions"].size(), 9u);
  EXPECT_EQ(form.body["firms"].size(), 11u);  // the firm picker offers the other members
  EXPECT_EQ(form.header("Referrer-Policy"), "no-referrer");

  json answers = {{"interest", "very"}, {"consent", "yes"}, {"needs", {"digital", "export"}},
                  {"known_members", {other_firm}}, {"founder_background", "Ateliers Dupont, Blois"}};
  auto put = public_client->put("/api/v1/survey/" + tokens[0], {{"language", "fr"}, {"answers", answers}});
  ASSERT_EQ(put.status, 200) << put.raw;
  // Editable until closed: the second submission replaces the first (still one response).
  answers["interest"] = "yes";
  ASSERT_EQ(public_client->put("/api/v1/survey/" + tokens[0], {{"answers", answers}}).status, 200);
  ASSERT_EQ(public_client->put("/api/v1/survey/" + tokens[1], {{"answers", {{"interest", "no"}, {"consent", "yes"}}}}).status, 200);
  EXPECT_EQ(public_client->get("/api/v1/survey/" + tokens[0]).body["response"]["answers"]["interest"], "yes");

  auto results = animator->get(s + "/results");
  ASSERT_EQ(results.status, 200);
  EXPECT_EQ(results.body["invited"], 12);
  EXPECT_EQ(results.body["responded"], 2);
  EXPECT_EQ(results.body["responses"], 2);
  EXPECT_NEAR(results.body["response_rate"].get<double>(), 2.0 / 12, 1e-12);
  EXPECT_EQ(results.body["questions"][0]["counts"]["yes"], 1);
  EXPECT_EQ(results.body["questions"][0]["counts"]["no"], 1);
  EXPECT_EQ(results.body["questions"][0]["counts"]["very"], 0);
  EXPECT_EQ(results.body["questions"][1]["counts"][0]["member_id"], other_firm);

  auto csv = animator->get(s + "/export.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.raw.find("Ateliers Dupont, Blois"), std::string::npos);
  EXPECT_NE(csv.raw.find(members.body["items"][3]["siret"].get<std::string>()), std::string::npos);
  auto exported = animator->get(s + "/export.json");
  EXPECT_EQ(exported.body["responses"].size(), 2u);

  auto reminders = animator->get(s + "/mail-merge.csv?pending=1");
  EXPECT_EQ(std::count(reminders.raw.begin(), reminders.raw.end(), '\n'), 11);  // header + 10 pending
  EXPECT_EQ(reminders.raw.find(tokens[0]), std::string::npos);
  auto stamped = animator->request("POST", s + "/mail-merge?mark=reminded", "", "application/json");
  EXPECT_EQ(stamped.status, 200);
  EXPECT_NE(animator->get(s + "/invitations").body["items"][5]["reminded_at"], "");

  // Observers see aggregates without free text.
  auto observer = harness->client("observer");
  auto seen = observer->get(s + "/results");
  EXPECT_EQ(seen.status, 200);
  EXPECT_FALSE(seen.body["questions"][6].contains("texts"));

  // Closing stops submissions; a closed survey can be anonymised.
  EXPECT_EQ(animator->post(s + "/close").status, 200);
  auto late = public_client->put("/api/v1/survey/" + tokens[2], {{"answers", {{"interest", "no"}, {"consent", "yes"}}}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.body["error"]["code"], "survey_not_open");
  auto anonymised = animator->post(s + "/anonymise");
  EXPECT_EQ(anonymised.status, 200) << anonymised.raw;
  EXPECT_EQ(anonymised.body["responses_unlinked"], 2);
  EXPECT_EQ(public_client->get("/api/v1/survey/" + tokens[0]).status, 404);
  auto after = animator->get(s + "/export.json");
  EXPECT_EQ(after.body["responses"].size(), 2u);
  EXPECT_TRUE(after.body["responses"][0]["firm"].is_null());
  EXPECT_EQ(animator->post(s + "/open").status, 409);
}

// The server writes the survey service's structs in the shapes the web app reads (docs/api.md).
TEST_P(ApiTest, SurveyRepliesKeepTheirShapes) {
  using Keys = std::vector<std::string>;
  auto keys = [](const json& object) {
    Keys out;
    for (const auto& item : object.items()) out.push_back(item.key());
    return out;
  };
  std::string s = "/api/v1/surveys/" + std::to_string(launch());
  const Keys survey = {"anonymised",    "anonymous", "closed_at", "component_id", "created_at", "id",
                       "initiative_id", "intro",     "opened_at", "status",       "title"};
  auto list = animator->get("/api/v1/initiatives/" + std::to_string(initiative) + "/surveys").body;
  EXPECT_EQ(keys(list["items"][0]), survey);
  auto got = animator->get(s).body;
  EXPECT_EQ(got.size(), survey.size() + 3);  // and questions, invited, responded
  EXPECT_EQ(keys(got["title"]), (Keys{"en", "fr"}));
  EXPECT_EQ(keys(got["questions"][0]), (Keys{"en", "fr", "key", "kind", "options", "required"}));
  EXPECT_EQ(keys(got["questions"][0]["options"][0]), (Keys{"en", "fr", "value"}));
  EXPECT_EQ(keys(animator->get(s + "/invitations").body["items"][0]),
            (Keys{"email", "firm", "id", "invited_at", "member_id", "name", "reminded_at",
                  "representative_id", "responded_at", "siret", "token"}));
  Client link(harness->port());
  auto form = link.get("/api/v1/survey/" + tokens[0]).body;
  EXPECT_EQ(keys(form), (Keys{"editable", "firm", "firms", "language", "questions", "responded", "respondent",
                              "response", "survey"}));
  EXPECT_EQ(keys(form["survey"]), (Keys{"anonymous", "intro", "status", "title"}));
  EXPECT_EQ(keys(form["firms"][0]), (Keys{"address", "commune", "id", "name"}));
  auto put = link.put("/api/v1/survey/" + tokens[0], {{"answers", {{"interest", "no"}, {"consent", "yes"}}}});
  EXPECT_EQ(keys(put.body), (Keys{"answers", "editable", "saved", "updated_at"}));
  EXPECT_EQ(put.body["answers"], json({{"consent", "yes"}, {"interest", "no"}}));
  EXPECT_EQ(keys(link.get("/api/v1/survey/" + tokens[0]).body["response"]),
            (Keys{"answers", "language", "submitted_at", "updated_at"}));
  auto data = link.get("/api/v1/survey/" + tokens[0] + "/data").body;
  EXPECT_EQ(keys(data), (Keys{"firm", "response"}));  // a firm's link: no representative
  EXPECT_EQ(keys(data["firm"]), (Keys{"address", "commune", "name", "siret"}));
  EXPECT_EQ(keys(data["response"]), (Keys{"answers", "submitted_at", "updated_at"}));
  auto results = animator->get(s + "/results").body;
  EXPECT_EQ(keys(results),
            (Keys{"invited", "questions", "responded", "response_rate", "responses", "survey_id"}));
  EXPECT_EQ(keys(results["questions"][0]), (Keys{"answered", "counts", "en", "fr", "key", "kind"}));
  EXPECT_TRUE(results["questions"][1]["counts"].is_array());  // the firm picker's, by member
  EXPECT_EQ(keys(results["questions"][3]), (Keys{"answered", "en", "fr", "key", "kind", "texts"}));
  auto exported = animator->get(s + "/export.json").body;
  EXPECT_EQ(keys(exported), (Keys{"questions", "responses", "survey_id"}));
  EXPECT_EQ(keys(exported["responses"][0]),
            (Keys{"answers", "firm", "id", "language", "submitted_at", "updated_at"}));
  EXPECT_EQ(keys(exported["responses"][0]["firm"]), (Keys{"name", "siret"}));
  ASSERT_EQ(animator->post(s + "/close").status, 200);
  EXPECT_EQ(animator->post(s + "/anonymise").body,
            json({{"anonymised", true}, {"responses_unlinked", 1}, {"survey_id", got["id"]}}));
}

TEST_P(ApiTest, MembersRepresentativesAndGdpr) {
  std::int64_t survey = launch();
  std::string base = "/api/v1/initiatives/" + std::to_string(initiative);
  // By siret: the register fills in the firm; unknown sirets need a name.
  auto added = animator->post(base + "/members", {{"siret", "41194 000 000 017"}});
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["name"], "Agencement Sologne");
  EXPECT_EQ(added.body["source"], "register");
  EXPECT_EQ(animator->post(base + "/members", {{"siret", "41194000000017"}}).status, 409);
  EXPECT_EQ(animator->post(base + "/members", {{"siret", "99999999999999"}}).body["error"]["code"], "unknown_siret");
  EXPECT_EQ(animator->post(base + "/members", {{"siret", "99999999999999"}, {"name", "Menuiserie X"}}).status, 201);
  EXPECT_EQ(animator->post(base + "/members", {{"siret", "12ab"}}).body["error"]["code"], "invalid_siret");
  std::int64_t member = added.body["id"];
  auto rep = animator->post(base + "/members/" + std::to_string(member) + "/representatives",
                            {{"name", "Claire Martin"}, {"email", "claire@agencement.fr"}, {"role", "gérante"}});
  ASSERT_EQ(rep.status, 201) << rep.raw;
  std::int64_t rep_id = rep.body["id"];
  EXPECT_EQ(animator->post(base + "/members/" + std::to_string(member) + "/representatives",
                           {{"name", "X"}, {"email", "not-an-email"}}).status, 400);
  auto invitations = animator->post("/api/v1/surveys/" + std::to_string(survey) + "/invitations");
  std::string token;
  for (const json& i : invitations.body["items"])
    if (i["representative_id"] == rep_id) token = i["token"];
  ASSERT_FALSE(token.empty());
  auto merge = animator->get("/api/v1/surveys/" + std::to_string(survey) + "/mail-merge.csv");
  EXPECT_NE(merge.raw.find("claire@agencement.fr"), std::string::npos);
  EXPECT_NE(merge.raw.find("/survey/" + token), std::string::npos);

  Client link(harness->port());
  ASSERT_EQ(link.put("/api/v1/survey/" + token, {{"answers", {{"interest", "maybe"}, {"consent", "yes"}}}}).status, 200);
  auto mine = link.get("/api/v1/survey/" + token + "/data");
  EXPECT_EQ(mine.body["representative"]["email"], "claire@agencement.fr");
  EXPECT_EQ(mine.body["response"]["answers"]["interest"], "maybe");
  auto data = animator->get("/api/v1/representatives/" + std::to_string(rep_id) + "/data");
  EXPECT_EQ(data.body["survey_invitations"][0]["answers"]["interest"], "maybe");
  // Erasure by the person through the link: response, invitation and contact details go.
  EXPECT_EQ(link.del("/api/v1/survey/" + token).status, 204);
  EXPECT_EQ(link.get("/api/v1/survey/" + token).status, 404);
  EXPECT_EQ(animator->get("/api/v1/representatives/" + std::to_string(rep_id) + "/data").status, 404);
  auto results = animator->get("/api/v1/surveys/" + std::to_string(survey) + "/results");
  EXPECT_EQ(results.body["responses"], 0);
  // Erasure requested from the animator.
  auto rep2 = animator->post(base + "/members/" + std::to_string(member) + "/representatives", {{"name", "Paul"}});
  std::int64_t rep2_id = rep2.body["id"];
  EXPECT_EQ(animator->post("/api/v1/representatives/" + std::to_string(rep2_id) + "/erase").status, 200);
  EXPECT_EQ(animator->get("/api/v1/representatives/" + std::to_string(rep2_id) + "/data").status, 404);
  // Removing a member.
  EXPECT_EQ(animator->del(base + "/members/" + std::to_string(member)).status, 204);
  EXPECT_EQ(animator->get(base + "/members").body["total"], 13);
  auto audit = harness->client("admin")->get("/api/v1/audit?limit=500");
  std::string actions = audit.body.dump();
  for (const char* a : {"member.add", "representative.erase", "gdpr.erase", "survey.open", "initiative.create"})
    EXPECT_NE(actions.find(a), std::string::npos) << a;
}

TEST_P(ApiTest, AnonymousModeTracksCompletionWithoutLinkingAnswers) {
  auto created = animator->post("/api/v1/initiatives", {{"name", "Anon"}, {"candidate_index", 0}});
  std::string base = "/api/v1/initiatives/" + std::to_string(created.body["id"].get<int>());
  auto survey = animator->post(base + "/surveys", {{"anonymous", true}});
  std::string s = "/api/v1/surveys/" + std::to_string(survey.body["id"].get<int>());
  animator->post(s + "/invitations");
  animator->post(s + "/open");
  std::string token = animator->get(s + "/invitations").body["items"][0]["token"];
  Client link(harness->port());
  json body = {{"answers", {{"interest", "very"}, {"consent", "yes"}}}};
  ASSERT_EQ(link.put("/api/v1/survey/" + token, body).status, 200);
  EXPECT_EQ(link.put("/api/v1/survey/" + token, body).body["error"]["code"], "already_responded");
  EXPECT_NE(animator->get(s + "/invitations").body["items"][0]["responded_at"], "");
  auto exported = animator->get(s + "/export.json");
  ASSERT_EQ(exported.body["responses"].size(), 1u);
  EXPECT_TRUE(exported.body["responses"][0]["firm"].is_null());
  EXPECT_TRUE(link.get("/api/v1/survey/" + token).body["response"].is_null());
}

TEST_P(ApiTest, QuestionsAreEditableUntilTheFirstResponse) {
  std::int64_t survey = launch();
  std::string s = "/api/v1/surveys/" + std::to_string(survey);
  json questions = json::array({{{"key", "score"}, {"kind", "scale"}, {"fr", "Note"}, {"en", "Score"}, {"min", 0}, {"max", 10}},
                                {{"key", "who"}, {"kind", "firms"}, {"fr", "Qui ?"}, {"en", "Who?"}},
                                {{"key", "why"}, {"kind", "text"}, {"fr", "Pourquoi ?"}, {"en", "Why?"}, {"required", true}}});
  auto edited = animator->put(s + "/questions", {{"questions", questions}});
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["questions"].size(), 3u);
  EXPECT_EQ(edited.body["questions"][0]["max"], 10);  // bounds for a scale only
  EXPECT_FALSE(edited.body["questions"][1].contains("min"));
  auto nope = animator->put(s + "/questions", {{"questions", {{{"key", "x"}, {"kind", "nope"}}}}});
  EXPECT_EQ(nope.status, 400);
  EXPECT_EQ(nope.body["error"]["message"],
            "questions[0].kind must be single, multiple, scale, text or firms");
  Client link(harness->port());
  auto out_of_range = link.put("/api/v1/survey/" + tokens[0], {{"answers", {{"score", 11}, {"why", "x"}}}});
  EXPECT_EQ(out_of_range.status, 400);
  EXPECT_EQ(out_of_range.body["error"]["message"], "'score' is out of range (from 0 to 10)");
  EXPECT_EQ(link.put("/api/v1/survey/" + tokens[0], {{"answers", {{"score", 7}, {"why", "ok"}}}}).status, 200);
  EXPECT_EQ(animator->put(s + "/questions", {{"questions", questions}}).status, 409);
  auto results = animator->get(s + "/results");
  EXPECT_DOUBLE_EQ(results.body["questions"][0]["mean"].get<double>(), 7.0);
}

TEST_P(ApiTest, HostileInputGetsAClearErrorAndIsStoredAsInertText) {
  const std::string nasty = "'; DROP TABLE initiatives; -- <script>alert('x')</script>";
  auto ok = animator->post("/api/v1/initiatives", {{"name", nasty}});
  ASSERT_EQ(ok.status, 201);
  EXPECT_EQ(animator->get("/api/v1/initiatives/" + std::to_string(ok.body["id"].get<int>())).body["name"], nasty);
  auto expect_error = [&](const Response& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.raw;
    ASSERT_TRUE(r.body.is_object()) << r.raw;
    EXPECT_EQ(r.body["error"]["code"], code) << r.raw;
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
  };
  expect_error(animator->request("POST", "/api/v1/initiatives", "{\"name\": "), 400, "malformed_json");
  expect_error(animator->request("POST", "/api/v1/initiatives", "{\"name\": \"\xff\xfe\"}"), 400, "invalid_utf8");
  expect_error(animator->request("POST", "/api/v1/initiatives", "{\"name\": 1e999}"), 400, "out_of_range");
  expect_error(animator->request("POST", "/api/v1/initiatives", "name=x", "application/x-www-form-urlencoded"), 400,
               "unsupported_media_type");
  expect_error(animator->post("/api/v1/initiatives", {{"name", std::string(201, 'x')}}), 400, "too_long");
  expect_error(animator->post("/api/v1/initiatives", {{"name", 12}}), 400, "invalid");
  expect_error(animator->post("/api/v1/initiatives", json::array()), 400, "invalid");
  expect_error(animator->post("/api/v1/initiatives", {{"name", "x"}, {"candidate_index", 18446744073709551615ull}}), 400,
               "out_of_range");
  expect_error(animator->post("/api/v1/initiatives", {{"name", std::string("a\0b", 3)}}), 400, "invalid");
  expect_error(animator->get("/api/v1/initiatives/99999999999999999999"), 404, "not_found");
  expect_error(animator->get("/api/v1/initiatives?limit=100000"), 400, "out_of_range");
  expect_error(animator->get("/api/v1/initiatives/1%20OR%201=1"), 404, "not_found");
  expect_error(animator->request("POST", "/api/v1/initiatives", std::string(2 << 20, ' ')), 413, "payload_too_large");
  expect_error(animator->get("/api/v1/survey/' OR '1'='1"), 404, "not_found");
  expect_error(animator->get("/api/v1/nothing-here"), 404, "not_found");
  // Still one table, one row.
  EXPECT_EQ(animator->get("/api/v1/initiatives").body["total"], 1);
}

TEST_P(ApiTest, SessionsCsrfAndPagination) {
  auto anonymous = harness->client("anonymous");
  auto bad = anonymous->login("animator@test.fr", "wrong password!");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.body["error"]["code"], "bad_credentials");
  auto good = anonymous->login("animator@test.fr", kPassword);
  ASSERT_EQ(good.status, 200);
  std::string cookie = good.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  anonymous->forget_csrf();
  EXPECT_EQ(anonymous->post("/api/v1/initiatives", {{"name", "x"}}).body["error"]["code"], "csrf");
  anonymous->set_csrf(std::string(64, '0'));
  EXPECT_EQ(anonymous->post("/api/v1/initiatives", {{"name", "x"}}).status, 403);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(animator->post("/api/v1/initiatives", {{"name", "I" + std::to_string(i)}}).status, 201);
  auto page = animator->get("/api/v1/initiatives?offset=2&limit=2");
  EXPECT_EQ(page.body["total"], 5);
  ASSERT_EQ(page.body["items"].size(), 2u);
  EXPECT_EQ(page.body["items"][0]["name"], "I2");
  EXPECT_EQ(animator->del("/api/v1/session").status, 204);
  EXPECT_EQ(animator->get("/api/v1/session").status, 401);
}

GRAPPE_ON_EVERY_STORE(ApiTest);

}  // namespace
}  // namespace grappe::test
