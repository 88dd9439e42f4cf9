// Initiatives, their components, member firms and representatives (with GDPR download/erase).
#include <algorithm>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/input.hpp"
#include "server_impl.hpp"

namespace grappe::server {

using nlohmann::json;
namespace input = workspace::input;

namespace {

// A second initiative on the same candidate is usually a mistake (a double click, a colleague
// already on it): 409 with the existing one unless the body says {"force": true}.
std::optional<Reply> second_initiative(ApiServer::Impl& s, const json& body) {
  if (!body.contains("candidate") || !body["candidate"].is_object() || input::boolean(body, "force").value_or(false))
    return std::nullopt;
  json existing = s.initiatives->find_by_candidate(body["candidate"]);
  if (existing.is_null()) return std::nullopt;
  return Reply(409, json{{"error",
                          {{"code", "candidate_taken"},
                           {"message", "initiative " + std::to_string(existing["id"].get<std::int64_t>()) + " (" +
                                           existing["name"].get<std::string>() +
                                           ") was already launched from this candidate: send force=true to "
                                           "launch another"},
                           {"existing", existing}}}});
}

}  // namespace

void add_initiative_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/initiatives", Access::member, [&s](Context& ctx) -> Reply {
    const auto offset = ctx.query_integer("offset", 0, 0, 1'000'000'000);
    const auto limit = ctx.query_integer("limit", 50, 1, 500);
    if (ctx.at_least(Access::observer)) return s.initiatives->list(offset, limit);
    // A member user sees the initiatives where it represents a firm or holds a staff role
    // (a handful).
    auto ids = s.animation->represented_initiatives(ctx.session->user.email);
    for (auto id : ctx.session->user.staff_initiatives()) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    json items = json::array();
    for (std::size_t i = static_cast<std::size_t>(offset); i < ids.size() && items.size() < static_cast<std::size_t>(limit); ++i)
      items.push_back(s.initiatives->get(ids[i]));
    return json{{"items", items}, {"total", ids.size()}, {"offset", offset}, {"limit", limit}};
  });
  r.add("POST", "/api/v1/initiatives", Access::animator, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    // A candidate of the scan the server was started with, by its index in the file.
    if (auto index = input::integer(body, "candidate_index", 0, 1'000'000)) {
      if (*index >= static_cast<std::int64_t>(s.candidates.size()))
        workspace::fail_not_found("candidate " + std::to_string(*index));
      body["candidate"] = to_json(s.candidates[*index]);
      body.erase("candidate_index");
    }
    if (auto existing = second_initiative(s, body)) return *existing;
    return Reply(201, s.initiatives->create(ctx.actor, body));
  });
  r.add("GET", "/api/v1/initiatives/{id}", Access::member, [&s](Context& ctx) -> Reply {
    readable_initiative(ctx, *s.animation, ctx.id(1));
    return s.initiatives->get(ctx.id(1));
  });
  r.add("PATCH", "/api/v1/initiatives/{id}", Access::animator,
        [&s](Context& ctx) -> Reply { return s.initiatives->update(ctx.actor, ctx.id(1), ctx.body()); });
  r.add("DELETE", "/api/v1/initiatives/{id}", Access::admin, [&s](Context& ctx) -> Reply {
    s.initiatives->remove(ctx.actor, ctx.id(1));
    return Reply(204, nullptr);
  });
  r.add("GET", "/api/v1/initiatives/{id}/components", Access::observer,
        [&s](Context& ctx) -> Reply { return s.initiatives->components(ctx.id(1)); });

  r.add("GET", "/api/v1/initiatives/{id}/members", Access::member, [&s](Context& ctx) -> Reply {
    readable_initiative(ctx, *s.animation, ctx.id(1));
    return s.initiatives->members(ctx.id(1));
  });
  r.add("POST", "/api/v1/initiatives/{id}/members", Access::animator, [&s](Context& ctx) -> Reply {
    return Reply(201, s.initiatives->add_member(ctx.actor, ctx.id(1), ctx.body()));
  });
  r.add("DELETE", "/api/v1/initiatives/{id}/members/{member}", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->remove_member(ctx.actor, ctx.id(1), ctx.id(2));
    return Reply(204, nullptr);
  });

  // Representatives are personal data: animators and admins only.
  r.add("GET", "/api/v1/initiatives/{id}/members/{member}/representatives", Access::animator,
        [&s](Context& ctx) -> Reply { return s.initiatives->representatives(ctx.id(1), ctx.id(2)); });
  r.add("POST", "/api/v1/initiatives/{id}/members/{member}/representatives", Access::animator,
        [&s](Context& ctx) -> Reply {
          return Reply(201, s.initiatives->add_representative(ctx.actor, ctx.id(1), ctx.id(2), ctx.body()));
        });
  r.add("PATCH", "/api/v1/representatives/{id}", Access::animator,
        [&s](Context& ctx) -> Reply { return s.initiatives->update_representative(ctx.actor, ctx.id(1), ctx.body()); });
  r.add("DELETE", "/api/v1/representatives/{id}", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->remove_representative(ctx.actor, ctx.id(1));
    return Reply(204, nullptr);
  });
  r.add("GET", "/api/v1/representatives/{id}/data", Access::animator,
        [&s](Context& ctx) -> Reply { return s.initiatives->representative_data(ctx.id(1)); });
  r.add("POST", "/api/v1/representatives/{id}/erase", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->erase_representative(ctx.actor, ctx.id(1));
    return json{{"erased", true}};
  });
}

}  // namespace grappe::server
