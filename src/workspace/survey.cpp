// Survey administration: create, edit, open/close, invitations and mail-merge.
#include "grappe/common/csv.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/survey_json.hpp"
#include "survey_internal.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

const char* kSurveyColumns =
    "s.id, c.initiative_id, s.component_id, s.title_fr, s.title_en, s.intro_fr, s.intro_en, s.status, s.anonymous, "
    "s.anonymised, s.opened_at, s.closed_at, s.created_at";

Survey survey_from(const Row& row) {
  return {.id = row.integer("id"),
          .initiative_id = row.integer("initiative_id"),
          .component_id = row.integer("component_id"),
          .title_fr = row.text("title_fr"),
          .title_en = row.text("title_en"),
          .intro_fr = row.text("intro_fr"),
          .intro_en = row.text("intro_en"),
          .status = row.text("status"),
          .anonymous = row.integer("anonymous") != 0,
          .anonymised = row.integer("anonymised") != 0,
          .opened_at = row.text("opened_at"),
          .closed_at = row.text("closed_at"),
          .created_at = row.text("created_at")};
}

Row load_survey(Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string("SELECT ") + kSurveyColumns +
                              " FROM surveys s JOIN components c ON c.id = s.component_id WHERE s.id = ?", {id});
  if (!row) fail_not_found("survey " + std::to_string(id));
  return *row;
}

// A question's choices are stored as a JSON array (empty for other kinds), its scale bounds
// as numbers (null for other kinds).
void insert_questions(Transaction& tx, std::int64_t survey_id, const std::vector<Question>& questions) {
  std::int64_t position = 0;
  for (const Question& q : questions) {
    bool scale = q.kind == QuestionKind::scale;
    bool choices = q.kind == QuestionKind::single || q.kind == QuestionKind::multiple;
    tx.execute(
        "INSERT INTO questions (survey_id, position, key, kind, text_fr, text_en, options, scale_min, "
        "scale_max, required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {survey_id, ++position, q.key, kind_name(q.kind), q.fr, q.en,
         json(choices ? q.options : std::vector<Choice>{}).dump(), scale ? Value(q.min) : Value(nullptr),
         scale ? Value(q.max) : Value(nullptr), std::int64_t{q.required}});
  }
}

std::vector<Invitation> load_invitations(Transaction& tx, std::int64_t survey_id) {
  load_survey(tx, survey_id);
  std::vector<Invitation> out;
  for (const Row& r : tx.query(
           "SELECT i.id, i.token, i.member_id, i.representative_id, i.invited_at, i.reminded_at, "
           "i.responded_at, m.name AS firm, m.siret, r.name, r.email, r.language FROM invitations i LEFT "
           "JOIN members m ON m.id = i.member_id LEFT JOIN representatives r ON r.id = i.representative_id "
           "WHERE i.survey_id = ? ORDER BY i.id",
           {survey_id}))
    out.push_back({.id = r.integer("id"),
                   .member_id = r.integer("member_id"),
                   .representative_id = r.is_null("representative_id")
                                            ? std::nullopt
                                            : std::optional(r.integer("representative_id")),
                   .token = r.text("token"),
                   .firm = r.text("firm"),
                   .siret = r.text("siret"),
                   .name = r.text("name"),
                   .email = r.text("email"),
                   .language = r.optional_text("language").value_or("fr"),
                   .invited_at = r.text("invited_at"),
                   .reminded_at = r.text("reminded_at"),
                   .responded_at = r.text("responded_at")});
  return out;
}

std::string invitation_link(const std::string& base_url, const std::string& token) {
  return base_url + "/survey/" + token;
}

}  // namespace

Question question_of(const Row& q) {
  Question question{.key = q.text("key"),
                    .fr = q.text("text_fr"),
                    .en = q.text("text_en"),
                    .required = q.integer("required") != 0};
  question.kind = question_kind(q.text("kind")).value_or(QuestionKind::text);
  question.options = json::parse(q.text("options")).get<std::vector<Choice>>();
  if (!q.is_null("scale_min")) question.min = q.integer("scale_min");
  if (!q.is_null("scale_max")) question.max = q.integer("scale_max");
  return question;
}

