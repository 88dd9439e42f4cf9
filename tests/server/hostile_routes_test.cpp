// Attacks on the API routes, in process (issue 16): each would crash the server, leak data or
// let a caller do more than its role allows before the fix. Transport-level attacks (ranges,
// chunked bodies, header floods) are replayed against a real server process by tests/server/hostile.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "api_harness.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

// `depth` arrays nested around `leaf`: 150,000 deep is 300 KB, under the 1 MiB body limit.
std::string nested(std::size_t depth, const std::string& leaf = "1") {
  return std::string(depth, '[') + leaf + std::string(depth, ']');
}

class HostileRoutesTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Initiative 1 from candidate 0, survey 1 (default questions) open, one link per firm.
  std::vector<std::string> open_survey() {
    EXPECT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
    EXPECT_EQ(admin->post("/api/v1/initiatives/1/surveys").status, 201);
    EXPECT_EQ(admin->post("/api/v1/surveys/1/invitations").status, 201);
    EXPECT_EQ(admin->post("/api/v1/surveys/1/open").status, 200);
    std::vector<std::string> tokens;
    const Response invitations = admin->get("/api/v1/surveys/1/invitations");
    for (const json& i : invitations.body["items"]) tokens.push_back(i["token"]);
    EXPECT_GE(tokens.size(), 2u);
    tokens.resize(std::max<std::size_t>(tokens.size(), 2));  // empty tokens fail later, cleanly
    return tokens;
  }
  void answer(const std::string& token, const std::string& needs) {
    json answers = {{"interest", "yes"}, {"consent", "yes"}, {"needs_detail", needs}};
    auto r = harness->client("anonymous")->put("/api/v1/survey/" + token, {{"answers", answers}});
    EXPECT_EQ(r.status, 200) << r.raw;
  }
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    harness = std::make_unique<ApiHarness>(GetParam());
    admin = harness->client("admin");
  }
  void expect_too_deep(Client& client, const std::string& method, const std::string& path,
                       const std::string& body) {
    Response r = client.request(method, path, body);
    EXPECT_EQ(r.status, 400) << method << " " << path << ": " << r.raw.substr(0, 300);
    EXPECT_EQ(r.body["error"]["code"], "too_deep") << method << " " << path;
  }
  std::unique_ptr<ApiHarness> harness;
  std::unique_ptr<Client> admin;
};

// Copying a 150,000-deep parsed document overflowed the stack (SIGSEGV) before the limit.
TEST_P(HostileRoutesTest, DeeplyNestedBodiesAreRefusedOnEveryNamedRoute) {
  const std::size_t deep = 150'000;
  auto anonymous = harness->client("anonymous");
  expect_too_deep(*anonymous, "POST", "/api/v1/session",
                  R"({"email":"admin@test.fr","password":)" + nested(deep) + "}");
  expect_too_deep(*admin, "POST", "/api/v1/users",
                  R"({"email":"x@test.fr","role":"member","name":)" + nested(deep) + "}");
  expect_too_deep(*admin, "PATCH", "/api/v1/users/1", R"({"name":)" + nested(deep) + "}");
  expect_too_deep(*admin, "POST", "/api/v1/initiatives", R"({"name":"N","candidate":)" + nested(deep) + "}");

  // A survey with a scale question: the nested answer reached the scale check's copy.
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/surveys").status, 201);
  json scale = {{"key", "trust"}, {"kind", "scale"}, {"fr", "Confiance"},
                {"en", "Trust"},  {"min", 1},        {"max", 5}};
  auto questions = admin->put("/api/v1/surveys/1/questions", {{"questions", {scale}}});
  ASSERT_EQ(questions.status, 200) << questions.raw;
  ASSERT_EQ(admin->post("/api/v1/surveys/1/invitations").status, 201);
  ASSERT_EQ(admin->post("/api/v1/surveys/1/open").status, 200);
  std::string token = admin->get("/api/v1/surveys/1/invitations").body["items"][0]["token"];
  expect_too_deep(*anonymous, "PUT", "/api/v1/survey/" + token,
                  R"({"answers":{"trust":)" + nested(deep) + "}}");

  // The server is still up, and ordinary depth still works (brackets inside strings do not count).
  EXPECT_EQ(anonymous->get("/api/v1/health").status, 200);
  auto fine = anonymous->put("/api/v1/survey/" + token, {{"answers", {{"trust", 4}}}, {"language", "fr"}});
  EXPECT_EQ(fine.status, 200) << fine.raw;
  auto strings = admin->post("/api/v1/users",
                             {{"email", "y@test.fr"}, {"role", "member"}, {"name", std::string(150, '[')}});
  EXPECT_EQ(strings.status, 201) << strings.raw;
  expect_too_deep(*admin, "POST", "/api/v1/initiatives", R"({"name":"N","candidate":)" + nested(65) + "}");
}

