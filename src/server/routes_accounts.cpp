// Health, login/logout, users (admin), audit log, scan candidates and firm lookup.
#include "grappe/common/paths.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/migrations.hpp"
#include "initiatives_json.hpp"
#include "input.hpp"
#include "server_impl.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

std::string session_cookie(const Context& ctx, const std::string& token, int max_age) {
  return session_cookie_name() + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (ctx.behind_tls() ? "; Secure" : "");
}

json candidate_summary(const Candidate& c, std::size_t index) {
  return {{"index", index},
          {"id", c.id},
          {"rank", c.rank},
          {"score", c.score},
          {"p_value", c.p_value},
          {"codes", c.codes},
          {"center", {{"lon", c.lon}, {"lat", c.lat}}},
          {"radius_m", c.radius_m},
          {"trade", c.trade},
          {"trade_name", c.trade_name},
          {"member_count", c.members.size()}};
}

// [{"initiative_id": 3, "role": "animator"}, …] (400 naming the entry).
std::vector<workspace::InitiativeRole> initiative_roles_from(const json& list) {
  if (!list.is_array())
    workspace::fail_invalid("'initiative_roles' must be a list of {\"initiative_id\": …, \"role\": …}");
  if (list.size() > 1000) workspace::fail_invalid("'initiative_roles' lists more than 1000 initiatives");
  std::vector<workspace::InitiativeRole> roles;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "initiative_roles[" + std::to_string(i) + "]";
    const auto& entry = input::object(list[i], where);
    auto initiative = input::integer(entry, "initiative_id", 1, INT64_MAX / 2);
    if (!initiative) workspace::fail_invalid(where + ": 'initiative_id' is required", "missing_field");
    auto role = workspace::parse_role(input::required_text(entry, "role", 20));
    if (!role || (*role != workspace::Role::observer && *role != workspace::Role::animator))
      workspace::fail_invalid(
          where + ": 'role' must be observer or animator (admin and member are global only)", "invalid_role");
    roles.push_back({*initiative, *role});
  }
  return roles;
}

}  // namespace

json user_json(const workspace::User& user) {
  json scoped = json::array();
  for (const auto& granted : user.initiative_roles)
    scoped.push_back({{"initiative_id", granted.initiative_id}, {"role", to_string(granted.role)}});
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"role", to_string(user.role)},
          {"initiative_roles", scoped},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password}};
}

