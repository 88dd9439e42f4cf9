#pragma once
// Shared by the survey's source files (not part of the public face).
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {
std::vector<Question> load_questions(Transaction& tx, std::int64_t survey_id);
}
