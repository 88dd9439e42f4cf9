#pragma once
// The launch survey, a component of an initiative (LimeSurvey-like): bilingual questions
// (single/multiple choice, scale, free text, firm picker), personal links with 128-bit tokens,
// one response per token editable until the survey closes, an anonymised mode, invitations and
// reminders as mail-merge CSV, response rate, aggregated results, CSV/JSON exports, GDPR.
// The service takes and returns these structs; the server reads and writes their JSON.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::workspace {

enum class QuestionKind { single, multiple, scale, text, firms };
inline constexpr const char* kQuestionKinds[] = {"single", "multiple", "scale", "text", "firms"};
inline const char* kind_name(QuestionKind kind) { return kQuestionKinds[static_cast<int>(kind)]; }
std::optional<QuestionKind> question_kind(const std::string& name);  // none for another name

struct Choice {
  std::string value{}, fr{}, en{};  // value: 1 to 40 of a-z, 0-9, _ and -
};

struct Question {
  std::string key{};  // 1 to 40 of a-z, 0-9, _ and -, unique in the survey
  QuestionKind kind = QuestionKind::text;
  std::string fr{}, en{};  // the question in French and English
  bool required = false;
  std::vector<Choice> options{};  // single and multiple: 1 to 50
  std::int64_t min = 1, max = 5;  // scale, from -100 to 100
};

// An answer as sent: a choice or a text, a scale point, choices, member ids (firm picker), none
// (null), or a value of another type (true, 2.5, [1, "a"], …) that validate_answers refuses
// with the message of the question's kind.
struct OtherValue {
  bool number = false, list = false;
  bool operator==(const OtherValue&) const = default;
};
using Answer = std::variant<std::monostate, std::string, std::int64_t, std::vector<std::string>,
                            std::vector<std::int64_t>, OtherValue>;
using Answers = std::map<std::string, Answer>;  // by question key

// The default launch questionnaire (French and English).
const std::vector<Question>& default_questions();

// Checks questions (keys, options, scale bounds; 1 to 100 of them); throws Error (input)
// naming the question as questions[i].
void check_questions(const std::vector<Question>& questions);

// Checks answers against questions; `is_member` says whether a firm picker may name a member
// id. Returns the normalised answers (unknown keys refused, required questions enforced, lists
// sorted without repeats, unanswered questions left out).
Answers validate_answers(const std::vector<Question>& questions, const Answers& answers,
                         const std::function<bool(std::int64_t)>& is_member);

struct Survey {
  std::int64_t id = 0, initiative_id = 0, component_id = 0;
  std::string title_fr{}, title_en{}, intro_fr{}, intro_en{};
  std::string status{};  // draft, open or closed
  bool anonymous = false, anonymised = false;
  std::string opened_at{}, closed_at{}, created_at{};  // empty when not yet
  // get() only:
  std::vector<Question> questions{};
  std::int64_t invited = 0, responded = 0;
};

struct NewSurvey {
  std::string title_fr = "Questionnaire de lancement", title_en = "Launch survey";
  std::string intro_fr{}, intro_en{};
  bool anonymous = false;
  std::vector<Question> questions = default_questions();
};

struct SurveyPatch {
  std::optional<std::string> title_fr{}, title_en{}, intro_fr{}, intro_en{};
  std::optional<bool> anonymous{};  // before the survey opens only
};

struct Invitation {
  std::int64_t id = 0, member_id = 0;
  std::optional<std::int64_t> representative_id{};  // none: the firm's own link
  std::string token{}, firm{}, siret{}, name{}, email{}, language{};
  std::string invited_at{}, reminded_at{}, responded_at{};  // empty when not yet
};

// A stored response; exports and anonymised surveys leave out what links it to its firm.
struct Response {
  std::int64_t id = 0;  // 0 once anonymised
  std::string submitted_at{}, updated_at{}, language{};
  std::string siret{}, firm{};  // empty when unlinked
  Answers answers{};
};