std::vector<Question> load_questions(Transaction& tx, std::int64_t survey_id) {
  static const std::string sql =
      "SELECT " + question_columns + " FROM questions q WHERE q.survey_id = ? ORDER BY q.position";
  return map_rows(tx.query(sql, {survey_id}), question_of);
}

Survey Surveys::create(const Actor& actor, std::int64_t initiative_id, const NewSurvey& request) {
  check_questions(request.questions);
  const auto id = db_.write([&](Transaction& tx) {
    std::int64_t component = Initiatives::add_component(tx, initiative_id, "survey", request.title_en);
    auto id = tx.insert(
        "INSERT INTO surveys (component_id, title_fr, title_en, intro_fr, intro_en, anonymous, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {component, request.title_fr, request.title_en, request.intro_fr, request.intro_en,
         std::int64_t{request.anonymous}, now_iso8601()});
    insert_questions(tx, id, request.questions);
    audit(tx, actor, "survey.create", "survey:" + std::to_string(id), "initiative:" + std::to_string(initiative_id));
    return id;
  });
  return get(id);
}

std::vector<Survey> Surveys::list(std::int64_t initiative_id) {
  return db_.read([&](Transaction& tx) {
    Initiatives::require_initiative(tx, initiative_id);
    return map_rows(tx.query(std::string("SELECT ") + kSurveyColumns +
                                 " FROM surveys s JOIN components c ON c.id = s.component_id "
                                 "WHERE c.initiative_id = ? ORDER BY s.id",
                             {initiative_id}),
                    survey_from);
  });
}

Survey Surveys::get(std::int64_t survey_id) {
  return db_.read([&](Transaction& tx) {
    Survey out = survey_from(load_survey(tx, survey_id));
    out.questions = load_questions(tx, survey_id);
    auto counts = tx.query_one("SELECT COUNT(*) AS invited, COUNT(responded_at) AS responded FROM invitations "
                               "WHERE survey_id = ?", {survey_id});
    out.invited = counts->integer("invited");
    out.responded = counts->integer("responded");
    return out;
  });
}

Survey Surveys::update(const Actor& actor, std::int64_t survey_id, const SurveyPatch& patch) {
  db_.write([&](Transaction& tx) {
    Row survey = load_survey(tx, survey_id);
    if (patch.anonymous && survey.text("status") != "draft")
      fail_conflict("the anonymous mode can only change before the survey opens", "survey_not_draft");
    for (const auto& [column, value] : {std::pair{"title_fr", &patch.title_fr},
                                        {"title_en", &patch.title_en},
                                        {"intro_fr", &patch.intro_fr},
                                        {"intro_en", &patch.intro_en}})
      if (*value)
        tx.execute(std::string("UPDATE surveys SET ") + column + " = ? WHERE id = ?", {**value, survey_id});
    if (patch.anonymous)
      tx.execute("UPDATE surveys SET anonymous = ? WHERE id = ?",
                 {std::int64_t{*patch.anonymous}, survey_id});
    audit(tx, actor, "survey.update", "survey:" + std::to_string(survey_id));
  });
  return get(survey_id);
}

Survey Surveys::set_questions(const Actor& actor, std::int64_t survey_id,
                              const std::vector<Question>& questions) {
  check_questions(questions);
  db_.write([&](Transaction& tx) {
    load_survey(tx, survey_id);
    if (tx.query_one("SELECT id FROM responses WHERE survey_id = ? LIMIT 1", {survey_id}))
      fail_conflict("the questions cannot change once responses have arrived", "survey_has_responses");
    tx.execute("DELETE FROM questions WHERE survey_id = ?", {survey_id});
    insert_questions(tx, survey_id, questions);
    audit(tx, actor, "survey.questions", "survey:" + std::to_string(survey_id),
          std::to_string(questions.size()));
  });
  return get(survey_id);
}

