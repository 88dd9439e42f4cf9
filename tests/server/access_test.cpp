// Every endpoint × every role (and anonymous) against a table of who may call what. The table
// is written here independently of the server's; a route missing from it fails the test.
#include <gtest/gtest.h>

#include <set>

#include "api_harness.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

struct Expected {
  const char* method;
  const char* pattern;
  const char* minimum;            // "public" (anyone, no session), or the lowest role allowed
  bool observer_refused = false;  // a member route whose writes observers (read-only) may not make
};

// Lowest role allowed per endpoint (roles are ordered member < observer < animator < admin).
const std::vector<Expected> kTable = {
    {"GET", "/api/v1/health", "public"},
    {"POST", "/api/v1/session", "public"},
    {"GET", "/api/v1/session", "member"},
    {"DELETE", "/api/v1/session", "member"},
    {"PUT", "/api/v1/session/password", "member"},
    {"GET", "/api/v1/users", "admin"},
    {"POST", "/api/v1/users", "admin"},
    {"PATCH", "/api/v1/users/{id}", "admin"},
    {"GET", "/api/v1/audit", "admin"},
    // Contacts, accounts by link and e-mail (src/server/routes_contacts.cpp).
    {"POST", "/api/v1/users/invitations", "admin"},
    {"DELETE", "/api/v1/users/{id}", "admin"},
    {"GET", "/api/v1/account-links/{token}", "public"},
    {"POST", "/api/v1/account-links/{token}", "public"},
    {"POST", "/api/v1/password-reset", "public"},
    {"GET", "/api/v1/initiatives/{id}/representatives", "animator"},
    {"POST", "/api/v1/representatives/{id}/account", "animator"},
    {"POST", "/api/v1/surveys/{id}/mailings", "animator"},
    {"GET", "/api/v1/mail", "animator"},
    {"GET", "/api/v1/candidates", "observer"},
    {"GET", "/api/v1/candidates/{index}", "observer"},
    {"GET", "/api/v1/firms/{siret}", "observer"},
    // Analyses for the web app (src/server/routes_analyses.cpp).
    {"GET", "/api/v1/candidates/{index}/kd", "observer"},
    {"GET", "/api/v1/candidates/{index}/lineage", "observer"},
    {"GET", "/api/v1/initiatives/{id}/network", "member"},
    {"POST", "/api/v1/simulations", "observer"},
    {"GET", "/api/v1/initiatives", "member"},
    {"POST", "/api/v1/initiatives", "animator"},
    {"GET", "/api/v1/initiatives/{id}", "member"},
    {"PATCH", "/api/v1/initiatives/{id}", "animator"},
    {"DELETE", "/api/v1/initiatives/{id}", "admin"},
    {"GET", "/api/v1/initiatives/{id}/components", "observer"},
    {"GET", "/api/v1/initiatives/{id}/members", "member"},
    {"POST", "/api/v1/initiatives/{id}/members", "animator"},
    {"DELETE", "/api/v1/initiatives/{id}/members/{member}", "animator"},
    {"GET", "/api/v1/initiatives/{id}/members/{member}/representatives", "animator"},
    {"POST", "/api/v1/initiatives/{id}/members/{member}/representatives", "animator"},
    {"PATCH", "/api/v1/representatives/{id}", "animator"},
    {"DELETE", "/api/v1/representatives/{id}", "animator"},
    {"GET", "/api/v1/representatives/{id}/data", "animator"},
    {"POST", "/api/v1/representatives/{id}/erase", "animator"},
    {"GET", "/api/v1/initiatives/{id}/surveys", "observer"},
    {"POST", "/api/v1/initiatives/{id}/surveys", "animator"},
    {"GET", "/api/v1/surveys/{id}", "observer"},
    {"PATCH", "/api/v1/surveys/{id}", "animator"},
    {"PUT", "/api/v1/surveys/{id}/questions", "animator"},
    {"POST", "/api/v1/surveys/{id}/open", "animator"},
    {"POST", "/api/v1/surveys/{id}/close", "animator"},
    {"POST", "/api/v1/surveys/{id}/invitations", "animator"},
    {"GET", "/api/v1/surveys/{id}/invitations", "animator"},
    {"GET", "/api/v1/surveys/{id}/mail-merge.csv", "animator"},
    {"POST", "/api/v1/surveys/{id}/mail-merge", "animator"},
    {"GET", "/api/v1/surveys/{id}/results", "observer"},
    {"GET", "/api/v1/surveys/{id}/export.json", "animator"},
    {"GET", "/api/v1/surveys/{id}/export.csv", "animator"},
    {"POST", "/api/v1/surveys/{id}/anonymise", "animator"},
    {"GET", "/api/v1/survey/{token}", "public"},
    {"PUT", "/api/v1/survey/{token}", "public"},
    {"GET", "/api/v1/survey/{token}/data", "public"},
    {"DELETE", "/api/v1/survey/{token}", "public"},
    // Animation components (src/server/routes_animation.cpp, docs/animation.md).
    {"GET", "/api/v1/initiatives/{id}/me", "member"},
    {"GET", "/api/v1/initiatives/{id}/needs", "member"},
    {"POST", "/api/v1/initiatives/{id}/needs", "member", true},
    {"POST", "/api/v1/initiatives/{id}/needs/import", "animator"},
    {"POST", "/api/v1/initiatives/{id}/needs/group", "animator"},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/merge", "animator"},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/split", "animator"},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/rename", "animator"},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/move", "animator"},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/support", "member", true},
    {"POST", "/api/v1/initiatives/{id}/collective-needs/{group}/topic", "member", true},
    {"GET", "/api/v1/initiatives/{id}/topics", "member"},
    {"POST", "/api/v1/initiatives/{id}/topics", "member", true},
    {"GET", "/api/v1/initiatives/{id}/topics/{topic}", "member"},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/abandon", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/action-update", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/actions", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/chosen-method", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/commit", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/implementation", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/join", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/leader", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/meetings", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/method", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/poll", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/proposal-support", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/proposals", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/sense-check", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/success", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/support", "member", true},
    {"POST", "/api/v1/initiatives/{id}/topics/{topic}/withdraw", "member", true},
    {"GET", "/api/v1/initiatives/{id}/referrals", "member"},
    {"POST", "/api/v1/initiatives/{id}/referrals", "member", true},
    {"POST", "/api/v1/initiatives/{id}/departures", "animator"},
    {"GET", "/api/v1/initiatives/{id}/indicators", "member"},
    {"GET", "/api/v1/initiatives/{id}/reminders", "member"},
    {"GET", "/api/v1/initiatives/{id}/exports/needs.csv", "animator"},
    {"GET", "/api/v1/initiatives/{id}/exports/collective-needs.csv", "animator"},
    {"GET", "/api/v1/initiatives/{id}/exports/topics.csv", "observer"},
    {"GET", "/api/v1/initiatives/{id}/exports/actions.csv", "observer"},
    {"GET", "/api/v1/initiatives/{id}/exports/indicators.csv", "observer"},
};

