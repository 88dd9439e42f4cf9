// Staff roles per initiative (issue 16, item 5): every initiative-scoped route × eight callers
// (admin, global animator, global observer, animator of A, observer of A, member of a firm in
// A, member of a firm in B, anonymous) × initiatives A and B, against the table of who may call
// what (route_table.hpp); a scoped route missing from it fails the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "api_harness.hpp"
#include "route_table.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

// What a caller is inside one initiative, lowest first.
enum Standing { anonymous = 0, outsider, member, observer, animator, admin };

Standing parse_standing(const std::string& text) {
  if (text == "member") return member;
  if (text == "observer") return observer;
  if (text == "animator") return animator;
  return admin;
}

bool scoped(const std::string& pattern) {
  for (const char* prefix :
       {"/api/v1/initiatives/{id}", "/api/v1/surveys/{id}", "/api/v1/representatives/{id}"})
    if (pattern.rfind(prefix, 0) == 0) return true;
  return false;
}

// 0, or where a destructive route (erase, delete) comes among the last ones.
int destructive_rank(const RouteAccess& route) {
  static const std::pair<std::string, std::string> kLast[] = {
      {"DELETE", "/api/v1/initiatives/{id}/members/{member}"},
      {"POST", "/api/v1/representatives/{id}/erase"},
      {"DELETE", "/api/v1/representatives/{id}"},
      {"DELETE", "/api/v1/initiatives/{id}"}};
  for (std::size_t i = 0; i < std::size(kLast); ++i)
    if (kLast[i].first == route.method && kLast[i].second == route.pattern) return static_cast<int>(i) + 1;
  return 0;
}

// The scoped routes of route_table.hpp, destructive ones last so that the fixture holds for
// the others.
std::vector<RouteAccess> scoped_routes() {
  std::vector<RouteAccess> routes;
  for (const auto& route : kRouteTable)
    if (scoped(route.pattern)) routes.push_back(route);
  std::stable_sort(routes.begin(), routes.end(), [](const RouteAccess& a, const RouteAccess& b) {
    return destructive_rank(a) < destructive_rank(b);
  });
  return routes;
}

const std::vector<RouteAccess> kScoped = scoped_routes();

// One initiative of the fixture: its ids, and spare representatives the representative
// routes may edit, erase and delete (the member users' own links stay). The first caller
// allowed to erase or delete one does; an own one for DELETE keeps it from meeting an erased one.
struct Initiative {
  std::int64_t id = 0, member = 0, survey = 0, spare_representative = 0, doomed_representative = 0;
};

// The paths name real initiatives, surveys and representatives (the scope the check is about);
// sub-resources that mutating calls would change (topics, groups, members) do not exist, so
// passing the check shows as 404 (or 400 for the empty body) and the fixture stays.
std::string concrete(const RouteAccess& route, const Initiative& in) {
  const bool mutating = std::string(route.method) != "GET";
  std::string path = route.pattern;
  auto replace = [&](const std::string& name, const std::string& value) {
    for (auto at = path.find(name); at != std::string::npos; at = path.find(name))
      path.replace(at, name.size(), value);
  };
  replace("{member}", mutating ? "999999" : std::to_string(in.member));
  replace("{group}", "999999");
  replace("{topic}", "999999");
  const std::string target =
      path.rfind("/api/v1/surveys/", 0) == 0 ? std::to_string(in.survey)
      : path.rfind("/api/v1/representatives/", 0) == 0
          ? std::to_string(std::string(route.method) == "DELETE" ? in.doomed_representative
                                                                 : in.spare_representative)
          : std::to_string(in.id);
  replace("{id}", target);
  return path;
}

class RolesTest : public ::testing::TestWithParam<std::string> {
 protected:
  static std::int64_t user_id(Client& admin, const std::string& email) {
    const Response users = admin.get("/api/v1/users");
    for (const auto& u : users.body["items"])
      if (u["email"].get<std::string>() == email) return u["id"].get<std::int64_t>();
    ADD_FAILURE() << email << " is not listed: " << users.raw;
    return 0;
  }
  static Initiative make_initiative(Client& animator, const std::string& name,
                                    const std::string& member_email) {
    Initiative in;
    auto created =
        animator.post("/api/v1/initiatives", {{"name", name}, {"candidate_index", 0}, {"force", true}});
    EXPECT_EQ(created.status, 201) << created.raw;
    in.id = created.body["id"].get<std::int64_t>();
    auto members = animator.get("/api/v1/initiatives/" + std::to_string(in.id) + "/members");
    in.member = members.body["items"][0]["id"].get<std::int64_t>();
    const std::string reps = "/api/v1/initiatives/" + std::to_string(in.id) + "/members/" +
                             std::to_string(in.member) + "/representatives";
    EXPECT_EQ(animator.post(reps, {{"name", "R"}, {"email", member_email}}).status, 201);
    auto spare = animator.post(reps, {{"name", "Spare"}, {"email", "spare-" + name + "@example.org"}});
    in.spare_representative = spare.body["id"].get<std::int64_t>();
    auto doomed = animator.post(reps, {{"name", "Doomed"}, {"email", "doomed-" + name + "@example.org"}});
    in.doomed_representative = doomed.body["id"].get<std::int64_t>();
    auto survey = animator.post("/api/v1/initiatives/" + std::to_string(in.id) + "/surveys");
    EXPECT_EQ(survey.status, 201) << survey.raw;
    in.survey = survey.body["id"].get<std::int64_t>();
    return in;
  }
};

