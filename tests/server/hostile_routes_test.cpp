// Attacks on the API routes, in process (issue 16): each would crash the server, leak data or
// let a caller do more than its role allows before the fix. Transport-level attacks (ranges,
// chunked bodies, header floods) are replayed against a real server process by tests/server/hostile.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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
    std::vector<std::string> tokens;
    for (const json& i : test::open_survey(*admin)) tokens.push_back(i["token"]);
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

// The erased statements left the groups, but a group's suggested name and top terms were
// computed with them and kept their words ("manitou" named the erased firm's machine).
TEST_P(HostileRoutesTest, ErasingAResponseRenamesTheGroupsItWasIn) {
  auto tokens = open_survey();
  answer(tokens[0], "Un chariot Manitou");
  answer(tokens[1], "Un chariot électrique");
  auto before = admin->get("/api/v1/initiatives/1/needs");
  ASSERT_EQ(before.body["grouping"]["groups"].size(), 1u) << before.raw;  // both in one group
  const json group = before.body["grouping"]["groups"][0];
  ASSERT_NE(group["name"].get<std::string>().find("manitou"), std::string::npos) << group;

  ASSERT_EQ(harness->client("anonymous")->del("/api/v1/survey/" + tokens[0]).status, 204);
  auto after = admin->get("/api/v1/initiatives/1/needs");
  ASSERT_EQ(after.body["grouping"]["groups"].size(), 1u) << after.raw;
  EXPECT_EQ(after.body["grouping"]["groups"][0]["id"], group["id"]);
  EXPECT_EQ(after.body["grouping"]["groups"][0]["need_ids"].size(), 1u);
  const auto raw = after.body["grouping"].dump();
  EXPECT_EQ(raw.find("anitou"), std::string::npos) << raw;
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

// Free text is animator-only elsewhere (survey results); /needs gave it to observers.
TEST_P(HostileRoutesTest, ObserversDoNotReadNeedTexts) {
  auto tokens = open_survey();
  answer(tokens[0], "Mutualiser les livraisons vers Orléans");
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/import", {{"survey_id", 1}}).status, 200);
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/needs/group").status, 200);
  auto seen = harness->client("observer")->get("/api/v1/initiatives/1/needs");
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body["total"], 1);
  EXPECT_EQ(seen.raw.find("Orléans"), std::string::npos) << seen.raw;
  EXPECT_NE(admin->get("/api/v1/initiatives/1/needs").raw.find("Orléans"), std::string::npos);
}

// One meeting dated 9999-12-31 made every later change of the topic "before" it (409).
TEST_P(HostileRoutesTest, EventDatesCannotBeFarInTheFuture) {
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  auto far = admin->post("/api/v1/initiatives/1/topics", {{"title", "T"}, {"date", "9999-12-31"}});
  EXPECT_EQ(far.status, 400) << far.raw;
  EXPECT_NE(far.raw.find("date must be from 2000-01-01"), std::string::npos) << far.raw;
  auto topic = admin->post("/api/v1/initiatives/1/topics", {{"title", "T"}});
  ASSERT_EQ(topic.status, 201);
  const std::string t = "/api/v1/initiatives/1/topics/" + topic.body["id"].get<std::string>();
  EXPECT_EQ(admin->post(t + "/support", {{"member_id", 1}, {"date", "9999-12-31"}}).status, 400);
  EXPECT_EQ(admin->post(t + "/support", {{"member_id", 1}}).status, 200);
}

