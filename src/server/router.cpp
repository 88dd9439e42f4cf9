#include "router.hpp"

#include <sodium.h>

#include <cstdio>

#include "grappe/workspace/errors.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

std::string cookie_value(const Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(at, end - at);
    std::size_t first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

int rank(Access access) { return static_cast<int>(access); }
Access access_of(workspace::Role role) {
  switch (role) {
    case workspace::Role::admin: return Access::admin;
    case workspace::Role::animator: return Access::animator;
    case workspace::Role::observer: return Access::observer;
    case workspace::Role::member: return Access::member;
  }
  return Access::member;
}

// A password that was generated or given by someone else opens a session that can only
// replace it (or read who is logged in, or log out).
bool allowed_before_password_change(const Request& req) {
  if (req.path == "/api/v1/session") return req.method == "GET" || req.method == "DELETE";
  return req.path == "/api/v1/session/password" && req.method == "PUT";
}

// Nesting deeper than this is refused before parsing. nlohmann's parser copes with any depth,
// but copying, comparing or dumping a parsed document recurses, so a 150,000-deep body would
// overflow a server thread's stack. No request document needs more than a few levels.
constexpr int kMaxJsonDepth = 64;

// True when `text` opens more than `limit` arrays/objects at once (brackets inside strings,
// escaped quotes included, do not count). Linear, no allocation.
bool nested_deeper_than(const std::string& text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::string to_regex(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::size_t close = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, close - i - 1);
      out += (name == "token" || name == "siret") ? "([^/]+)" : "(\\d+)";
      i = close;
    } else if (pattern[i] == '.') {
      out += "\\.";
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace

std::string to_string(Access access) {
  switch (access) {
    case Access::anonymous: return "anonymous";
    case Access::token: return "token";
    case Access::member: return "member";
    case Access::observer: return "observer";
    case Access::animator: return "animator";
    case Access::admin: return "admin";
  }
  return "?";
}

std::string session_cookie_name() { return "grappe_session"; }

Scope scope_of(const std::string& pattern) {
  const auto names = [&](const std::string& prefix) {
    return pattern.rfind(prefix, 0) == 0 &&
           (pattern.size() == prefix.size() || pattern[prefix.size()] == '/');
  };
  if (names("/api/v1/initiatives/{id}")) return Scope::initiative;
  if (names("/api/v1/surveys/{id}")) return Scope::survey;
  if (names("/api/v1/representatives/{id}")) return Scope::representative;
  return Scope::none;
}

void Router::resolve_role(Context& ctx, Scope scope) const {
  const workspace::User& user = ctx.session->user;
  ctx.role = user.role;
  // Only a user with roles on chosen initiatives needs to know which one this is.
  if (scope == Scope::none || user.initiative_roles.empty()) return;
  const std::string text = ctx.req.matches[1].str();
  if (text.empty() || text.size() > 15) return;  // the handler answers 404
  const std::int64_t id = std::stoll(text);
  ctx.initiative = scope == Scope::initiative
                       ? std::optional(id)
                       : accounts_.initiative_of(scope == Scope::survey ? "survey" : "representative", id);
  if (ctx.initiative) ctx.role = user.role_on(*ctx.initiative);
}

std::int64_t Context::id(std::size_t i) const {
  std::string text = req.matches[i].str();
  if (text.empty() || text.size() > 15) workspace::fail_not_found("'" + text.substr(0, 20) + "'");
  return std::stoll(text);
}

json Context::body() const {
  if (req.body.empty()) workspace::fail_invalid("the request needs a JSON body", "missing_body");
  std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    throw Error(ErrorKind::input, "unsupported_media_type", "the body must be sent as application/json");
  if (nested_deeper_than(req.body, kMaxJsonDepth))
    workspace::fail_invalid(
        "the body nests arrays or objects more than " + std::to_string(kMaxJsonDepth) + " levels deep",
        "too_deep");
  try {
    return json::parse(req.body);
  } catch (const json::out_of_range&) {
    workspace::fail_invalid("a number in the body is too large", "out_of_range");
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    bool utf8 = what.find("UTF-8") != std::string::npos || what.find("utf-8") != std::string::npos;
    workspace::fail_invalid(utf8 ? "the body is not valid UTF-8" : "the body is not valid JSON (byte " +
                                                                       std::to_string(e.byte) + ")",
                            utf8 ? "invalid_utf8" : "malformed_json");
  }
}

std::string Context::query(const std::string& name, const std::string& fallback) const {
  return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : fallback;
}

std::int64_t Context::query_integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                                    std::int64_t max) const {
  std::string text = query(name);
  if (text.empty()) return fallback;
  if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    workspace::fail_invalid("query parameter '" + name + "' must be a whole number");
  std::int64_t v = std::stoll(text);
  if (v < min || v > max)
    workspace::fail_invalid("query parameter '" + name + "' must be from " + std::to_string(min) + " to " +
                                std::to_string(max), "out_of_range");
  return v;
}

bool Context::at_least(Access access) const { return session && rank(access_of(role)) >= rank(access); }

bool Context::behind_tls() const {
  const std::string& peer = req.remote_addr;
  bool loopback = peer.rfind("127.", 0) == 0 || peer == "::1";
  return loopback && req.get_header_value("X-Forwarded-Proto") == "https";
}

void Router::add(const std::string& method, const std::string& pattern, Access access, Handler handler) {
  routes_.push_back({method, pattern, access});
  table_.push_back({method, pattern.substr(0, pattern.find('{')), std::regex(to_regex(pattern)), access,
                    scope_of(pattern), std::move(handler)});
}

bool Router::dispatch(Request& req, Response& res) const {
  std::string method = req.method == "HEAD" ? "GET" : req.method;
  for (const Route& route : table_) {
    if (route.method != method || req.path.compare(0, route.prefix.size(), route.prefix) != 0) continue;
    if (!std::regex_match(req.path, req.matches, route.regex)) continue;
    handle(req, res, route.access, route.scope, route.handler);
    return true;
  }
  return false;
}

void Router::handle(const Request& req, Response& res, Access access, Scope scope,
                    const Handler& handler) const {
  res.set_header("Cache-Control", "no-store");
  try {
    Context ctx{req, res, std::nullopt, workspace::Actor{std::nullopt, req.remote_addr}};
    if (access != Access::anonymous && access != Access::token) {
      std::string token = cookie_value(req, session_cookie_name());
      if (!token.empty()) ctx.session = accounts_.session(token);
      if (!ctx.session)
        throw Error(ErrorKind::unauthorized, "unauthenticated", "log in first (no valid session)");
      ctx.actor = workspace::Actor{ctx.session->user.id, ctx.session->user.email};
      resolve_role(ctx, scope);
      if (!ctx.at_least(access))
        throw Error(ErrorKind::forbidden, "forbidden", "this needs the " + to_string(access) + " role");
      if (req.method != "GET" && req.method != "HEAD") {
        std::string csrf = req.get_header_value("X-CSRF-Token");
        const std::string& expected = ctx.session->csrf_token;
        if (csrf.size() != expected.size() || sodium_memcmp(csrf.data(), expected.data(), csrf.size()) != 0)
          throw Error(ErrorKind::forbidden, "csrf", "missing or wrong X-CSRF-Token header");
      }
      if (ctx.session->user.must_change_password && !allowed_before_password_change(req))
        throw Error(ErrorKind::forbidden, "password_change_required",
                    "choose a new password first (PUT /api/v1/session/password)");
    }
    Reply reply = handler(ctx);
    res.status = reply.status;
    if (!reply.content_type.empty()) {
      if (!reply.filename.empty())
        res.set_header("Content-Disposition", "attachment; filename=\"" + reply.filename + "\"");
      res.set_content(reply.raw, reply.content_type);
    } else if (reply.status != 204) {
      res.set_content(reply.body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
    }
  } catch (const workspace::ConstraintError& e) {  // its message is the database's: not for clients
    send_error(res, 409, "conflict", "this conflicts with existing data");
  } catch (const Error& e) {  // every kind: an untranslated InputError is a 400, not a 500
    const int status = http_status(e.kind());
    if (status >= 500)
      std::fprintf(stderr, "grappe serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    send_error(res, status, status >= 500 ? "internal" : e.code(),
               status >= 500 ? "the server failed to handle this request" : e.what());
  } catch (const json::exception& e) {
    send_error(res, 400, "invalid", std::string("bad JSON value: ") + e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grappe serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    send_error(res, 500, "internal", "the server failed to handle this request");
  }
}

}  // namespace grappe::server
