// JSON of referrals and of the indicators (for the API and dashboards).
#include "grappe/animation/growth.hpp"
#include "grappe/animation/topic_json.hpp"
#include "json_fields.hpp"

namespace grappe::animation {

using json_fields::optional_json;

void to_json(nlohmann::json& j, const Referral& r) {
  j = {{"referrer", r.referrer}, {"referred", r.referred}, {"date", r.date}, {"joined_as", optional_json(r.joined_as)}};
}

void to_json(nlohmann::json& j, const IndicatorPoint& p) {
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

void to_json(nlohmann::json& j, const FirmCentrality& c) {
  j = {{"firm", c.firm}, {"degree", c.degree}, {"degree_centrality", c.degree_centrality},
       {"betweenness", c.betweenness}, {"core_number", c.core_number}};
}

void to_json(nlohmann::json& j, const ReferralSummary& s) {
  nlohmann::json arcs = nlohmann::json::array();
  for (const auto& [from, to] : s.arcs) arcs.push_back({{"from", from}, {"to", to}});
  j = {{"referrals", s.referrals}, {"converted", s.converted}, {"conversion_rate", optional_json(s.conversion_rate)},
       {"referrals_by_member", s.referrals_by_member}, {"generation", s.generation}, {"arcs", arcs}};
}

void to_json(nlohmann::json& j, const YearCount& c) {
  j = {{"year", c.year}, {"topics", c.topics}, {"member_led", c.member_led}};
}

}  // namespace grappe::animation