// Topic-wide operations checked only the role rank: a member account representing no firm
// could open polls, forge meetings (network ties) and add or close actions anywhere.
TEST_P(HostileRoutesTest, MembersWithoutAFirmCannotActOnTopics) {
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  auto topic = admin->post("/api/v1/initiatives/1/topics", {{"title", "Shared dust extraction"}});
  ASSERT_EQ(topic.status, 201) << topic.raw;
  const std::string t = "/api/v1/initiatives/1/topics/" + topic.body["id"].get<std::string>();
  auto member = harness->client("member");
  const std::vector<std::pair<std::string, json>> operations = {
      {"/poll", json::object()},
      {"/meetings", {{"title", "Forged"}, {"attendees", {1, 2, 3}}}},
      {"/actions", {{"title", "Buy"}, {"owner_id", 1}}},
      {"/action-update", {{"action_id", 1}, {"status", "done"}}},
  };
  for (const auto& [op, body] : operations) {
    Response r = member->post(t + op, body);
    EXPECT_EQ(r.status, 403) << op << ": " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "not_representative") << op;
  }
  // Once the member user represents a firm of the initiative, the same call passes the check.
  ASSERT_EQ(admin
                ->post("/api/v1/initiatives/1/members/1/representatives",
                       {{"name", "R"}, {"email", "member@test.fr"}})
                .status,
            201);
  EXPECT_NE(member->post(t + "/poll").status, 403);
}

// The respondent's erasure reached the survey tables only: the need statements imported from
// the free text stayed on the needs board, in its grouping and in the needs export.
TEST_P(HostileRoutesTest, ErasingAResponseErasesTheNeedsImportedFromIt) {
  auto tokens = open_survey();
  answer(tokens[0], "Mutualiser les livraisons vers Orléans; Former nos apprentis ensemble");
  answer(tokens[1], "Former des apprentis en commun");
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/import", {{"survey_id", 1}}).status, 200);
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/group").status, 200);
  ASSERT_NE(admin->get("/api/v1/initiatives/1/needs").raw.find("Orléans"), std::string::npos);

  auto erased = harness->client("anonymous")->del("/api/v1/survey/" + tokens[0]);
  ASSERT_EQ(erased.status, 204) << erased.raw;
  auto needs = admin->get("/api/v1/initiatives/1/needs");
  EXPECT_EQ(needs.raw.find("Orléans"), std::string::npos) << needs.raw;
  EXPECT_EQ(needs.raw.find("Former nos apprentis"), std::string::npos) << needs.raw;
  EXPECT_EQ(needs.body["total"], 1);  // the other firm's statement stays
  EXPECT_EQ(admin->get("/api/v1/initiatives/1/exports/needs.csv").raw.find("Orléans"), std::string::npos);
}

// After anonymisation, need ids named the response ("s1-r1-1") and export.json still listed
// that response by id with its times: every anonymised answer could be linked to its firm.
TEST_P(HostileRoutesTest, AnonymisedResponsesCannotBeLinkedBackToTheirFirm) {
  auto tokens = open_survey();
  answer(tokens[0], "Mutualiser les livraisons");
  answer(tokens[1], "Former des apprentis");
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/import", {{"survey_id", 1}}).status, 200);
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/group").status, 200);
  ASSERT_EQ(admin->post("/api/v1/surveys/1/close").status, 200);
  ASSERT_EQ(admin->post("/api/v1/surveys/1/anonymise").status, 200);

  auto needs = admin->get("/api/v1/initiatives/1/needs");
  ASSERT_EQ(needs.body["total"], 2);
  for (const json& need : needs.body["items"]) {
    std::string id = need["id"];
    EXPECT_EQ(id.find("-r"), std::string::npos) << id << " names its response";
  }
  for (const json& group : needs.body["grouping"]["groups"])
    for (const json& id : group["need_ids"])
      EXPECT_EQ(id.get<std::string>().find("-r"), std::string::npos) << id;
  auto exported = admin->get("/api/v1/surveys/1/export.json");
  ASSERT_EQ(exported.body["responses"].size(), 2u);
  for (const json& r : exported.body["responses"]) {
    EXPECT_TRUE(r["id"].is_null()) << r;
    EXPECT_TRUE(r["firm"].is_null()) << r;
    EXPECT_EQ(r["submitted_at"], "") << r;
  }
  auto csv = admin->get("/api/v1/surveys/1/export.csv").raw;
  EXPECT_EQ(csv.find("\r\n1,"), std::string::npos) << csv;
}

// The throttle was checked before hashing and counted after: parallel wrong passwords all
// got checked. Counting before hashing lets exactly the allowance through, however fast.
TEST_P(HostileRoutesTest, ParallelWrongPasswordsGetOnlyTheAllowance) {
  std::vector<std::thread> threads;
  std::vector<int> statuses(40);
  for (std::size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", harness->port());
      client.set_read_timeout(300, 0);  // five Argon2id checks, two at a time, on a busy machine
      json body = {{"email", "observer@test.fr"}, {"password", "a wrong password " + std::to_string(i)}};
      auto r = client.Post("/api/v1/session", body.dump(), "application/json");
      statuses[i] = r ? r->status : 0;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 5);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 35);
}

INSTANTIATE_TEST_SUITE_P(Stores, HostileRoutesTest, ::testing::ValuesIn(store_kinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace grappe::test