Survey Surveys::set_status(const Actor& actor, std::int64_t survey_id, const std::string& status) {
  if (status != "open" && status != "closed") fail_invalid("'status' must be open or closed");
  db_.write([&](Transaction& tx) {
    Row survey = load_survey(tx, survey_id);
    if (survey.integer("anonymised")) fail_conflict("an anonymised survey cannot reopen", "survey_anonymised");
    if (status == "open")
      tx.execute("UPDATE surveys SET status = 'open', opened_at = COALESCE(opened_at, ?), closed_at = NULL WHERE id = ?",
                 {now_iso8601(), survey_id});
    else
      tx.execute("UPDATE surveys SET status = 'closed', closed_at = ? WHERE id = ?", {now_iso8601(), survey_id});
    audit(tx, actor, "survey." + status, "survey:" + std::to_string(survey_id));
  });
  return get(survey_id);
}

std::vector<Invitation> Surveys::create_invitations(const Actor& actor, std::int64_t survey_id) {
  db_.write([&](Transaction& tx) {
    std::int64_t initiative = load_survey(tx, survey_id).integer("initiative_id");
    std::int64_t created = 0;
    auto add = [&](std::int64_t member, const Value& representative) {
      tx.execute("INSERT INTO invitations (survey_id, token, member_id, representative_id, created_at) "
                 "VALUES (?, ?, ?, ?, ?)", {survey_id, random_token(16), member, representative, now_iso8601()});
      ++created;
    };
    for (const Row& r : tx.query(
             "SELECT r.id, r.member_id FROM representatives r JOIN members m ON m.id = r.member_id WHERE "
             "m.initiative_id = ? AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ? AND "
             "i.representative_id = r.id)", {initiative, survey_id}))
      add(r.integer("member_id"), r.integer("id"));
    // Firms without a representative get one link for the firm (sent by phone or post).
    for (const Row& m : tx.query(
             "SELECT m.id FROM members m WHERE m.initiative_id = ? AND NOT EXISTS (SELECT 1 FROM representatives r "
             "WHERE r.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ? AND "
             "i.member_id = m.id)", {initiative, survey_id}))
      add(m.integer("id"), nullptr);
    audit(tx, actor, "survey.invitations", "survey:" + std::to_string(survey_id), std::to_string(created) + " created");
  });
  return invitations(survey_id);
}

std::vector<Invitation> Surveys::invitations(std::int64_t survey_id) {
  return db_.read([&](Transaction& tx) { return load_invitations(tx, survey_id); });
}

std::string Surveys::mail_merge_csv(const Actor& actor, std::int64_t survey_id, const std::string& base_url,
                                    bool pending_only, const std::string& mark) {
  if (!mark.empty() && mark != "invited" && mark != "reminded") fail_invalid("'mark' must be invited or reminded");
  std::string csv = "email,name,firm,siret,language,link,status,invited_at,reminded_at\r\n";
  auto write = [&](Transaction& tx) {
    for (const Invitation& i : load_invitations(tx, survey_id)) {
      bool responded = !i.responded_at.empty();
      if (pending_only && responded) continue;
      csv += csv_field(i.email) + "," + csv_field(i.name) + "," + csv_field(i.firm) + "," +
             csv_field(i.siret) + "," + i.language + "," + csv_field(invitation_link(base_url, i.token)) +
             "," + (responded ? "responded" : "pending") + "," + i.invited_at + "," + i.reminded_at + "\r\n";
      if (!mark.empty())
        tx.execute(mark == "invited" ? "UPDATE invitations SET invited_at = ? WHERE id = ?"
                                     : "UPDATE invitations SET reminded_at = ? WHERE id = ?",
                   {now_iso8601(), i.id});
    }
    if (!mark.empty()) audit(tx, actor, "survey.mail_merge", "survey:" + std::to_string(survey_id), mark);
  };
  if (mark.empty()) db_.read(write);
  else db_.write(write);
  return csv;
}

}  // namespace grappe::workspace
