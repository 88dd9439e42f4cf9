// Referrals, departures, indicators, reminders and CSV exports.
#include <map>
#include <sstream>

#include "grappe/animation/exports.hpp"
#include "grappe/animation/reminders.hpp"
#include "grappe/workspace/input.hpp"
#include "store_internal.hpp"

namespace grappe::animation {

namespace {

Date date_or(const std::string& text, Date fallback) {
  if (text.empty()) return fallback;
  return parse_date(text);
}

}  // namespace

json AnimationStore::referrals(std::int64_t initiative) {
  json out;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto history = load_history(tx, initiative);
    out["items"] = history.referrals;
    out["total"] = history.referrals.size();
    out["summary"] = summarise_referrals(history);
  });
  return out;
}

json AnimationStore::add_referral(const Caller& caller, std::int64_t initiative, const json& body) {
  input::object(body);
  json out;
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    Referral referral{acting_member_in(tx, initiative, body, "referrer_id", caller),
                      input::required_text(body, "referred"), date_in(body),
                      optional_member_in(tx, initiative, body, "joined_member_id")};
    tx.execute(
        "INSERT INTO animation_referrals (initiative_id, referrer_id, referred, date, joined_member_id, "
        "created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {initiative, std::stoll(referral.referrer), referral.referred, format_date(referral.date),
         referral.joined_as ? workspace::Value(std::stoll(*referral.joined_as)) : workspace::Value(nullptr),
         workspace::now_iso8601()});
    workspace::audit(tx, caller.actor, "referral.add", "initiative:" + std::to_string(initiative),
                     referral.referred);
    out = referral;
  });
  return out;
}

json AnimationStore::add_departure(const Caller& caller, std::int64_t initiative, const json& body) {
  require_animator(caller);
  input::object(body);
  json out;
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto member = member_in(tx, initiative, body, "member_id");
    const Date day = date_in(body);
    tx.execute(
        "INSERT INTO animation_departures (initiative_id, member_id, date, reason, created_at) VALUES (?, ?, "
        "?, ?, ?)",
        {initiative, std::stoll(member), format_date(day),
         input::text(body, "reason", input::kLongText).value_or(""), workspace::now_iso8601()});
    workspace::audit(tx, caller.actor, "member.leave", "member:" + member);
    out = {{"member_id", std::stoll(member)}, {"date", format_date(day)}};
  });
  return out;
}

json AnimationStore::indicators(std::int64_t initiative, const std::string& from_text,
                                const std::string& to_text) {
  json out;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto history = load_history(tx, initiative);
    const Date to = date_or(to_text, today());
    Date first = to;
    for (const auto& m : history.memberships) first = std::min(first, m.joined);
    const Date from = date_or(from_text, first);
    if (to < from)
      workspace::fail_invalid("'to' (" + format_date(to) + ") is before 'from' (" + format_date(from) + ")");
    if (days_between(from, to) > 366 * 30)
      workspace::fail_invalid("the period is longer than 30 years", "out_of_range");
    auto dates = month_ends(from, to);
    dates.back() = std::min(dates.back(), to);  // the last point is the day asked, not a future month end
    const auto series = indicators_over_time(history, dates);
    out["series"] = indicators_json(series);
    out["latest"] = series.back();
    out["autonomy_index"] = series.back().autonomy_index ? json(*series.back().autonomy_index) : json();
    out["member_led_topics_per_year"] = member_led_topics_per_year(history.topics, to);
    out["referrals"] = summarise_referrals(history);
    out["firms"] = firm_centralities(history, to);
  });
  return out;
}

json AnimationStore::network(std::int64_t initiative, const std::string& date_text) {
  json out;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto history = load_history(tx, initiative);
    const Date day = date_or(date_text, today());
    std::map<std::string, std::string> names;
    for (const auto& row : tx.query("SELECT id, name FROM members WHERE initiative_id = ?", {initiative}))
      names[std::to_string(row.integer("id"))] = row.text("name");
    const auto edges = cooperation_edges(history, day);
    const Graph graph = cooperation_network(history, day);
    const auto cores = core_numbers(graph);
    const auto betweenness = betweenness_centrality(graph);
    json nodes = json::array();
    for (std::size_t v = 0; v < graph.node_count(); ++v) {
      const std::string& firm = graph.nodes()[v];
      nodes.push_back({{"id", firm},
                       {"name", names.count(firm) ? names[firm] : firm},
                       {"core", cores[v]},
                       {"degree", graph.neighbours(v).size()},
                       {"betweenness", betweenness[v]}});
    }
    json links = json::array();
    for (const auto& e : edges)
      links.push_back({{"source", e.firm_a}, {"target", e.firm_b}, {"kind", e.kind}});
    const auto core = main_core(cores);
    out = {{"date", format_date(day)},
           {"nodes", std::move(nodes)},
           {"edges", std::move(links)},
           {"density", density(graph)},
           {"main_core", {{"k", core.k}, {"size", core.size}}}};
  });
  return out;
}

json AnimationStore::reminders(const Caller& caller, std::int64_t initiative, const std::string& today_text,
                               std::int64_t idle_days, std::int64_t member_id) {
  json out;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto topics = load_topics(tx, initiative);
    const Date day = date_or(today_text, today());
    out["stale_topics"] = stale_topics(topics, day, static_cast<int>(idle_days));
    out["overdue_actions"] = overdue_actions(topics, day);
    const json named = member_id > 0 ? json{{"member_id", member_id}} : json::object();
    if (caller.member_role)  // refused unless the caller represents a firm of this initiative
      out["open_polls"] =
          open_polls_for_member(topics, acting_member_in(tx, initiative, named, "member_id", caller), day);
    else if (member_id > 0)
      out["open_polls"] = open_polls_for_member(topics, member_in(tx, initiative, named, "member_id"), day);
  });
  return out;
}

std::string AnimationStore::export_csv(std::int64_t initiative, const std::string& what) {
  std::ostringstream csv;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    if (what == "needs" || what == "collective-needs") {
      const auto corpus = analyse_needs(load_needs(tx, initiative));
      const auto grouping = load_grouping(tx, initiative).value_or(Grouping{});
      if (what == "needs")
        write_needs_csv(csv, corpus, grouping);
      else
        write_collective_needs_csv(csv, grouping);
    } else if (what == "topics") {
      write_topics_csv(csv, load_topics(tx, initiative));
    } else if (what == "actions") {
      write_actions_csv(csv, load_topics(tx, initiative));
    } else if (what == "indicators") {
      const auto history = load_history(tx, initiative);
      Date first = today();
      for (const auto& m : history.memberships) first = std::min(first, m.joined);
      write_indicators_csv(csv, indicators_over_time(history, month_ends(first, today())));
    } else {
      workspace::fail_not_found("export '" + what + "'");
    }
  });
  return csv.str();
}

}  // namespace grappe::animation
