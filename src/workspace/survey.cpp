// Survey administration: create, edit, open/close, invitations and mail-merge.
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/input.hpp"
#include "grappe/workspace/survey.hpp"
#include "survey_internal.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

const char* kSurveyColumns =
    "s.id, c.initiative_id, s.component_id, s.title_fr, s.title_en, s.intro_fr, s.intro_en, s.status, s.anonymous, "
    "s.anonymised, s.opened_at, s.closed_at, s.created_at";

json survey_json(const Row& row) {
  return {{"id", row.integer("id")},
          {"initiative_id", row.integer("initiative_id")},
          {"component_id", row.integer("component_id")},
          {"title", {{"fr", row.text("title_fr")}, {"en", row.text("title_en")}}},
          {"intro", {{"fr", row.text("intro_fr")}, {"en", row.text("intro_en")}}},
          {"status", row.text("status")},
          {"anonymous", row.integer("anonymous") != 0},
          {"anonymised", row.integer("anonymised") != 0},
          {"opened_at", row.optional_text("opened_at").value_or("")},
          {"closed_at", row.optional_text("closed_at").value_or("")},
          {"created_at", row.text("created_at")}};
}

Row load_survey(Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string("SELECT ") + kSurveyColumns +
                              " FROM surveys s JOIN components c ON c.id = s.component_id WHERE s.id = ?", {id});
  if (!row) fail_not_found("survey " + std::to_string(id));
  return *row;
}

void insert_questions(Transaction& tx, std::int64_t survey_id, const json& questions) {
  std::int64_t position = 0;
  for (const json& q : questions)
    tx.execute("INSERT INTO questions (survey_id, position, key, kind, text_fr, text_en, options, scale_min, "
               "scale_max, required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {survey_id, ++position, q["key"].get<std::string>(), q["kind"].get<std::string>(),
                q["fr"].get<std::string>(), q["en"].get<std::string>(), q["options"].dump(),
                q.contains("min") ? Value(q["min"].get<std::int64_t>()) : Value(nullptr),
                q.contains("max") ? Value(q["max"].get<std::int64_t>()) : Value(nullptr),
                std::int64_t{q.value("required", false)}});
}

std::string invitation_link(const std::string& base_url, const std::string& token) {
  return base_url + "/survey/" + token;
}

}  // namespace

// Questions as stored, in the JSON shape validate_questions() produces.
json load_questions(Transaction& tx, std::int64_t survey_id) {
  json out = json::array();
  for (const Row& q : tx.query("SELECT key, kind, text_fr, text_en, options, scale_min, scale_max, required FROM "
                               "questions WHERE survey_id = ? ORDER BY position", {survey_id})) {
    json item = {{"key", q.text("key")}, {"kind", q.text("kind")}, {"fr", q.text("text_fr")},
                 {"en", q.text("text_en")}, {"required", q.integer("required") != 0},
                 {"options", json::parse(q.text("options"))}};
    if (!q.is_null("scale_min")) item["min"] = q.integer("scale_min");
    if (!q.is_null("scale_max")) item["max"] = q.integer("scale_max");
    out.push_back(item);
  }
  return out;
}