void add_account_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/health", Access::anonymous, [&s](Context&) -> Reply {
    return json{{"status", "ok"}, {"version", version_string()},
                {"store", s.db->dialect() == workspace::Dialect::sqlite ? "sqlite" : "postgresql"},
                {"schema_version", s.schema_version}, {"register", s.directory != nullptr}};
  });

  r.add("POST", "/api/v1/session", Access::anonymous, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    std::string email = input::required_text(body, "email", 254);
    std::string password = input::required_text(body, "password", 256);
    workspace::Session session = s.accounts->login(email, password, ctx.req.remote_addr);
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(workspace::Accounts::session_lifetime).count();
    ctx.res.set_header("Set-Cookie", session_cookie(ctx, session.token, static_cast<int>(seconds)));
    return json{{"user", user_json(session.user)}, {"csrf_token", session.csrf_token}};
  });
  r.add("GET", "/api/v1/session", Access::member, [](Context& ctx) -> Reply {
    return json{{"user", user_json(ctx.session->user)}, {"csrf_token", ctx.session->csrf_token}};
  });
  r.add("DELETE", "/api/v1/session", Access::member, [&s](Context& ctx) -> Reply {
    s.accounts->logout(ctx.session->token);
    ctx.res.set_header("Set-Cookie", session_cookie(ctx, "", 0));
    return Reply(204, nullptr);
  });
  r.add("PUT", "/api/v1/session/password", Access::member, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    s.accounts->change_password(ctx.actor, ctx.session->user.id, input::required_text(body, "current", 256),
                                input::required_text(body, "password", 256), ctx.session->token);
    return json{{"changed", true}};
  });

  r.add("GET", "/api/v1/users", Access::admin, [&s](Context&) -> Reply {
    json items = json::array();
    for (const auto& u : s.accounts->users()) items.push_back(user_json(u));
    return json{{"items", items}, {"total", items.size()}};
  });
  r.add("POST", "/api/v1/users", Access::admin, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    std::string email = input::email(body, "email", true);
    auto role = workspace::parse_role(input::required_text(body, "role", 20));
    if (!role) workspace::fail_invalid("'role' must be admin, animator, observer or member");
    auto password = input::text(body, "password", 256);
    std::string generated = password ? "" : workspace::random_token(12);
    // A password set by someone else is replaced at first login.
    auto user = s.accounts->create_user(ctx.actor, email, input::text(body, "name").value_or(""), *role,
                                        password ? *password : generated, true);
    json out = user_json(user);
    if (!generated.empty()) out["one_time_password"] = generated;
    return Reply(201, out);
  });
  r.add("PATCH", "/api/v1/users/{id}", Access::admin, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    // It used to answer 200 and change nothing: say so instead.
    if (body.contains("password"))
      workspace::fail_invalid(
          "'password' cannot be set here: the user changes it with PUT /api/v1/session/password",
          "read_only_field");
    std::optional<workspace::Role> role;
    if (auto text = input::text(body, "role", 20)) {
      role = workspace::parse_role(*text);
      if (!role) workspace::fail_invalid("'role' must be admin, animator, observer or member");
    }
    std::optional<std::vector<workspace::InitiativeRole>> scoped;
    if (body.contains("initiative_roles")) scoped = initiative_roles_from(body["initiative_roles"]);
    return user_json(s.accounts->update_user(ctx.actor, ctx.id(1), role, input::text(body, "name"),
                                             input::boolean(body, "disabled"), scoped));
  });

  r.add("GET", "/api/v1/audit", Access::admin, [&s](Context& ctx) -> Reply {
    std::int64_t offset = ctx.query_integer("offset", 0, 0, 1'000'000'000);
    std::int64_t limit = ctx.query_integer("limit", 100, 1, 1000);
    return s.db->read([&](workspace::Transaction& tx) {
      json items = json::array();
      for (const auto& row : tx.query("SELECT id, at, user_id, actor, action, target, detail FROM audit_log "
                                      "ORDER BY id DESC LIMIT ? OFFSET ?", {limit, offset}))
        items.push_back({{"id", row.integer("id")}, {"at", row.text("at")}, {"actor", row.text("actor")},
                         {"action", row.text("action")}, {"target", row.text("target")}, {"detail", row.text("detail")}});
      return json{{"items", items},
                  {"total", tx.query_one("SELECT COUNT(*) AS n FROM audit_log")->integer("n")},
                  {"offset", offset},
                  {"limit", limit}};
    });
  });

  r.add("GET", "/api/v1/candidates", Access::observer, [&s](Context&) -> Reply {
    json items = json::array();
    for (std::size_t i = 0; i < s.candidates.size(); ++i) items.push_back(candidate_summary(s.candidates[i], i));
    return json{{"items", items}, {"total", items.size()}};
  });
  r.add("GET", "/api/v1/candidates/{index}", Access::observer, [&s](Context& ctx) -> Reply {
    auto index = ctx.id(1);
    if (index >= static_cast<std::int64_t>(s.candidates.size())) workspace::fail_not_found("candidate " + std::to_string(index));
    return to_json(s.candidates[index]);
  });

  r.add("GET", "/api/v1/firms/{siret}", Access::observer, [&s](Context& ctx) -> Reply {
    std::string siret = input::siret(json(ctx.path_text(1)));
    if (!s.directory) workspace::fail_not_found("siret " + siret + " (the server has no register)");
    auto firm = s.directory->find(siret);
    if (!firm) workspace::fail_not_found("siret " + siret);
    return firm_json(*firm);
  });
}

}  // namespace grappe::server
