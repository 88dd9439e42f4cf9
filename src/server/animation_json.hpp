#pragma once
// The JSON of the animation API's needs, growth and reminders (docs/animation.md, "API"):
// request bodies checked field by field into the store's structs (400 naming the field),
// results written back as the web app reads them.
#include <nlohmann/json.hpp>

#include "grappe/animation/store.hpp"

namespace grappe::animation {

// Reply shapes (found by ADL: json(x)); only the API writes them.
void to_json(nlohmann::json& j, const Referral& r);
void to_json(nlohmann::json& j, const IndicatorPoint& p);
void to_json(nlohmann::json& j, const FirmCentrality& c);
void to_json(nlohmann::json& j, const ReferralSummary& s);
void to_json(nlohmann::json& j, const YearCount& c);
void to_json(nlohmann::json& j, const StaleTopic& r);
void to_json(nlohmann::json& j, const OverdueAction& r);
void to_json(nlohmann::json& j, const OpenPoll& r);

}  // namespace grappe::animation

namespace grappe::server {

// {member_id?, text, theme?, language?}
animation::NeedRequest need_request_from(const nlohmann::json& body);
// {threshold?} in [0, 1]; an empty or null body is none.
std::optional<double> threshold_from(const nlohmann::json& body);
// The fields `op` reads: merge {with}, split {need_ids}, rename {name}, move {need_id},
// support {member_id?}.
animation::GroupEdit group_edit_from(const std::string& op, const nlohmann::json& body);

// {groups, next_id, candidate_ids (the groups backed by at least two firms)}, null when none.
nlohmann::json grouping_json(const std::optional<animation::Grouping>& grouping);
// {items, total, grouping}
nlohmann::json needs_json(const animation::Needs& needs);

}  // namespace grappe::server
