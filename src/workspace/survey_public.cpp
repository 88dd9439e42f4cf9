// The survey seen through a personal link: the token is the credential (no account, no cookie).
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey.hpp"
#include "grappe/workspace/survey_json.hpp"
#include "survey_internal.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

struct Link {
  std::int64_t id = 0, survey_id = 0, member_id = 0, initiative_id = 0;
  std::optional<std::int64_t> representative_id;
  std::string status;
  bool anonymous = false, responded = false;
};

bool plausible_token(const std::string& token) {
  if (token.size() != 32) return false;
  for (char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

const std::string link_columns =
    "i.id, i.survey_id, i.member_id, i.representative_id, i.responded_at, s.status, s.anonymous, "
    "c.initiative_id";
const std::string link_tables =
    "invitations i JOIN surveys s ON s.id = i.survey_id JOIN components c ON c.id = s.component_id";

Link link_of(const Row& row) {
  Link inv;
  inv.id = row.integer("id");
  inv.survey_id = row.integer("survey_id");
  inv.member_id = row.integer("member_id");
  if (!row.is_null("representative_id")) inv.representative_id = row.integer("representative_id");
  inv.initiative_id = row.integer("initiative_id");
  inv.status = row.text("status");
  inv.anonymous = row.integer("anonymous") != 0;
  inv.responded = !row.is_null("responded_at");
  return inv;
}

Link find_invitation(Transaction& tx, const std::string& token) {
  if (!plausible_token(token)) fail_not_found("this survey link");
  static const std::string sql = "SELECT " + link_columns + " FROM " + link_tables + " WHERE i.token = ?";
  auto row = tx.query_one(sql, {token});
  if (!row) fail_not_found("this survey link");
  return link_of(*row);
}

// What a submission reads, in one query (each is a round trip to PostgreSQL): the link and
// its survey's state and questions (one row each). The stored answer is not read here: joining
// `responses` too cost PostgreSQL more CPU than the round trip it saved (bench/server/RESULTS.md).
struct LinkToAnswer {
  Link link;
  std::vector<Question> questions{};
};

LinkToAnswer find_link_to_answer(Transaction& tx, const std::string& token) {
  if (!plausible_token(token)) fail_not_found("this survey link");
  static const std::string sql =
      "SELECT " + link_columns + ", " + question_columns + " FROM " + link_tables +
      " LEFT JOIN questions q ON q.survey_id = i.survey_id WHERE i.token = ? ORDER BY "
      "q.position";
  const Rows rows = tx.query(sql, {token});
  if (rows.empty()) fail_not_found("this survey link");
  LinkToAnswer out{.link = link_of(rows.front())};
  for (const Row& row : rows)
    if (!row.is_null("key")) out.questions.push_back(question_of(row));
  return out;
}

std::function<bool(std::int64_t)> member_check(Transaction& tx, std::int64_t initiative_id) {
  return [&tx, initiative_id](std::int64_t id) {
    return tx.query_one("SELECT id FROM members WHERE id = ? AND initiative_id = ?", {id, initiative_id}).has_value();
  };
}

Response stored_response(const Row& row) {
  return {.submitted_at = row.text("submitted_at"),
          .updated_at = row.text("updated_at"),
          .language = row.text("language"),
          .answers = answers_from_json(json::parse(row.text("answers")))};
}

}  // namespace

Form Surveys::form(const std::string& token) {
  Form out;
  db_.read([&](Transaction& tx) {
    Link inv = find_invitation(tx, token);
    auto s = tx.query_one("SELECT title_fr, title_en, intro_fr, intro_en FROM surveys WHERE id = ?", {inv.survey_id});
    out.survey = {.title_fr = s->text("title_fr"),
                  .title_en = s->text("title_en"),
                  .intro_fr = s->text("intro_fr"),
                  .intro_en = s->text("intro_en"),
                  .status = inv.status,
                  .anonymous = inv.anonymous};
    out.questions = load_questions(tx, inv.survey_id);
    // The address tells homonymous firms apart in the respondent's picker.
    for (const Row& m :
         tx.query("SELECT id, name, commune, address FROM members WHERE initiative_id = ? AND id <> ? ORDER BY name",
                  {inv.initiative_id, inv.member_id}))
      out.firms.push_back(
          {.id = m.integer("id"),
           .firm = {.name = m.text("name"), .address = m.text("address"), .commune = m.text("commune")}});
    auto me = tx.query_one("SELECT m.name AS firm, r.name, r.language FROM members m LEFT JOIN representatives r ON "
                           "r.id = ? WHERE m.id = ?",
                           {inv.representative_id ? Value(*inv.representative_id) : Value(nullptr), inv.member_id});
    out.firm = me ? me->text("firm") : "";
    out.respondent = me ? me->text("name") : "";
    out.language = me && !me->text("language").empty() ? me->text("language") : "fr";
    auto response = tx.query_one("SELECT answers, language, submitted_at, updated_at FROM responses WHERE invitation_id = ?",
                                 {inv.id});
    out.responded = inv.responded;
    out.editable = inv.status == "open" && !(inv.anonymous && inv.responded);
    if (response) out.response = stored_response(*response);
  });
  return out;
}

Submitted Surveys::submit(const std::string& token, const Submission& submission) {
  const std::string& language = submission.language;
  if (language != "fr" && language != "en") fail_invalid("'language' must be fr or en");
  // As few round trips to PostgreSQL as possible: the link with its survey's state and
  // questions, the answer, its needs (followers). Concurrent submissions share one COMMIT (one
  // flush of the log for all: a first answer holds its initiative's lock until its COMMIT);
  // the lambda may run twice, so it assigns its results.
  Answers answers;
  std::string now = now_iso8601();
  bool anonymous = false;
  db_.write_grouped([&](Transaction& tx) {
    LinkToAnswer found = find_link_to_answer(tx, token);
    const Link& inv = found.link;
    anonymous = inv.anonymous;
    if (inv.status != "open")
      throw Error(ErrorKind::conflict, "survey_not_open",
                  inv.status == "closed" ? "this survey is closed" : "this survey is not open yet");
    answers = validate_answers(found.questions, submission.answers, member_check(tx, inv.initiative_id));
    std::string text = answers_json(answers).dump();
    if (inv.anonymous) {
      // Anonymised mode: completion is tracked on the invitation, the answers are not linked
      // to it (nor to the firm), so they cannot be edited afterwards either.
      // The guarded update also refuses a concurrent first use of the link (PostgreSQL).
      if (inv.responded ||
          tx.execute("UPDATE invitations SET responded_at = ? WHERE id = ? AND responded_at IS NULL",
                     {now, inv.id}) == 0)
        fail_conflict("this link has already been used to answer", "already_responded");
      tx.execute_later(
          "INSERT INTO responses (survey_id, invitation_id, member_id, language, answers, "
          "submitted_at, updated_at) VALUES (?, NULL, NULL, ?, ?, ?, ?)",
          {inv.survey_id, language, text, now, now});
    } else {
      auto saved = tx.query_one(
          "INSERT INTO responses (survey_id, invitation_id, member_id, language, answers, submitted_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (invitation_id) DO UPDATE SET answers = "
          "excluded.answers, language = excluded.language, updated_at = excluded.updated_at "
          "RETURNING id, submitted_at",
          {inv.survey_id, inv.id, inv.member_id, language, text, now, now});
      if (followers_.response_saved)
        followers_.response_saved(tx, SavedResponse{.survey_id = inv.survey_id,
                                                    .initiative_id = inv.initiative_id,
                                                    .response_id = saved->integer("id"),
                                                    .member_id = inv.member_id,
                                                    .language = language,
                                                    .submitted_at = saved->text("submitted_at"),
                                                    .answers = answers});
      if (!inv.responded)
        tx.execute_later("UPDATE invitations SET responded_at = COALESCE(responded_at, ?) WHERE id = ?",
                         {now, inv.id});
    }
  });
  return {now, answers, !anonymous};
}

RespondentData Surveys::token_data(const std::string& token) {
  RespondentData out;
  db_.read([&](Transaction& tx) {
    Link inv = find_invitation(tx, token);
    if (inv.representative_id) {
      auto r = tx.query_one("SELECT name, email, role, language, created_at FROM representatives WHERE id = ?",
                            {*inv.representative_id});
      if (r)
        out.representative = Representative{.name = r->text("name"),
                                            .email = r->text("email"),
                                            .role = r->text("role"),
                                            .language = r->text("language"),
                                            .created_at = r->text("created_at")};
    }
    auto m = tx.query_one("SELECT siret, name, address, commune FROM members WHERE id = ?", {inv.member_id});
    if (m)
      out.firm = Firm{.siret = m->text("siret"),
                      .name = m->text("name"),
                      .address = m->text("address"),
                      .commune = m->text("commune")};
    auto response = tx.query_one(
        "SELECT answers, language, submitted_at, updated_at FROM responses WHERE invitation_id = ?",
        {inv.id});
    if (response) out.response = stored_response(*response);
    out.anonymous_response = inv.anonymous && inv.responded;
  });
  return out;
}

void Surveys::erase_by_token(const std::string& token) {
  db_.write([&](Transaction& tx) {
    Link inv = find_invitation(tx, token);
    if (followers_.response_erased)
      for (const Row& r : tx.query("SELECT id FROM responses WHERE invitation_id = ?", {inv.id}))
        followers_.response_erased(tx, inv.survey_id, r.integer("id"));
    tx.execute("DELETE FROM responses WHERE invitation_id = ?", {inv.id});
    if (inv.representative_id)
      tx.execute("DELETE FROM representatives WHERE id = ?", {*inv.representative_id});
    tx.execute("DELETE FROM invitations WHERE id = ?", {inv.id});
    audit(tx, Actor{std::nullopt, "survey-link"}, "gdpr.erase", "invitation:" + std::to_string(inv.id),
          "erased by the respondent");
  });
}

}  // namespace grappe::workspace
