// Animation components of an initiative (docs/animation.md, "API"): need statements and
// collective needs, topics through three stages, referrals, departures, indicators,
// reminders and exports. The logic is in grappe_animation; the store in grappe_animation_store.
#include <set>

#include "animation_json.hpp"
#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/input.hpp"
#include "server_impl.hpp"
#include "topics_json.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;
namespace input = workspace::input;

animation::Caller reader(Context& ctx) {
  const bool member_role = ctx.session && ctx.role == workspace::Role::member;
  return {ctx.actor, ctx.at_least(Access::animator), member_role};
}

// Observers (sponsors) read only: a route open to members refuses their writes. A member
// account that represents no firm of the initiative is refused (403) before the store looks
// the topic or group up, so a 404 tells outsiders nothing about another initiative.
animation::Caller writer(Context& ctx, animation::AnimationStore& store) {
  if (ctx.session && ctx.role == workspace::Role::observer)
    throw Error(ErrorKind::forbidden, "forbidden", "observers have read-only access");
  const animation::Caller caller = reader(ctx);
  if (caller.member_role) store.acting_firms(caller, ctx.id(1));
  return caller;
}

// Statements are the firms' own words: observers (sponsors) see themes and groups, not the
// texts, as free-text survey answers are animator-only.
void without_texts(json& needs) {
  for (json& item : needs["items"]) item.erase("text");
  if (needs["grouping"].is_object())
    for (json& group : needs["grouping"]["groups"]) group.erase("sample_texts");
}

// {"dates": [...], "members": [...], ..., "autonomy_index": [...]}: one array per indicator,
// aligned on "dates" (null where undefined), as chart libraries take series.
json series_json(const std::vector<animation::IndicatorPoint>& series) {
  json out = json::object();
  for (const json point : series)
    for (const auto& [key, value] : point.items()) out[key == "date" ? "dates" : key].push_back(value);
  return out;
}

json optional_body(Context& ctx) { return ctx.req.body.empty() ? json::object() : ctx.body(); }

// What a member user may read of the need statements: its own firms' words; of the other
// firms' statements only the grouping's names, terms and counts (no sample texts).
json member_view_of_needs(json needs, const std::vector<workspace::Member>& firms) {
  std::set<std::string> mine;
  for (const auto& f : firms) mine.insert(std::to_string(f.id));
  json items = json::array();
  for (auto& need : needs["items"])
    if (need.contains("firm") && mine.count(need["firm"].get<std::string>()))
      items.push_back(std::move(need));
  needs["total"] = items.size();
  needs["items"] = std::move(items);
  if (needs["grouping"].is_object())
    for (auto& group : needs["grouping"]["groups"]) group["sample_texts"] = json::array();
  return needs;
}

// Topics made from a collective need carry its sample statements as description: other
// firms' words, hidden from member users.
json member_view_of_topic(json topic) {
  if (topic.contains("collective_need_id") && !topic["collective_need_id"].is_null())
    topic["description"] = "";
  return topic;
}

}  // namespace

std::vector<workspace::Member> readable_initiative(Context& ctx, animation::AnimationStore& store,
                                                   std::int64_t initiative) {
  return store.acting_firms(reader(ctx), initiative);
}

std::optional<animation::Date> query_date(Context& ctx, const std::string& name) {
  const std::string text = ctx.query(name);
  return text.empty() ? std::nullopt : std::optional(animation::parse_date(text));
}

