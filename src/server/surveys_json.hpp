#pragma once
// The JSON of surveys, questions, invitations, answers and results (docs/api.md): request
// bodies checked field by field into the survey service's structs (400 naming the field),
// results written back.
#include <nlohmann/json.hpp>

#include "grappe/workspace/survey.hpp"

namespace grappe::server {

// {title_fr?, title_en?, intro_fr?, intro_en?, anonymous?, questions?} (default questions
// when none are given).
workspace::NewSurvey new_survey_from(const nlohmann::json& body);
workspace::SurveyPatch survey_patch_from(const nlohmann::json& body);
// [{key, kind, fr, en, required?, options?: [{value, fr, en}], min?, max?}]
std::vector<workspace::Question> questions_from(const nlohmann::json& questions);
// {language?, answers: {key: value}}
workspace::Submission submission_from(const nlohmann::json& body);

// With its questions and response counts when `detailed`.
nlohmann::json survey_json(const workspace::Survey& survey, bool detailed = true);
nlohmann::json invitations_json(const std::vector<workspace::Invitation>& invitations);
nlohmann::json form_json(const workspace::Form& form);
nlohmann::json submitted_json(const workspace::Submitted& submitted);
nlohmann::json respondent_data_json(const workspace::RespondentData& data);
nlohmann::json results_json(const workspace::Results& results);
nlohmann::json export_json(const workspace::Export& exported);

}  // namespace grappe::server
