// Response rate, aggregated results, exports and anonymisation of a survey.
#include <algorithm>
#include <map>

#include "grappe/common/csv.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey_json.hpp"
#include "survey_internal.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

std::vector<Response> load_responses(Transaction& tx, std::int64_t survey_id) {
  std::vector<Response> out;
  for (const Row& r : tx.query("SELECT r.id, r.submitted_at, r.updated_at, r.language, r.answers, m.siret, m.name "
                               "FROM responses r LEFT JOIN members m ON m.id = r.member_id WHERE r.survey_id = ? "
                               "ORDER BY r.id", {survey_id}))
    out.push_back({r.integer("id"), r.text("submitted_at"), r.text("updated_at"), r.text("language"),
                   r.text("siret"), r.text("name"), answers_from_json(json::parse(r.text("answers")))});
  // Once anonymised, nothing may link a response back to its firm: not its id (imported need
  // statements and earlier exports name it), not its times, not its order.
  auto survey = tx.query_one("SELECT anonymised FROM surveys WHERE id = ?", {survey_id});
  if (survey && survey->integer("anonymised")) {
    for (Response& r : out) {
      r.id = 0;
      r.submitted_at.clear();
      r.updated_at.clear();
    }
    std::sort(out.begin(), out.end(), [](const Response& a, const Response& b) {
      return a.language + answers_json(a.answers).dump() < b.language + answers_json(b.answers).dump();
    });
  }
  return out;
}

void require_survey(Transaction& tx, std::int64_t id) {
  if (!tx.query_one("SELECT id FROM surveys WHERE id = ?", {id})) fail_not_found("survey " + std::to_string(id));
}

QuestionResult aggregate(const Question& q, const std::vector<Response>& responses, bool include_texts) {
  QuestionResult out{.question = q};
  for (const Choice& o : q.options) out.counts[o.value] = 0;
  double sum = 0;
  if (q.kind == QuestionKind::text && include_texts) out.texts.emplace();
  for (const Response& r : responses) {
    auto a = r.answers.find(q.key);
    if (a == r.answers.end()) continue;
    ++out.answered;
    if (const auto* s = std::get_if<std::string>(&a->second)) {
      if (q.kind == QuestionKind::single)
        ++out.counts[*s];
      else if (out.texts)
        out.texts->push_back(*s);
    } else if (const auto* v = std::get_if<std::int64_t>(&a->second)) {
      sum += static_cast<double>(*v);
      ++out.counts[std::to_string(*v)];
    } else if (const auto* l = std::get_if<std::vector<std::string>>(&a->second)) {
      for (const std::string& choice : *l) ++out.counts[choice];
    } else if (const auto* ids = std::get_if<std::vector<std::int64_t>>(&a->second)) {
      for (std::int64_t id : *ids) ++out.counts[std::to_string(id)];
    }
  }
  if (q.kind == QuestionKind::scale && out.answered) out.mean = sum / static_cast<double>(out.answered);
  return out;
}

// One CSV cell; a firm picker's member ids become sirets (stable outside this database).
std::string cell(const Answers& answers, const std::string& key,
                 const std::map<std::int64_t, std::string>& sirets) {
  auto a = answers.find(key);
  if (a == answers.end()) return "";
  std::string joined;
  auto join = [&](const std::string& s) { joined += (joined.empty() ? "" : "|") + s; };
  if (const auto* s = std::get_if<std::string>(&a->second)) return *s;
  if (const auto* v = std::get_if<std::int64_t>(&a->second)) return std::to_string(*v);
  if (const auto* l = std::get_if<std::vector<std::string>>(&a->second))
    for (const std::string& choice : *l) join(choice);
  if (const auto* ids = std::get_if<std::vector<std::int64_t>>(&a->second))
    for (std::int64_t id : *ids) {
      auto found = sirets.find(id);
      join(found == sirets.end() ? std::to_string(id) : found->second);
    }
  return joined;
}