void add_animation_routes(Router& r, ApiServer::Impl& s) {
  const std::string p = "/api/v1/initiatives/{id}";
  auto& a = *s.animation;
  r.add("GET", p + "/me", Access::member, [&a](Context& ctx) -> Reply {
    json firms = json::array();
    for (const auto& m : readable_initiative(ctx, a, ctx.id(1)))
      firms.push_back({{"id", m.id}, {"name", m.firm.name}});
    return json{{"animator", ctx.at_least(Access::animator)}, {"firms", firms}};
  });
  r.add("GET", p + "/needs", Access::member, [&a](Context& ctx) -> Reply {
    const auto firms = readable_initiative(ctx, a, ctx.id(1));
    json needs = needs_json(a.needs(ctx.id(1)));
    if (ctx.role == workspace::Role::observer) without_texts(needs);
    return reader(ctx).member_role ? member_view_of_needs(std::move(needs), firms) : needs;
  });
  r.add("POST", p + "/needs", Access::member, [&a](Context& ctx) -> Reply {
    const auto caller = writer(ctx, a);
    return Reply(201, json(a.add_need(caller, ctx.id(1), need_request_from(ctx.body()))));
  });
  r.add("POST", p + "/needs/import", Access::animator, [&a](Context& ctx) -> Reply {
    const json body = ctx.body();
    if (!body.is_object() || !body.contains("survey_id") || !body["survey_id"].is_number_integer())
      workspace::fail_invalid("survey_id is required", "missing_field");
    const auto counts = a.import_survey(writer(ctx, a), ctx.id(1), body["survey_id"].get<std::int64_t>());
    return json{{"responses", counts.responses}, {"statements", counts.statements}, {"added", counts.added}};
  });
  r.add("POST", p + "/needs/group", Access::animator, [&a](Context& ctx) -> Reply {
    const auto caller = writer(ctx, a);
    return grouping_json(a.regroup(caller, ctx.id(1), threshold_from(optional_body(ctx))));
  });
  for (const std::string op : {"merge", "split", "rename", "move", "support"}) {
    r.add("POST", p + "/collective-needs/{group}/" + op, op == "support" ? Access::member : Access::animator,
          [&a, op](Context& ctx) -> Reply {
            const auto caller = writer(ctx, a);
            return grouping_json(a.edit_group(caller, ctx.id(1), ctx.id(2), group_edit_from(op, ctx.body())));
          });
  }
  r.add("POST", p + "/collective-needs/{group}/topic", Access::member, [&a](Context& ctx) -> Reply {
    const auto request = topic_request_from(optional_body(ctx));
    return Reply(201, json(a.topic_from_group(writer(ctx, a), ctx.id(1), ctx.id(2), request)));
  });

  r.add("GET", p + "/topics", Access::member, [&a](Context& ctx) -> Reply {
    readable_initiative(ctx, a, ctx.id(1));
    json topics = topics_json(a.topics(ctx.id(1)));
    if (reader(ctx).member_role)
      for (auto& topic : topics["items"]) topic = member_view_of_topic(std::move(topic));
    return topics;
  });
  r.add("POST", p + "/topics", Access::member, [&a](Context& ctx) -> Reply {
    const auto request = topic_request_from(ctx.body());
    return Reply(201, json(a.create_topic(writer(ctx, a), ctx.id(1), request)));
  });
  r.add("GET", p + "/topics/{topic}", Access::member, [&a](Context& ctx) -> Reply {
    readable_initiative(ctx, a, ctx.id(1));
    json topic = a.topic(ctx.id(1), ctx.id(2));
    return reader(ctx).member_role ? member_view_of_topic(std::move(topic)) : topic;
  });
  for (const auto& op : animation::AnimationStore::topic_operations()) {
    r.add("POST", p + "/topics/{topic}/" + op, Access::member, [&a, op](Context& ctx) -> Reply {
      const auto request = topic_request_from(optional_body(ctx));
      return json(a.topic_operation(writer(ctx, a), ctx.id(1), ctx.id(2), op, request));
    });
  }

  r.add("GET", p + "/referrals", Access::member, [&a](Context& ctx) -> Reply {
    readable_initiative(ctx, a, ctx.id(1));
    const auto history = a.history(ctx.id(1));
    return json{{"items", history.referrals},
                {"total", history.referrals.size()},
                {"summary", animation::summarise_referrals(history)}};
  });
  r.add("POST", p + "/referrals", Access::member, [&a](Context& ctx) -> Reply {
    const auto caller = writer(ctx, a);
    const json body = input::object(ctx.body());
    const animation::ReferralRequest request{input::integer(body, "referrer_id", 1, INT64_MAX),
                                             input::required_text(body, "referred"), date_from(body, "date"),
                                             input::integer(body, "joined_member_id", 1, INT64_MAX)};
    return Reply(201, json(a.add_referral(caller, ctx.id(1), request)));
  });
  r.add("POST", p + "/departures", Access::animator, [&a](Context& ctx) -> Reply {
    const auto caller = writer(ctx, a);
    const json body = input::object(ctx.body());
    const auto departure =
        a.add_departure(caller, ctx.id(1),
                        {input::integer(body, "member_id", 1, INT64_MAX), date_from(body, "date"),
                         input::text(body, "reason", input::kLongText).value_or("")});
    return Reply(201, json{{"member_id", *departure.member_id}, {"date", *departure.date}});
  });

  r.add("GET", p + "/indicators", Access::member, [&a](Context& ctx) -> Reply {
    readable_initiative(ctx, a, ctx.id(1));
    const auto indicators = a.indicators(ctx.id(1), query_date(ctx, "from"), query_date(ctx, "to"));
    const auto& latest = indicators.series.back();
    return json{{"series", series_json(indicators.series)},
                {"latest", latest},
                {"autonomy_index", latest.autonomy_index ? json(*latest.autonomy_index) : json()},
                {"member_led_topics_per_year", indicators.member_led_topics_per_year},
                {"referrals", indicators.referrals},
                {"firms", indicators.firms}};
  });
  r.add("GET", p + "/reminders", Access::member, [&a](Context& ctx) -> Reply {
    const auto member = ctx.query_integer("member_id", 0, 0, INT64_MAX / 2);
    const auto reminders = a.reminders(reader(ctx), ctx.id(1), query_date(ctx, "today"),
                                       static_cast<int>(ctx.query_integer("idle_days", 30, 1, 3650)),
                                       member > 0 ? std::optional(member) : std::nullopt);
    json out = {{"stale_topics", reminders.stale_topics}, {"overdue_actions", reminders.overdue_actions}};
    if (reminders.open_polls) out["open_polls"] = *reminders.open_polls;
    return out;
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
