// Initiatives, their components, member firms and representatives (with GDPR download/erase).
#include <algorithm>

#include "grappe/workspace/errors.hpp"
#include "initiatives_json.hpp"
#include "input.hpp"
#include "server_impl.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

// A second initiative on the same candidate is usually a mistake (a double click, a colleague
// already on it): 409 with the existing one unless the body says {"force": true}.
std::optional<Reply> second_initiative(ApiServer::Impl& s, const workspace::NewInitiative& request,
                                       const json& body) {
  if (!request.candidate || input::boolean(body, "force").value_or(false)) return std::nullopt;
  auto existing = s.initiatives->find_by_candidate(*request.candidate);
  if (!existing) return std::nullopt;
  return Reply(409, json{{"error",
                          {{"code", "candidate_taken"},
                           {"message", "initiative " + std::to_string(existing->id) + " (" + existing->name +
                                           ") was already launched from this candidate: send force=true to "
                                           "launch another"},
                           {"existing", initiative_json(*existing, false)}}}});
}

}  // namespace

void add_initiative_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/initiatives", Access::member, [&s](Context& ctx) -> Reply {
    const auto offset = ctx.query_integer("offset", 0, 0, 1'000'000'000);
    const auto limit = ctx.query_integer("limit", 50, 1, 500);
    if (ctx.at_least(Access::observer)) {
      auto page = s.initiatives->list(offset, limit);
      json items = json::array();
      for (const auto& i : page.items) items.push_back(initiative_json(i, false));
      return json{{"items", items}, {"total", page.total}, {"offset", offset}, {"limit", limit}};
    }
    // A member user sees the initiatives where it represents a firm or holds a staff role
    // (a handful).
    auto ids = s.animation->represented_initiatives(ctx.session->user.email);
    for (auto id : ctx.session->user.staff_initiatives()) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    json items = json::array();
    for (std::size_t i = static_cast<std::size_t>(offset); i < ids.size() && items.size() < static_cast<std::size_t>(limit); ++i)
      items.push_back(initiative_json(s.initiatives->get(ids[i])));
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
    const auto request = new_initiative_from(body);
    if (auto existing = second_initiative(s, request, body)) return *existing;
    return Reply(201, initiative_json(s.initiatives->create(ctx.actor, request)));
  });
  r.add("GET", "/api/v1/initiatives/{id}", Access::member, [&s](Context& ctx) -> Reply {
    readable_initiative(ctx, *s.animation, ctx.id(1));
    return initiative_json(s.initiatives->get(ctx.id(1)));
  });
  r.add("PATCH", "/api/v1/initiatives/{id}", Access::animator, [&s](Context& ctx) -> Reply {
    return initiative_json(s.initiatives->update(ctx.actor, ctx.id(1), initiative_patch_from(ctx.body())));
  });
  r.add("DELETE", "/api/v1/initiatives/{id}", Access::admin, [&s](Context& ctx) -> Reply {
    s.initiatives->remove(ctx.actor, ctx.id(1));
    return Reply(204, nullptr);
  });
  r.add("GET", "/api/v1/initiatives/{id}/components", Access::observer, [&s](Context& ctx) -> Reply {
    return items_json(s.initiatives->components(ctx.id(1)), component_json);
  });

  r.add("GET", "/api/v1/initiatives/{id}/members", Access::member, [&s](Context& ctx) -> Reply {
    readable_initiative(ctx, *s.animation, ctx.id(1));
    return items_json(s.initiatives->members(ctx.id(1)), member_json);
  });
  r.add("POST", "/api/v1/initiatives/{id}/members", Access::animator, [&s](Context& ctx) -> Reply {
    return Reply(201,
                 member_json(s.initiatives->add_member(ctx.actor, ctx.id(1), new_member_from(ctx.body()))));
  });
  r.add("DELETE", "/api/v1/initiatives/{id}/members/{member}", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->remove_member(ctx.actor, ctx.id(1), ctx.id(2));
    return Reply(204, nullptr);
  });

  // Representatives are personal data: animators and admins only.
  r.add("GET", "/api/v1/initiatives/{id}/members/{member}/representatives", Access::animator,
        [&s](Context& ctx) -> Reply {
          return items_json(s.initiatives->representatives(ctx.id(1), ctx.id(2)), representative_json);
        });
  r.add("POST", "/api/v1/initiatives/{id}/members/{member}/representatives", Access::animator,
        [&s](Context& ctx) -> Reply {
          const auto request = new_representative_from(ctx.body());
          return Reply(201, representative_json(
                                s.initiatives->add_representative(ctx.actor, ctx.id(1), ctx.id(2), request)));
        });
  r.add("PATCH", "/api/v1/representatives/{id}", Access::animator, [&s](Context& ctx) -> Reply {
    const auto patch = representative_patch_from(ctx.body());
    return representative_json(s.initiatives->update_representative(ctx.actor, ctx.id(1), patch));
  });
  r.add("DELETE", "/api/v1/representatives/{id}", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->remove_representative(ctx.actor, ctx.id(1));
    return Reply(204, nullptr);
  });
  r.add("GET", "/api/v1/representatives/{id}/data", Access::animator, [&s](Context& ctx) -> Reply {
    return representative_data_json(s.initiatives->representative_data(ctx.id(1)));
  });
  r.add("POST", "/api/v1/representatives/{id}/erase", Access::animator, [&s](Context& ctx) -> Reply {
    s.initiatives->erase_representative(ctx.actor, ctx.id(1));
    return json{{"erased", true}};
  });
}

}  // namespace grappe::server
