#pragma once
// The launch survey, a component of an initiative (LimeSurvey-like): bilingual questions
// (single/multiple choice, scale, free text, firm picker), personal links with 128-bit tokens,
// one response per token editable until the survey closes, an anonymised mode, invitations and
// reminders as mail-merge CSV, response rate, aggregated results, CSV/JSON exports, GDPR.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "grappe/common/csv.hpp"
#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

// The default launch questionnaire (French and English), as the JSON array that
// Surveys::set_questions accepts.
const nlohmann::json& default_questions();

// Checks a questions array (kinds, keys, labels, options, scale bounds) and returns it
// normalised; throws Error (input) naming the question.
nlohmann::json validate_questions(const nlohmann::json& questions);

// Checks answers against questions; `is_member` says whether a firm picker may name a member
// id. Returns the normalised answers (unknown keys refused, required questions enforced).
nlohmann::json validate_answers(const nlohmann::json& questions, const nlohmann::json& answers,
                                const std::function<bool(std::int64_t)>& is_member);

class Surveys {
 public:
  explicit Surveys(Database& db) : db_(db) {}

  // body: {title_fr?, title_en?, intro_fr?, intro_en?, anonymous?, questions?}; default questions
  // when none are given.
  nlohmann::json create(const Actor& actor, std::int64_t initiative_id, const nlohmann::json& body);
  nlohmann::json list(std::int64_t initiative_id);
  nlohmann::json get(std::int64_t survey_id);
  nlohmann::json update(const Actor& actor, std::int64_t survey_id, const nlohmann::json& body);
  // Replaces the questions (refused once the survey has responses).
  nlohmann::json set_questions(const Actor& actor, std::int64_t survey_id, const nlohmann::json& questions);
  // status: "open" or "closed" (reopening a closed survey is allowed unless it was anonymised).
  nlohmann::json set_status(const Actor& actor, std::int64_t survey_id, const std::string& status);
  // One invitation (personal link) per representative, and per member firm without one;
  // existing invitations are kept. Returns the invitations.
  nlohmann::json create_invitations(const Actor& actor, std::int64_t survey_id);
  nlohmann::json invitations(std::int64_t survey_id);
  // Mail-merge CSV (email, name, firm, siret, language, link, status…). `pending_only` keeps
  // non-responders (reminders). `mark` ("invited", "reminded" or "") stamps the rows exported.
  std::string mail_merge_csv(const Actor& actor, std::int64_t survey_id, const std::string& base_url,
                             bool pending_only, const std::string& mark);

  // Public side, by token (no account).
  nlohmann::json form(const std::string& token);
  nlohmann::json submit(const std::string& token, const nlohmann::json& body);
  nlohmann::json token_data(const std::string& token);   // GDPR download
  void erase_by_token(const std::string& token);          // GDPR erasure

  nlohmann::json results(std::int64_t survey_id, bool include_texts);
  nlohmann::json export_json(std::int64_t survey_id);
  std::string export_csv(std::int64_t survey_id);
  // Unlinks every response from its invitation and firm (closed surveys only).
  nlohmann::json anonymise(const Actor& actor, std::int64_t survey_id);
  std::int64_t initiative_of(std::int64_t survey_id);

  // Components holding copies of answers (the animation store's imported needs) follow the
  // survey's privacy operations, in the same transaction.
  // An answer saved through a personal link of a survey that is not anonymous, as stored.
  struct SavedResponse {
    std::int64_t survey_id = 0, initiative_id = 0, response_id = 0, member_id = 0;
    std::string language{}, submitted_at{};
    nlohmann::json answers{};  // validated
  };
  struct Followers {
    std::function<void(Transaction&, std::int64_t survey_id, std::int64_t response_id)> response_erased{};
    std::function<void(Transaction&, std::int64_t survey_id)> anonymised{};
    // In the submission's transaction (one per submission): the answer's needs join the
    // initiative's statements with it.
    std::function<void(Transaction&, const SavedResponse&)> response_saved{};
  };
  void set_followers(Followers followers) { followers_ = std::move(followers); }

 private:
  Database& db_;
  Followers followers_;
};

using grappe::csv_field;  // the one CSV cell policy (grappe/common/csv.hpp)

}  // namespace grappe::workspace