TEST_P(HostileRoutesTest, AccountsAreHardened) {
  // A password change ends the account's other sessions (not the one that made it).
  auto elsewhere = harness->client("member");
  auto here = harness->client("member");
  ASSERT_EQ(
      here->put("/api/v1/session/password", {{"current", kPassword}, {"password", "another long password"}})
          .status,
      200);
  EXPECT_EQ(elsewhere->get("/api/v1/session").status, 401);
  EXPECT_EQ(here->get("/api/v1/session").status, 200);

  // PATCH with a password said 200 and changed nothing.
  auto patched = admin->patch("/api/v1/users/4", {{"password", "a new long password"}});
  EXPECT_EQ(patched.status, 400) << patched.raw;
  EXPECT_EQ(patched.body["error"]["code"], "read_only_field") << patched.raw;

  // The last admin cannot demote or disable itself.
  auto demoted = admin->patch("/api/v1/users/1", {{"role", "member"}});
  EXPECT_EQ(demoted.status, 409) << demoted.raw;
  EXPECT_EQ(demoted.body["error"]["code"], "last_admin");
  EXPECT_EQ(admin->patch("/api/v1/users/1", {{"disabled", true}}).status, 409);
  EXPECT_EQ(admin->patch("/api/v1/users/2", {{"role", "admin"}}).status, 200);
  EXPECT_EQ(admin->patch("/api/v1/users/1", {{"role", "member"}}).status, 200);

  // "Case@x" and "case@x" are one account.
  auto admin2 = harness->client("animator");  // promoted above
  auto twin = admin2->post("/api/v1/users",
                           {{"email", "Observer@Test.fr"}, {"role", "member"}, {"password", kPassword}});
  EXPECT_EQ(twin.status, 409) << twin.raw;
  Client mixed(harness->port());
  EXPECT_EQ(mixed.login("OBSERVER@test.FR", kPassword).status, 200);
}

// Behind the shipped nginx (X-Forwarded-Proto: https from loopback) the cookie is Secure.
TEST_P(HostileRoutesTest, SessionCookieIsSecureBehindTls) {
  httplib::Client http("127.0.0.1", harness->port());
  std::string body = json{{"email", "member@test.fr"}, {"password", kPassword}}.dump();
  auto tls = http.Post("/api/v1/session", {{"X-Forwarded-Proto", "https"}}, body, "application/json");
  ASSERT_TRUE(tls);
  EXPECT_NE(tls->get_header_value("Set-Cookie").find("; Secure"), std::string::npos)
      << tls->get_header_value("Set-Cookie");
  auto plain = http.Post("/api/v1/session", body, "application/json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Set-Cookie").find("Secure"), std::string::npos);
}

// A cell starting with tab or CR is made inert like one starting with "=" (the survey export
// missed CR, the needs export both).
TEST_P(HostileRoutesTest, CsvCellsStartingWithTabOrCrAreNeutralised) {
  auto tokens = open_survey();
  json answers = {{"interest", "yes"}, {"consent", "yes"}, {"founder_background", "\r=HYPERLINK(\"x\")"}};
  ASSERT_EQ(harness->client("anonymous")->put("/api/v1/survey/" + tokens[0], {{"answers", answers}}).status,
            200);
  std::string csv = admin->get("/api/v1/surveys/1/export.csv").raw;
  EXPECT_NE(csv.find("\"'\r=HYPERLINK"), std::string::npos) << csv;
  auto need =
      admin->post("/api/v1/initiatives/1/needs", {{"member_id", 1}, {"text", "\t=cmd|' /C calc'!A0"}});
  ASSERT_EQ(need.status, 201) << need.raw;
  csv = admin->get("/api/v1/initiatives/1/exports/needs.csv").raw;
  EXPECT_NE(csv.find("'\t=cmd"), std::string::npos) << csv;
}

// SQLite handed a deleted row's id to the next row (a stale link then named another record).
TEST_P(HostileRoutesTest, DeletedIdsAreNotReused) {
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}}).status, 201);
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "B"}}).status, 201);
  ASSERT_EQ(admin->del("/api/v1/initiatives/2").status, 204);
  EXPECT_EQ(admin->post("/api/v1/initiatives", {{"name", "C"}}).body["id"], 3);
}