// The initiative's members by id: their names or sirets.
std::map<std::int64_t, std::string> members_of(Transaction& tx, std::int64_t survey_id, const char* column) {
  std::map<std::int64_t, std::string> out;
  for (const Row& m :
       tx.query(std::string("SELECT m.id, m.") + column +
                    " AS value FROM members m JOIN components c ON c.initiative_id = m.initiative_id "
                    "JOIN surveys s ON s.component_id = c.id WHERE s.id = ?",
                {survey_id}))
    out[m.integer("id")] = m.text("value");
  return out;
}

}  // namespace

Results Surveys::results(std::int64_t survey_id, bool include_texts) {
  return db_.read([&](Transaction& tx) {
    Results out{.survey_id = survey_id};
    require_survey(tx, survey_id);
    auto responses = load_responses(tx, survey_id);
    auto counts = tx.query_one("SELECT COUNT(*) AS invited, COUNT(responded_at) AS responded FROM invitations WHERE "
                               "survey_id = ?", {survey_id});
    out.invited = counts->integer("invited");
    out.responded = counts->integer("responded");
    out.responses = static_cast<std::int64_t>(responses.size());
    out.firm_names = members_of(tx, survey_id, "name");
    for (const Question& q : load_questions(tx, survey_id))
      out.questions.push_back(aggregate(q, responses, include_texts));
    return out;
  });
}

Export Surveys::export_responses(std::int64_t survey_id) {
  return db_.read([&](Transaction& tx) {
    require_survey(tx, survey_id);
    return Export{survey_id, load_questions(tx, survey_id), load_responses(tx, survey_id)};
  });
}

std::string Surveys::export_csv(std::int64_t survey_id) {
  return db_.read([&](Transaction& tx) {
    require_survey(tx, survey_id);
    auto questions = load_questions(tx, survey_id);
    auto sirets = members_of(tx, survey_id, "siret");
    std::string csv = "response_id,submitted_at,updated_at,language,siret,firm";
    for (const Question& q : questions) csv += "," + csv_field(q.key);
    csv += "\r\n";
    for (const Response& r : load_responses(tx, survey_id)) {
      if (r.id) csv += std::to_string(r.id);  // none once anonymised
      csv += "," + r.submitted_at + "," + r.updated_at + "," + r.language + "," + csv_field(r.siret) + "," +
             csv_field(r.firm);
      for (const Question& q : questions) {
        csv += ',';  // appended apart: GCC 12 gives a false -Wrestrict on "," + std::string&&
        csv += csv_field(cell(r.answers, q.key, sirets));
      }
      csv += "\r\n";
    }
    return csv;
  });
}

std::int64_t Surveys::anonymise(const Actor& actor, std::int64_t survey_id) {
  return db_.write([&](Transaction& tx) {
    auto s = tx.query_one("SELECT status FROM surveys WHERE id = ?", {survey_id});
    if (!s) fail_not_found("survey " + std::to_string(survey_id));
    if (s->text("status") != "closed")
      fail_conflict("only a closed survey can be anonymised", "survey_not_closed");
    auto unlinked = tx.execute(
        "UPDATE responses SET invitation_id = NULL, member_id = NULL WHERE survey_id = ?", {survey_id});
    // The links stop working: a fresh random token nobody knows replaces each one.
    for (const Row& i : tx.query("SELECT id FROM invitations WHERE survey_id = ?", {survey_id}))
      tx.execute("UPDATE invitations SET token = ? WHERE id = ?", {random_token(16), i.integer("id")});
    tx.execute("UPDATE surveys SET anonymised = 1, anonymous = 1 WHERE id = ?", {survey_id});
    if (followers_.anonymised) followers_.anonymised(tx, survey_id);
    audit(tx, actor, "survey.anonymise", "survey:" + std::to_string(survey_id), std::to_string(unlinked) + " responses");
    return unlinked;
  });
}

}  // namespace grappe::workspace
