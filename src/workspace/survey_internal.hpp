#pragma once
// Shared by the survey's source files (not part of the public face).
#include <nlohmann/json.hpp>

#include "grappe/workspace/database.hpp"

namespace grappe::workspace {
nlohmann::json load_questions(Transaction& tx, std::int64_t survey_id);
}
