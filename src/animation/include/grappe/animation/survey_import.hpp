#pragma once
// From survey answers to the animation's inputs: need statements (free-text answers split
// into one statement per line or item) and declared cooperation ties (firm-picker answers).
// Pure: the workspace reads the responses from its store and passes them here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/animation/growth.hpp"
#include "grappe/animation/needs.hpp"

namespace grappe::animation {

// One survey response of a firm: `answers` is the workspace's answers object
// ({"needs": ["digital", …], "needs_detail": "…", "known_members": [12, 15], …}).
struct SurveyAnswer {
  std::string response_id;
  std::string firm;  // member firm id
  std::optional<Language> language;
  nlohmann::json answers;
  Date date;
};

// Which questions hold what (defaults: the workspace's default launch questionnaire).
struct SurveyKeys {
  std::vector<std::string> need_texts{"needs_detail"};  // free-text questions describing needs
  std::string themes = "needs";                          // multiple choice of need themes
  std::string known_firms = "known_members";             // firm picker: firms already known or worked with
};

struct SurveyImport {
  std::vector<NeedStatement> needs;  // ids "<response_id>-<n>"
  std::vector<Tie> ties;             // one per (firm, known firm), source "survey"
};

// Splits a free-text answer into statements: one per line (a bullet "-", "*", "•" at the start
// of a line is dropped); pieces without two letters are dropped. A sentence is kept whole: ';'
// and commas join clauses of one need ("prices rose 30 %; group our orders").
std::vector<std::string> split_need_text(std::string_view text);

// A statement gets the response's theme when the firm chose exactly one theme; otherwise none.
// Answers that are missing or of another type are skipped, never an error (surveys change).
SurveyImport import_survey_answers(const std::vector<SurveyAnswer>& answers, const SurveyKeys& keys = {});

}  // namespace grappe::animation