const std::vector<std::string> kRoles = {"anonymous", "member", "observer", "animator", "admin"};

int level(const std::string& role) {
  for (std::size_t i = 0; i < kRoles.size(); ++i)
    if (kRoles[i] == role) return static_cast<int>(i);
  return 0;  // "public"
}

// Mutating calls go to ids that do not exist, so passing the access check shows as 404 (or
// 400 for a bad body) without changing the fixture; reads use real ids.
std::string concrete(const Expected& e, const std::string& token) {
  bool mutating = std::string(e.method) != "GET";
  std::string path = e.pattern, id = mutating ? "999999" : "1";
  auto replace = [&](const std::string& name, const std::string& value) {
    for (auto at = path.find(name); at != std::string::npos; at = path.find(name))
      path.replace(at, name.size(), value);
  };
  replace("{index}", "0");
  replace("{siret}", "41194000000017");
  replace("{token}", mutating ? std::string(32, 'f') : token);
  replace("{member}", id);
  replace("{group}", id);
  replace("{topic}", id);
  replace("{id}", path.find("/users/") != std::string::npos && mutating ? "999999" : id);
  return path;
}

class AccessTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AccessTest, EveryEndpointTimesEveryRole) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  // The table covers every route of the workspace core and the survey; the animation
  // component's routes (issue 7) have their own rules (observers read only, members write)
  // and their own access tests, so only their place is checked here.
  std::set<std::pair<std::string, std::string>> table, served;
  for (const auto& e : kTable) table.insert({e.method, e.pattern});
  for (const auto& r : harness.server().routes()) served.insert({r.method, r.pattern});
  const std::vector<std::string> animation = {"/needs",      "/collective-needs", "/topics",    "/referrals",
                                              "/departures", "/indicators",       "/reminders", "/exports/"};
  for (const auto& route : table)
    EXPECT_TRUE(served.count(route)) << route.first << " " << route.second << " is not served";
  for (const auto& [method, pattern] : served) {
    if (table.count({method, pattern})) continue;
    bool component = pattern.rfind("/api/v1/initiatives/{id}/", 0) == 0;
    bool known = false;
    for (const auto& segment : animation) known |= pattern.find(segment) != std::string::npos;
    EXPECT_TRUE(component && known) << method << " " << pattern << ": add it to kTable";
  }

  // Fixture: initiative 1 with members, representative 1 (the member user), survey 1 with a personal link.
  auto animator = harness.client("animator");
  ASSERT_EQ(animator->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  // The member user represents member 1, so data-level checks (a firm's own reminders) pass
  // and only the role table decides here.
  ASSERT_EQ(animator
                ->post("/api/v1/initiatives/1/members/1/representatives",
                       {{"name", "R"}, {"email", "member@test.fr"}})
                .status,
            201);
  ASSERT_EQ(animator->post("/api/v1/initiatives/1/surveys").status, 201);
  auto invitations = animator->post("/api/v1/surveys/1/invitations");
  std::string token = invitations.body["items"][0]["token"];

  std::map<std::string, std::unique_ptr<Client>> clients;
  for (const auto& role : kRoles) clients[role] = harness.client(role);
  int checked = 0;
  for (const auto& e : kTable) {
    for (const auto& role : kRoles) {
      std::string path = concrete(e, token);
      bool is_logout = std::string(e.method) == "DELETE" && path == "/api/v1/session";
      std::unique_ptr<Client> fresh = is_logout ? harness.client(role) : nullptr;
      Client& client = fresh ? *fresh : *clients[role];
      Response r = client.request(e.method, path, std::string(e.method) == "GET" ? "" : "{}");
      std::string where = std::string(e.method) + " " + path + " as " + role;
      bool allowed = (std::string(e.minimum) == "public" || level(role) >= level(e.minimum)) &&
                     !(e.observer_refused && role == "observer");
      if (allowed) {
        EXPECT_NE(r.status, 401) << where << ": " << r.raw;
        EXPECT_NE(r.status, 403) << where << ": " << r.raw;
        EXPECT_GT(r.status, 0) << where;
        EXPECT_LT(r.status, 500) << where << ": " << r.raw;
      } else if (role == "anonymous") {
        EXPECT_EQ(r.status, 401) << where;
        EXPECT_EQ(r.body["error"]["code"], "unauthenticated") << where;
      } else {
        EXPECT_EQ(r.status, 403) << where;
        EXPECT_EQ(r.body["error"]["code"], "forbidden") << where;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(kTable.size() * kRoles.size()));
}

INSTANTIATE_TEST_SUITE_P(Stores, AccessTest, ::testing::ValuesIn(store_kinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace grappe::test
