#include "animation_json.hpp"

#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/errors.hpp"
#include "initiatives_json.hpp"
#include "input.hpp"

namespace grappe::animation {

using nlohmann::json;
using server::optional_json;

void to_json(json& j, const Referral& r) {
  j = {{"referrer", r.referrer},
       {"referred", r.referred},
       {"date", r.date},
       {"joined_as", optional_json(r.joined_as)}};
}

void to_json(json& j, const IndicatorPoint& p) {
  j = {{"date", p.date},
       {"members", p.members},
       {"joined", p.joined},
       {"left", p.left},
       {"retention", optional_json(p.retention)},
       {"ties", p.ties},
       {"density", p.density},
       {"mean_degree", p.mean_degree},
       {"main_core_k", p.main_core_k},
       {"main_core_size", p.main_core_size},
       {"max_betweenness", p.max_betweenness},
       {"active_topics", p.active_topics},
       {"topics_started_in_year", p.topics_started_in_year},
       {"member_led_topics_in_year", p.member_led_topics_in_year},
       {"autonomy_index", optional_json(p.autonomy_index)}};
}

void to_json(json& j, const FirmCentrality& c) {
  j = {{"firm", c.firm},
       {"degree", c.degree},
       {"degree_centrality", c.degree_centrality},
       {"betweenness", c.betweenness},
       {"core_number", c.core_number}};
}

void to_json(json& j, const ReferralSummary& s) {
  json arcs = json::array();
  for (const auto& [from, to] : s.arcs) arcs.push_back({{"from", from}, {"to", to}});
  j = {{"referrals", s.referrals},
       {"converted", s.converted},
       {"conversion_rate", optional_json(s.conversion_rate)},
       {"referrals_by_member", s.referrals_by_member},
       {"generation", s.generation},
       {"arcs", arcs}};
}

void to_json(json& j, const YearCount& c) {
  j = {{"year", c.year}, {"topics", c.topics}, {"member_led", c.member_led}};
}

void to_json(json& j, const StaleTopic& r) {
  j = {{"topic_id", r.topic_id},
       {"title", r.title},
       {"stage", stage_name(r.stage)},
       {"last_activity", r.last_activity},
       {"idle_days", r.idle_days}};
}

void to_json(json& j, const OverdueAction& r) {
  j = {{"topic_id", r.topic_id}, {"action_id", r.action_id}, {"title", r.title}, {"owner_firm", r.owner_firm},
       {"due", r.due},           {"days_late", r.days_late}};
}

void to_json(json& j, const OpenPoll& r) {
  j = {{"topic_id", r.topic_id},
       {"title", r.title},
       {"closes", optional_json(r.closes)},
       {"commitments", r.commitments},
       {"required", r.required}};
}

}  // namespace grappe::animation

namespace grappe::server {

using nlohmann::json;

animation::NeedRequest need_request_from(const json& body) {
  input::object(body);
  animation::NeedRequest r;
  r.member_id = input::integer(body, "member_id", 1, INT64_MAX);
  r.text = input::required_text(body, "text", input::kLongText);
  r.theme = input::text(body, "theme", 40).value_or("");
  if (auto language = input::text(body, "language", 10)) r.language = animation::parse_language(*language);
  return r;
}

std::optional<double> threshold_from(const json& body) {
  if (body.is_null()) return std::nullopt;
  return input::number(input::object(body), "threshold", 0.0, 1.0);
}

animation::GroupEdit group_edit_from(const std::string& op, const json& body) {
  input::object(body);
  animation::GroupEdit edit{.op = op};
  if (op == "support") {
    edit.member_id = input::integer(body, "member_id", 1, INT64_MAX);
  } else if (op == "merge") {
    const auto with = input::integer(body, "with", 1, INT32_MAX);
    if (!with)
      workspace::fail_invalid("with is required: the id of the collective need to merge in", "missing_field");
    edit.with = static_cast<int>(*with);
  } else if (op == "rename") {
    edit.name = input::required_text(body, "name");
  } else if (op == "move") {
    edit.need_id = input::required_text(body, "need_id");
  } else {
    if (!body.contains("need_ids") || !body["need_ids"].is_array())
      workspace::fail_invalid("need_ids must be a list of need statement ids", "invalid");
    edit.need_ids = body["need_ids"].get<std::vector<std::string>>();
  }
  return edit;
}

json grouping_json(const std::optional<animation::Grouping>& grouping) {
  if (!grouping) return nullptr;
  json out = *grouping;
  json candidates = json::array();
  for (const auto* group : grouping->candidates(2)) candidates.push_back(group->id);
  out["candidate_ids"] = candidates;
  return out;
}

json needs_json(const animation::Needs& needs) {
  return {{"items", needs.items}, {"total", needs.items.size()}, {"grouping", grouping_json(needs.grouping)}};
}

}  // namespace grappe::server