json Surveys::create(const Actor& actor, std::int64_t initiative_id, const json& body) {
  input::object(body);
  std::string title_fr = input::text(body, "title_fr").value_or("Questionnaire de lancement");
  std::string title_en = input::text(body, "title_en").value_or("Launch survey");
  std::string intro_fr = input::text(body, "intro_fr", input::kLongText).value_or("");
  std::string intro_en = input::text(body, "intro_en", input::kLongText).value_or("");
  bool anonymous = input::boolean(body, "anonymous").value_or(false);
  json questions = validate_questions(body.contains("questions") ? body["questions"] : default_questions());
  std::int64_t id = 0;
  db_.write([&](Transaction& tx) {
    std::int64_t component = Initiatives::add_component(tx, initiative_id, "survey", title_en);
    id = tx.insert("INSERT INTO surveys (component_id, title_fr, title_en, intro_fr, intro_en, anonymous, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {component, title_fr, title_en, intro_fr, intro_en, std::int64_t{anonymous}, now_iso8601()});
    insert_questions(tx, id, questions);
    audit(tx, actor, "survey.create", "survey:" + std::to_string(id), "initiative:" + std::to_string(initiative_id));
  });
  return get(id);
}

json Surveys::list(std::int64_t initiative_id) {
  json items = json::array();
  db_.read([&](Transaction& tx) {
    Initiatives::require_initiative(tx, initiative_id);
    for (const Row& row : tx.query(std::string("SELECT ") + kSurveyColumns +
                                       " FROM surveys s JOIN components c ON c.id = s.component_id "
                                       "WHERE c.initiative_id = ? ORDER BY s.id", {initiative_id}))
      items.push_back(survey_json(row));
  });
  return {{"items", items}, {"total", items.size()}};
}

json Surveys::get(std::int64_t survey_id) {
  json out;
  db_.read([&](Transaction& tx) {
    out = survey_json(load_survey(tx, survey_id));
    out["questions"] = load_questions(tx, survey_id);
    auto counts = tx.query_one("SELECT COUNT(*) AS invited, COUNT(responded_at) AS responded FROM invitations "
                               "WHERE survey_id = ?", {survey_id});
    out["invited"] = counts->integer("invited");
    out["responded"] = counts->integer("responded");
  });
  return out;
}

std::int64_t Surveys::initiative_of(std::int64_t survey_id) {
  std::int64_t id = 0;
  db_.read([&](Transaction& tx) { id = load_survey(tx, survey_id).integer("initiative_id"); });
  return id;
}

json Surveys::update(const Actor& actor, std::int64_t survey_id, const json& body) {
  input::object(body);
  auto title_fr = input::text(body, "title_fr"), title_en = input::text(body, "title_en");
  auto intro_fr = input::text(body, "intro_fr", input::kLongText), intro_en = input::text(body, "intro_en", input::kLongText);
  auto anonymous = input::boolean(body, "anonymous");
  db_.write([&](Transaction& tx) {
    Row survey = load_survey(tx, survey_id);
    if (anonymous && survey.text("status") != "draft")
      fail_conflict("the anonymous mode can only change before the survey opens", "survey_not_draft");
    if (title_fr) tx.execute("UPDATE surveys SET title_fr = ? WHERE id = ?", {*title_fr, survey_id});
    if (title_en) tx.execute("UPDATE surveys SET title_en = ? WHERE id = ?", {*title_en, survey_id});
    if (intro_fr) tx.execute("UPDATE surveys SET intro_fr = ? WHERE id = ?", {*intro_fr, survey_id});
    if (intro_en) tx.execute("UPDATE surveys SET intro_en = ? WHERE id = ?", {*intro_en, survey_id});
    if (anonymous) tx.execute("UPDATE surveys SET anonymous = ? WHERE id = ?", {std::int64_t{*anonymous}, survey_id});
    audit(tx, actor, "survey.update", "survey:" + std::to_string(survey_id));
  });
  return get(survey_id);
}

json Surveys::set_questions(const Actor& actor, std::int64_t survey_id, const json& questions) {
  json normal = validate_questions(questions);
  db_.write([&](Transaction& tx) {
    load_survey(tx, survey_id);
    if (tx.query_one("SELECT id FROM responses WHERE survey_id = ? LIMIT 1", {survey_id}))
      fail_conflict("the questions cannot change once responses have arrived", "survey_has_responses");
    tx.execute("DELETE FROM questions WHERE survey_id = ?", {survey_id});
    insert_questions(tx, survey_id, normal);
    audit(tx, actor, "survey.questions", "survey:" + std::to_string(survey_id), std::to_string(normal.size()));
  });
  return get(survey_id);
}

json Surveys::set_status(const Actor& actor, std::int64_t survey_id, const std::string& status) {
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

json Surveys::create_invitations(const Actor& actor, std::int64_t survey_id) {
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

json Surveys::invitations(std::int64_t survey_id) {
  json items = json::array();
  db_.read([&](Transaction& tx) {
    load_survey(tx, survey_id);
    for (const Row& r : tx.query(
             "SELECT i.id, i.token, i.member_id, i.representative_id, i.created_at, i.invited_at, i.reminded_at, "
             "i.responded_at, m.name AS firm, m.siret, r.name, r.email FROM invitations i LEFT JOIN members m ON "
             "m.id = i.member_id LEFT JOIN representatives r ON r.id = i.representative_id WHERE i.survey_id = ? "
             "ORDER BY i.id", {survey_id}))
      items.push_back({{"id", r.integer("id")}, {"token", r.text("token")}, {"member_id", r.integer("member_id")},
                       {"representative_id", r.is_null("representative_id") ? json(nullptr) : json(r.integer("representative_id"))},
                       {"firm", r.text("firm")}, {"siret", r.text("siret")}, {"name", r.text("name")},
                       {"email", r.text("email")}, {"invited_at", r.optional_text("invited_at").value_or("")},
                       {"reminded_at", r.optional_text("reminded_at").value_or("")},
                       {"responded_at", r.optional_text("responded_at").value_or("")}});
  });
  return {{"items", items}, {"total", items.size()}};
}

std::string Surveys::mail_merge_csv(const Actor& actor, std::int64_t survey_id, const std::string& base_url,
                                    bool pending_only, const std::string& mark) {
  if (!mark.empty() && mark != "invited" && mark != "reminded") fail_invalid("'mark' must be invited or reminded");
  std::string csv = "email,name,firm,siret,language,link,status,invited_at,reminded_at\r\n";
  auto write = [&](Transaction& tx) {
    Row survey = load_survey(tx, survey_id);
    for (const Row& r : tx.query(
             "SELECT i.id, i.token, i.invited_at, i.reminded_at, i.responded_at, m.name AS firm, m.siret, "
             "r.name, r.email, r.language FROM invitations i LEFT JOIN members m ON m.id = i.member_id LEFT JOIN "
             "representatives r ON r.id = i.representative_id WHERE i.survey_id = ? ORDER BY i.id", {survey_id})) {
      bool responded = !r.is_null("responded_at");
      if (pending_only && responded) continue;
      std::string language = r.optional_text("language").value_or("fr");
      csv += csv_field(r.text("email")) + "," + csv_field(r.text("name")) + "," + csv_field(r.text("firm")) + "," +
             csv_field(r.text("siret")) + "," + language + "," + csv_field(invitation_link(base_url, r.text("token"))) +
             "," + (responded ? "responded" : "pending") + "," + r.optional_text("invited_at").value_or("") + "," +
             r.optional_text("reminded_at").value_or("") + "\r\n";
      if (!mark.empty())
        tx.execute(mark == "invited" ? "UPDATE invitations SET invited_at = ? WHERE id = ?"
                                     : "UPDATE invitations SET reminded_at = ? WHERE id = ?",
                   {now_iso8601(), r.integer("id")});
    }
    if (!mark.empty()) audit(tx, actor, "survey.mail_merge", "survey:" + std::to_string(survey_id), mark);
  };
  if (mark.empty()) db_.read(write);
  else db_.write(write);
  return csv;
}

}  // namespace grappe::workspace
