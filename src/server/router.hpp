#pragma once
// Internal: route registration with access control, CSRF, JSON parsing and error mapping.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "grappe/server/server.hpp"
#include "grappe/workspace/auth.hpp"
#include "http.hpp"

namespace grappe::server {

struct Reply {
  int status = 200;
  nlohmann::json body;
  std::string raw, content_type, filename;  // raw non-JSON payload (CSV)
  Reply(nlohmann::json j) : body(std::move(j)) {}  // NOLINT: a JSON value is a 200 reply
  Reply(int s, nlohmann::json j) : status(s), body(std::move(j)) {}
  static Reply file(std::string data, std::string type, std::string name) {
    Reply r(nullptr);
    r.raw = std::move(data);
    r.content_type = std::move(type);
    r.filename = std::move(name);
    return r;
  }
};

// What a route's first {id} names, so that a staff role granted on one initiative applies to
// the routes of that initiative only (its surveys and representatives included).
enum class Scope { none, initiative, survey, representative };
Scope scope_of(const std::string& pattern);

struct Context {
  const Request& req;
  Response& res;
  std::optional<workspace::Session> session;
  workspace::Actor actor;
  // The initiative the route acts on (when its path names one, directly or through a survey or
  // a representative) and the caller's role there: the global role, or the higher one granted
  // on that initiative. Handlers decide on `role`, never on session->user.role.
  std::optional<std::int64_t> initiative{};
  workspace::Role role = workspace::Role::member;

  // Path parameter i (1-based, as in the pattern) as a positive id; 404 when not one.
  std::int64_t id(std::size_t i) const;
  std::string path_text(std::size_t i) const { return req.matches[i].str(); }
  // Body parsed as JSON (400 malformed_json / 415 when not application/json).
  nlohmann::json body() const;
  std::string query(const std::string& name, const std::string& fallback = "") const;
  std::int64_t query_integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  bool at_least(Access access) const;
  // The client reached us over HTTPS through the shipped nginx (X-Forwarded-Proto from a
  // loopback peer): cookies then get the Secure attribute.
  bool behind_tls() const;
};

using Handler = std::function<Reply(Context&)>;

class Router {
 public:
  explicit Router(workspace::Accounts& accounts) : accounts_(accounts) {}
  // pattern uses {id}/{token} placeholders; converted to regex groups.
  void add(const std::string& method, const std::string& pattern, Access access, Handler handler);
  const std::vector<RouteInfo>& routes() const { return routes_; }
  // Runs the route matching the request (HEAD as GET); false when none does.
  bool dispatch(Request& req, Response& res) const;

 private:
  struct Route {
    std::string method;
    std::string prefix;  // the pattern's text before its first placeholder: a cheap first test
    std::regex regex;
    Access access;
    Scope scope;
    Handler handler;
  };
  void handle(const Request& req, Response& res, Access access, Scope scope, const Handler& handler) const;
  // Sets ctx.initiative and ctx.role for a logged-in caller.
  void resolve_role(Context& ctx, Scope scope) const;
  workspace::Accounts& accounts_;
  std::vector<RouteInfo> routes_;
  std::vector<Route> table_;
};

std::string session_cookie_name();

}  // namespace grappe::server
