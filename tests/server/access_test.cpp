// Every endpoint × every role (and anonymous) against the table of who may call what
// (route_table.hpp); a route missing from it fails the test.
#include <gtest/gtest.h>

#include <set>

#include "api_harness.hpp"
#include "route_table.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kRoles = {"anonymous", "member", "observer", "animator", "admin"};

int level(const std::string& role) {
  for (std::size_t i = 0; i < kRoles.size(); ++i)
    if (kRoles[i] == role) return static_cast<int>(i);
  return 0;  // "public"
}

// Mutating calls go to ids that do not exist, so passing the access check shows as 404 (or
// 400 for a bad body) without changing the fixture; reads use real ids.
std::string concrete(const RouteAccess& e, const std::string& token) {
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
  for (const auto& e : kRouteTable) table.insert({e.method, e.pattern});
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
    EXPECT_TRUE(component && known) << method << " " << pattern
                                    << ": add it to kRouteTable (route_table.hpp)";
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
  for (const auto& e : kRouteTable) {
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
  EXPECT_EQ(checked, static_cast<int>(kRouteTable.size() * kRoles.size()));
}

GRAPPE_ON_EVERY_STORE(AccessTest);

}  // namespace
}  // namespace grappe::test
