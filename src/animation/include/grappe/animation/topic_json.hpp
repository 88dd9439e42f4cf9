#pragma once
// JSON (de)serialisation of topics and their parts (nlohmann ADL). Enums are written as
// their names ("need", "in_progress", …); unknown names and missing fields are InputErrors.
// A storage serialisation: the workspace keeps each topic as one JSON document.
#include <nlohmann/json.hpp>

#include "grappe/animation/topic.hpp"

namespace grappe::animation {

void to_json(nlohmann::json& j, const Actor& actor);
void from_json(const nlohmann::json& j, Actor& actor);
void to_json(nlohmann::json& j, const Support& support);
void from_json(const nlohmann::json& j, Support& support);
void to_json(nlohmann::json& j, const SenseCheckResponse& response);
void from_json(const nlohmann::json& j, SenseCheckResponse& response);
void to_json(nlohmann::json& j, const OptInPoll& poll);
void from_json(const nlohmann::json& j, OptInPoll& poll);
void to_json(nlohmann::json& j, const Proposal& proposal);
void from_json(const nlohmann::json& j, Proposal& proposal);
void to_json(nlohmann::json& j, const Meeting& meeting);
void from_json(const nlohmann::json& j, Meeting& meeting);
void to_json(nlohmann::json& j, const ChosenMethod& method);
void from_json(const nlohmann::json& j, ChosenMethod& method);
void to_json(nlohmann::json& j, const Action& action);
void from_json(const nlohmann::json& j, Action& action);
void to_json(nlohmann::json& j, const StageChange& change);
void from_json(const nlohmann::json& j, StageChange& change);
void to_json(nlohmann::json& j, const LeaderChange& change);
void from_json(const nlohmann::json& j, LeaderChange& change);
void to_json(nlohmann::json& j, const Outcome& outcome);
void from_json(const nlohmann::json& j, Outcome& outcome);
// A whole topic; "leader" and "progress" are written for readers and ignored on reading.
void to_json(nlohmann::json& j, const Topic& topic);
void from_json(const nlohmann::json& j, Topic& topic);

}  // namespace grappe::animation
