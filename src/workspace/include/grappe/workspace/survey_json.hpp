#pragma once
// The JSON of a survey's answers ({"interest": "very", "needs": ["digital"], "score": 4,
// "known_members": [12, 15]}) and of a question's choices ([{"value", "fr", "en"}]): how they
// are stored (responses.answers, questions.options) and how the API reads and writes them.
// Answer values are read by their JSON type; validate_answers judges them.
#include <nlohmann/json.hpp>

#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {

nlohmann::json answers_json(const Answers& answers);
// Throws Error (input) unless `answers` is an object.
Answers answers_from_json(const nlohmann::json& answers);

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Choice, value, fr, en)

}  // namespace grappe::workspace
