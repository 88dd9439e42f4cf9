#pragma once
// The JSON of survey answers ({"interest": "very", "needs": ["digital"], "score": 4,
// "known_members": [12, 15]}): how a response is stored (responses.answers) and how the API
// reads and writes it. Values are read by their JSON type; validate_answers judges them.
#include <nlohmann/json.hpp>

#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {

nlohmann::json answers_json(const Answers& answers);
// Throws Error (input) unless `answers` is an object.
Answers answers_from_json(const nlohmann::json& answers);

}  // namespace grappe::workspace