// The survey through a personal link.
struct Form {
  Survey survey{};  // title, intro, status and anonymous only
  std::vector<Question> questions{};
  std::vector<Member> firms{};  // the initiative's other members (id, name, commune, address)
  std::string firm{}, respondent{}, language{};
  bool responded = false, editable = false;
  std::optional<Response> response{};
};

struct Submission {
  std::string language = "fr";  // fr or en
  Answers answers{};
};

struct Submitted {
  std::string updated_at{};
  Answers answers{};  // as validated
  bool editable = false;
};

// What a personal link holds about its respondent (GDPR download).
struct RespondentData {
  std::optional<Representative> representative{};  // name, email, role, language, created_at
  std::optional<Firm> firm{};                      // siret, name, address, commune
  std::optional<Response> response{};
  bool anonymous_response = false;  // answered an anonymous survey: nothing links it back
};

struct QuestionResult {
  Question question{};
  std::int64_t answered = 0;
  std::map<std::string, std::int64_t> counts{};     // by choice, scale point or member id
  std::optional<double> mean{};                     // scale, when answered
  std::optional<std::vector<std::string>> texts{};  // text, when asked for
};

struct Results {
  std::int64_t survey_id = 0, invited = 0, responded = 0, responses = 0;
  std::vector<QuestionResult> questions{};
  std::map<std::int64_t, std::string> firm_names{};  // the initiative's members
};

struct Export {
  std::int64_t survey_id = 0;
  std::vector<Question> questions{};
  std::vector<Response> responses{};
};

class Surveys {
 public:
  explicit Surveys(Database& db) : db_(db) {}

  Survey create(const Actor& actor, std::int64_t initiative_id, const NewSurvey& request);
  std::vector<Survey> list(std::int64_t initiative_id);
  Survey get(std::int64_t survey_id);
  Survey update(const Actor& actor, std::int64_t survey_id, const SurveyPatch& patch);
  // Replaces the questions (refused once the survey has responses).
  Survey set_questions(const Actor& actor, std::int64_t survey_id, const std::vector<Question>& questions);
  // status: "open" or "closed" (reopening a closed survey is allowed unless it was anonymised).
  Survey set_status(const Actor& actor, std::int64_t survey_id, const std::string& status);
  // One invitation (personal link) per representative, and per member firm without one;
  // existing invitations are kept. Returns the invitations.
  std::vector<Invitation> create_invitations(const Actor& actor, std::int64_t survey_id);
  std::vector<Invitation> invitations(std::int64_t survey_id);
  // Mail-merge CSV (email, name, firm, siret, language, link, status…). `pending_only` keeps
  // non-responders (reminders). `mark` ("invited", "reminded" or "") stamps the rows exported.
  std::string mail_merge_csv(const Actor& actor, std::int64_t survey_id, const std::string& base_url,
                             bool pending_only, const std::string& mark);

  // Public side, by token (no account).
  Form form(const std::string& token);
  Submitted submit(const std::string& token, const Submission& submission);
  RespondentData token_data(const std::string& token);  // GDPR download
  void erase_by_token(const std::string& token);        // GDPR erasure

  Results results(std::int64_t survey_id, bool include_texts);
  Export export_responses(std::int64_t survey_id);
  std::string export_csv(std::int64_t survey_id);
  // Unlinks every response from its invitation and firm (closed surveys only); returns how
  // many were unlinked.
  std::int64_t anonymise(const Actor& actor, std::int64_t survey_id);

  // Components holding copies of answers (the animation store's imported needs) follow the
  // survey's privacy operations, in the same transaction.
  // An answer saved through a personal link of a survey that is not anonymous, as stored.
  struct SavedResponse {
    std::int64_t survey_id = 0, initiative_id = 0, response_id = 0, member_id = 0;
    std::string language{}, submitted_at{};
    Answers answers{};  // validated
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

}  // namespace grappe::workspace
