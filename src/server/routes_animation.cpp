// Animation components of an initiative (docs/animation.md, "API"): need statements and
// collective needs, topics through three stages, referrals, departures, indicators,
// reminders and exports. The logic is in grappe_animation; the store in grappe_animation_store.
#include "grappe/workspace/errors.hpp"
#include "server_impl.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

animation::Caller reader(Context& ctx) {
  const bool member_role = ctx.session && ctx.session->user.role == workspace::Role::member;
  return {ctx.actor, ctx.at_least(Access::animator), member_role};
}

// Observers (sponsors) read only: a route open to members refuses their writes.
animation::Caller writer(Context& ctx) {
  if (ctx.session && ctx.session->user.role == workspace::Role::observer)
    throw workspace::WorkspaceError(workspace::ErrorKind::forbidden, "forbidden",
                                    "observers have read-only access");
  return reader(ctx);
}

// Statements are the firms' own words: observers (sponsors) see themes and groups, not the
// texts, as free-text survey answers are animator-only.
void without_texts(json& needs) {
  for (json& item : needs["items"]) item.erase("text");
  if (needs["grouping"].is_object())
    for (json& group : needs["grouping"]["groups"]) group.erase("sample_texts");
}

json optional_body(Context& ctx) { return ctx.req.body.empty() ? json::object() : ctx.body(); }

}  // namespace

void add_animation_routes(Router& r, ApiServer::Impl& s) {
  const std::string p = "/api/v1/initiatives/{id}";
  auto& a = *s.animation;
  r.add("GET", p + "/needs", Access::observer, [&a](Context& ctx) -> Reply {
    json out = a.needs(ctx.id(1));
    if (ctx.session && ctx.session->user.role == workspace::Role::observer) without_texts(out);
    return out;
  });
  r.add("POST", p + "/needs", Access::member,
        [&a](Context& ctx) -> Reply { return Reply(201, a.add_need(writer(ctx), ctx.id(1), ctx.body())); });
  r.add("POST", p + "/needs/import", Access::animator, [&a](Context& ctx) -> Reply {
    const json body = ctx.body();
    if (!body.is_object() || !body.contains("survey_id") || !body["survey_id"].is_number_integer())
      workspace::fail_invalid("survey_id is required", "missing_field");
    return a.import_survey(writer(ctx), ctx.id(1), body["survey_id"].get<std::int64_t>());
  });
  r.add("POST", p + "/needs/group", Access::animator,
        [&a](Context& ctx) -> Reply { return a.regroup(writer(ctx), ctx.id(1), optional_body(ctx)); });
  for (const std::string op : {"merge", "split", "rename", "move", "support"}) {
    r.add("POST", p + "/collective-needs/{group}/" + op, op == "support" ? Access::member : Access::animator,
          [&a, op](Context& ctx) -> Reply {
            return a.edit_group(writer(ctx), ctx.id(1), ctx.id(2), op, ctx.body());
          });
  }
  r.add("POST", p + "/collective-needs/{group}/topic", Access::member, [&a](Context& ctx) -> Reply {
    return Reply(201, a.topic_from_group(writer(ctx), ctx.id(1), ctx.id(2), optional_body(ctx)));
  });

  r.add("GET", p + "/topics", Access::observer, [&a](Context& ctx) -> Reply { return a.topics(ctx.id(1)); });
  r.add("POST", p + "/topics", Access::member, [&a](Context& ctx) -> Reply {
    return Reply(201, a.create_topic(writer(ctx), ctx.id(1), ctx.body()));
  });
  r.add("GET", p + "/topics/{topic}", Access::observer,
        [&a](Context& ctx) -> Reply { return a.topic(ctx.id(1), ctx.id(2)); });
  for (const auto& op : animation::AnimationStore::topic_operations()) {
    r.add("POST", p + "/topics/{topic}/" + op, Access::member, [&a, op](Context& ctx) -> Reply {
      return a.topic_operation(writer(ctx), ctx.id(1), ctx.id(2), op, optional_body(ctx));
    });
  }

  r.add("GET", p + "/referrals", Access::observer,
        [&a](Context& ctx) -> Reply { return a.referrals(ctx.id(1)); });
  r.add("POST", p + "/referrals", Access::member, [&a](Context& ctx) -> Reply {
    return Reply(201, a.add_referral(writer(ctx), ctx.id(1), ctx.body()));
  });
  r.add("POST", p + "/departures", Access::animator, [&a](Context& ctx) -> Reply {
    return Reply(201, a.add_departure(writer(ctx), ctx.id(1), ctx.body()));
  });

  r.add("GET", p + "/indicators", Access::observer,
        [&a](Context& ctx) -> Reply { return a.indicators(ctx.id(1), ctx.query("from"), ctx.query("to")); });
  r.add("GET", p + "/reminders", Access::member, [&a](Context& ctx) -> Reply {
    return a.reminders(reader(ctx), ctx.id(1), ctx.query("today"),
                       ctx.query_integer("idle_days", 30, 1, 3650),
                       ctx.query_integer("member_id", 0, 0, INT64_MAX / 2));
  });
  // Need statements are the firms' own words: animators only, as survey exports.
  for (const std::string what : {"needs", "collective-needs", "topics", "actions", "indicators"}) {
    const Access access = what == "needs" || what == "collective-needs" ? Access::animator : Access::observer;
    r.add("GET", p + "/exports/" + what + ".csv", access, [&a, what](Context& ctx) -> Reply {
      return Reply::file(a.export_csv(ctx.id(1), what), "text/csv; charset=utf-8",
                         "initiative-" + std::to_string(ctx.id(1)) + "-" + what + ".csv");
    });
  }
}

}  // namespace grappe::server
