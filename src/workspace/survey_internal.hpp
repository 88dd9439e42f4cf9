#pragma once
// Shared by the survey's source files (not part of the public face).
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {
// The columns question_of() reads, of the questions table aliased q.
inline const std::string question_columns =
    "q.key, q.kind, q.text_fr, q.text_en, q.options, q.scale_min, q.scale_max, q.required";
Question question_of(const Row& row);
std::vector<Question> load_questions(Transaction& tx, std::int64_t survey_id);
}