// Transport-level limits cpp-httplib 0.11 lacked, checked on a server that serves files.
class HostileTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web = std::filesystem::temp_directory_path() / ("grappe-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>grappe</title>";
    std::ofstream(web / "assets" / "app-3f2a9c.js") << std::string(100'000, 'x');
    server::ServerOptions options;
    options.web_dir = web.string();
    harness = std::make_unique<ApiHarness>("sqlite", options);
  }
  void TearDown() override {
    harness.reset();
    std::filesystem::remove_all(web);
  }
  std::string get(const std::string& path, const std::string& headers = "") {
    return raw_exchange(harness->port(),
                        "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
  }
  std::filesystem::path web;
  std::unique_ptr<ApiHarness> harness;
};

// 2,700 ranges of a file made an 864 MB reply: several ranges now get the file once (200);
// one range is still served.
TEST_F(HostileTransportTest, MultipleRangesGetTheFileOnce) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 2700; ++i) ranges += ",0-";
  std::string reply = get("/assets/app-3f2a9c.js", "Range: " + ranges + "\r\n");
  EXPECT_EQ(status_of(reply), 200) << reply.substr(0, 200);
  EXPECT_LT(reply.size(), 101'000u);
  reply = get("/assets/app-3f2a9c.js", "Range: bytes=0-9\r\n");
  EXPECT_EQ(status_of(reply), 206) << reply.substr(0, 200);
}

// A chunked body was read past the 1 MiB limit (9.7 GB resident), then refused unread (411):
// it is now read within the same limit as any body, and answered 413 past it.
TEST_F(HostileTransportTest, ChunkedBodiesAreBoundedAndHeaderFloodsRefused) {
  auto chunked = [](const std::string& body) {
    std::string request =
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    for (std::size_t at = 0; at < body.size(); at += 65536) {
      std::string piece = body.substr(at, 65536);
      char size[16];
      std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      request += size + piece + "\r\n";
    }
    return request + "0\r\n\r\n";
  };
  std::string reply = raw_exchange(harness->port(), chunked(R"({"email":"nobody@test.fr","password":"wrong password"})"));
  EXPECT_EQ(status_of(reply), 401) << reply.substr(0, 300);  // read and handled like any body
  reply = raw_exchange(harness->port(), chunked(std::string(1'500'000, ' ')));
  EXPECT_EQ(status_of(reply), 413) << reply.substr(0, 300);
  EXPECT_NE(reply.find("payload_too_large"), std::string::npos);

  std::string headers;
  for (int i = 0; i < 1000; ++i) headers += "X-Flood-" + std::to_string(i) + ": y\r\n";
  reply = get("/api/v1/health", headers);
  EXPECT_EQ(status_of(reply), 431) << reply.substr(0, 300);
  EXPECT_EQ(status_of(get("/api/v1/health")), 200);
}

// "/assets/app.js%00.html" was served as text/html.
TEST_F(HostileTransportTest, NulInThePathIsRefused) {
  std::string reply = get("/assets/app-3f2a9c.js%00.html");
  EXPECT_EQ(status_of(reply), 400) << reply.substr(0, 300);
  EXPECT_EQ(reply.find("text/html"), std::string::npos);
}

TEST_F(HostileTransportTest, HashedAssetsAreImmutableAndPagesRevalidated) {
  std::string asset = get("/assets/app-3f2a9c.js");
  EXPECT_NE(asset.find("Cache-Control: public, max-age=31536000, immutable"), std::string::npos)
      << asset.substr(0, 400);
  std::string page = get("/index.html");
  EXPECT_NE(page.find("Cache-Control: no-cache"), std::string::npos) << page.substr(0, 400);
  std::string route = get("/initiatives/3");  // the web app's own routes get index.html
  EXPECT_EQ(status_of(route), 200);
  EXPECT_NE(route.find("Cache-Control: no-cache"), std::string::npos) << route.substr(0, 400);
  std::string survey = get("/survey/0123456789abcdef0123456789abcdef");  // the token is in the URL
  EXPECT_NE(survey.find("Cache-Control: no-store"), std::string::npos) << survey.substr(0, 400);
}

GRAPPE_ON_EVERY_STORE(HostileRoutesTest);

}  // namespace
}  // namespace grappe::test