TEST_P(RolesTest, EveryScopedRouteTimesEveryCallerTimesTwoInitiatives) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  std::set<std::pair<std::string, std::string>> table, served;
  for (const auto& route : kScoped) table.insert({route.method, route.pattern});
  for (const auto& r : harness.server().routes())
    if (scoped(r.pattern)) served.insert({r.method, r.pattern});
  for (const auto& [method, pattern] : served)
    EXPECT_TRUE(table.count({method, pattern}))
        << method << " " << pattern << ": add it to kRouteTable (route_table.hpp)";
  for (const auto& [method, pattern] : table)
    EXPECT_TRUE(served.count({method, pattern})) << method << " " << pattern << " is not served";

  auto root = harness.client("admin");
  auto global_animator = harness.client("animator");
  const Initiative a = make_initiative(*global_animator, "A", "member-a@test.fr");
  const Initiative b = make_initiative(*global_animator, "B", "member-b@test.fr");
  for (const char* name : {"animator-a", "observer-a", "member-a", "member-b"})
    harness.add_user(name, "member");
  for (const auto& [email, role] :
       {std::pair{"animator-a@test.fr", "animator"}, {"observer-a@test.fr", "observer"}}) {
    auto granted = root->patch("/api/v1/users/" + std::to_string(user_id(*root, email)),
                               {{"initiative_roles", {{{"initiative_id", a.id}, {"role", role}}}}});
    ASSERT_EQ(granted.status, 200) << granted.raw;
  }

  // Who each caller is in A and in B.
  struct Caller {
    std::string name;
    std::unique_ptr<Client> client;
    Standing in_a, in_b;
  };
  std::vector<Caller> callers;
  auto login = [&](const std::string& email) {
    auto c = std::make_unique<Client>(harness.port());
    EXPECT_EQ(c->login(email, kPassword).status, 200) << email;
    return c;
  };
  // Least privileged first: the destructive routes at the end of the table then act last.
  callers.push_back({"anonymous", std::make_unique<Client>(harness.port()), anonymous, anonymous});
  callers.push_back({"member of a firm in B", login("member-b@test.fr"), outsider, member});
  callers.push_back({"member of a firm in A", login("member-a@test.fr"), member, outsider});
  callers.push_back({"observer of A", login("observer-a@test.fr"), observer, outsider});
  callers.push_back({"animator of A", login("animator-a@test.fr"), animator, outsider});
  callers.push_back({"global observer", login("observer@test.fr"), observer, observer});
  callers.push_back({"global animator", login("animator@test.fr"), animator, animator});
  callers.push_back({"admin", login("admin@test.fr"), admin, admin});

  int checked = 0;
  for (const auto& route : kScoped) {
    for (const Initiative* in : {&a, &b}) {
      const std::string path = concrete(route, *in);
      for (auto& caller : callers) {
        const Standing standing = in == &a ? caller.in_a : caller.in_b;
        Response r =
            caller.client->request(route.method, path, std::string(route.method) == "GET" ? "" : "{}");
        const std::string where = std::string(route.method) + " " + path + " as " + caller.name;
        const bool allowed =
            standing >= parse_standing(route.minimum) && !(route.observer_refused && standing == observer);
        if (allowed) {
          EXPECT_NE(r.status, 401) << where << ": " << r.raw;
          EXPECT_NE(r.status, 403) << where << ": " << r.raw;
          EXPECT_GT(r.status, 0) << where;
          EXPECT_LT(r.status, 500) << where << ": " << r.raw;
        } else if (standing == anonymous) {
          EXPECT_EQ(r.status, 401) << where << ": " << r.raw;
        } else {
          EXPECT_EQ(r.status, 403) << where << ": " << r.raw;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(kScoped.size() * 2 * callers.size()));
}

TEST_P(RolesTest, ListsShowOnlyPermittedInitiativesAndGrantsAreValidated) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto admin = harness.client("admin");
  auto global_animator = harness.client("animator");
  const Initiative a = make_initiative(*global_animator, "A", "member-a@test.fr");
  const Initiative b = make_initiative(*global_animator, "B", "member-b@test.fr");
  const Initiative c = make_initiative(*global_animator, "C", "member-c@test.fr");
  harness.add_user("staff", "member");
  const std::string user = "/api/v1/users/" + std::to_string(user_id(*admin, "staff@test.fr"));

  // Refused grants name what is wrong and change nothing.
  auto code = [&](const json& roles) {
    return admin->patch(user, {{"initiative_roles", roles}}).body["error"]["code"];
  };
  EXPECT_EQ(code({{{"initiative_id", a.id}, {"role", "admin"}}}), "invalid_role");
  EXPECT_EQ(code({{{"initiative_id", a.id}, {"role", "member"}}}), "invalid_role");
  EXPECT_EQ(code({{{"initiative_id", 999999}, {"role", "animator"}}}), "not_found");
  EXPECT_EQ(code({{{"initiative_id", a.id}, {"role", "animator"}},
                  {{"initiative_id", a.id}, {"role", "observer"}}}),
            "duplicate_initiative");
  EXPECT_EQ(code("animator"), "invalid");
  const json second_entry_lacks_id = {{{"initiative_id", a.id}, {"role", "animator"}},
                                      {{"role", "observer"}}};
  EXPECT_NE(admin->patch(user, {{"initiative_roles", second_entry_lacks_id}})
                .body["error"]["message"]
                .get<std::string>()
                .find("initiative_roles[1]"),
            std::string::npos);
  EXPECT_EQ(admin->get(user.substr(0, user.rfind('/'))).body["items"].back()["initiative_roles"],
            json::array());

  auto granted = admin->patch(
      user,
      {{"initiative_roles",
        {{{"initiative_id", a.id}, {"role", "animator"}}, {{"initiative_id", c.id}, {"role", "observer"}}}}});
  ASSERT_EQ(granted.status, 200) << granted.raw;
  EXPECT_EQ(granted.body["role"], "member");
  EXPECT_EQ(granted.body["initiative_roles"].size(), 2u);

  Client staff(harness.port());
  auto session = staff.login("staff@test.fr", kPassword);
  ASSERT_EQ(session.status, 200);
  EXPECT_EQ(staff.get("/api/v1/session").body["user"]["initiative_roles"], granted.body["initiative_roles"]);
  auto ids = [&](Client& client) {
    std::vector<std::int64_t> out;
    const Response list = client.get("/api/v1/initiatives");
    for (const auto& item : list.body["items"]) out.push_back(item["id"]);
    return out;
  };
  EXPECT_EQ(ids(staff), (std::vector<std::int64_t>{a.id, c.id}));
  EXPECT_EQ(ids(*global_animator), (std::vector<std::int64_t>{a.id, b.id, c.id}));

  // The animator of A reads A's free text, not B's; as observer of C it sees no texts there.
  ASSERT_EQ(global_animator
                ->post("/api/v1/initiatives/" + std::to_string(b.id) + "/needs",
                       {{"text", "Secret de B"}, {"member_id", b.member}})
                .status,
            201);
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(b.id) + "/needs").status, 403);
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(b.id) + "/exports/needs.csv").status, 403);
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(a.id) + "/exports/needs.csv").status, 200);
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(c.id) + "/exports/needs.csv").status, 403);
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(c.id) + "/exports/topics.csv").status, 200);
  EXPECT_EQ(staff.get("/api/v1/candidates").status, 403);  // scans and maps stay with global staff
  EXPECT_EQ(staff.post("/api/v1/initiatives", {{"name", "D"}}).status, 403);

  // Deleting an initiative drops the grants on it; the others and the global role stay.
  ASSERT_EQ(admin->del("/api/v1/initiatives/" + std::to_string(c.id)).status, 204);
  auto after = admin->get(user.substr(0, user.rfind('/'))).body["items"].back();
  EXPECT_EQ(after["role"], "member");
  EXPECT_EQ(after["initiative_roles"], (json{{{"initiative_id", a.id}, {"role", "animator"}}}));
  EXPECT_EQ(ids(staff), (std::vector<std::int64_t>{a.id}));

  // An empty list takes every grant back: a global role stays possible alongside.
  ASSERT_EQ(admin->patch(user, {{"initiative_roles", json::array()}, {"role", "observer"}}).status, 200);
  EXPECT_EQ(ids(staff), (std::vector<std::int64_t>{a.id, b.id}));
  EXPECT_EQ(staff.get("/api/v1/initiatives/" + std::to_string(a.id) + "/exports/needs.csv").status, 403);
}

GRAPPE_ON_EVERY_STORE(RolesTest);

}  // namespace
}  // namespace grappe::test
