// Response rate, aggregated results, exports and anonymisation of a survey.
#include <algorithm>
#include <map>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey.hpp"
#include "survey_internal.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

struct Response {
  std::int64_t id;
  std::string submitted_at, updated_at, language, siret, firm;
  json answers;
};

std::vector<Response> load_responses(Transaction& tx, std::int64_t survey_id) {
  std::vector<Response> out;
  for (const Row& r : tx.query("SELECT r.id, r.submitted_at, r.updated_at, r.language, r.answers, m.siret, m.name "
                               "FROM responses r LEFT JOIN members m ON m.id = r.member_id WHERE r.survey_id = ? "
                               "ORDER BY r.id", {survey_id}))
    out.push_back({r.integer("id"), r.text("submitted_at"), r.text("updated_at"), r.text("language"), r.text("siret"),
                   r.text("name"), json::parse(r.text("answers"))});
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
      return a.language + a.answers.dump() < b.language + b.answers.dump();
    });
  }
  return out;
}

void require_survey(Transaction& tx, std::int64_t id) {
  if (!tx.query_one("SELECT id FROM surveys WHERE id = ?", {id})) fail_not_found("survey " + std::to_string(id));
}

json aggregate(const json& q, const std::vector<Response>& responses, const std::map<std::int64_t, std::string>& firms,
               bool include_texts) {
  const std::string key = q["key"], kind = q["kind"];
  json out = {{"key", key}, {"kind", kind}, {"fr", q["fr"]}, {"en", q["en"]}};
  std::int64_t answered = 0;
  std::map<std::string, std::int64_t> counts;
  for (const json& o : q["options"]) counts[o["value"]] = 0;
  double sum = 0;
  json texts = json::array();
  for (const Response& r : responses) {
    auto a = r.answers.find(key);
    if (a == r.answers.end()) continue;
    ++answered;
    if (kind == "single") ++counts[a->get<std::string>()];
    else if (kind == "multiple") for (const json& v : *a) ++counts[v.get<std::string>()];
    else if (kind == "scale") { sum += a->get<double>(); ++counts[std::to_string(a->get<std::int64_t>())]; }
    else if (kind == "text") { if (include_texts) texts.push_back(*a); }
    else for (const json& v : *a) ++counts[std::to_string(v.get<std::int64_t>())];
  }
  out["answered"] = answered;
  if (kind == "text") {
    if (include_texts) out["texts"] = texts;
  } else if (kind == "firms") {
    json named = json::array();
    for (const auto& [id, n] : counts) {
      auto found = firms.find(std::stoll(id));
      named.push_back({{"member_id", std::stoll(id)}, {"name", found == firms.end() ? "" : found->second}, {"count", n}});
    }
    out["counts"] = named;
  } else {
    out["counts"] = counts;
    if (kind == "scale") out["mean"] = answered ? json(sum / answered) : json(nullptr);
  }
  return out;
}

// One CSV cell; a firm picker's member ids become sirets (stable outside this database).
std::string cell(const json& q, const json& answers, const std::map<std::int64_t, std::string>& sirets) {
  auto a = answers.find(q["key"].get<std::string>());
  if (a == answers.end()) return "";
  if (q["kind"] == "firms") {
    std::string joined;
    for (const json& v : *a) {
      auto found = sirets.find(v.get<std::int64_t>());
      joined += (joined.empty() ? "" : "|") + (found == sirets.end() ? v.dump() : found->second);
    }
    return joined;
  }
  if (a->is_string()) return a->get<std::string>();
  if (a->is_number()) return a->dump();
  std::string joined;
  for (const json& v : *a) joined += (joined.empty() ? "" : "|") + (v.is_string() ? v.get<std::string>() : v.dump());
  return joined;
}

}  // namespace

json Surveys::results(std::int64_t survey_id, bool include_texts) {
  json out;
  db_.read([&](Transaction& tx) {
    require_survey(tx, survey_id);
    json questions = load_questions(tx, survey_id);
    auto responses = load_responses(tx, survey_id);
    auto counts = tx.query_one("SELECT COUNT(*) AS invited, COUNT(responded_at) AS responded FROM invitations WHERE "
                               "survey_id = ?", {survey_id});
    std::int64_t invited = counts->integer("invited"), responded = counts->integer("responded");
    std::map<std::int64_t, std::string> firms;
    for (const Row& m : tx.query("SELECT m.id, m.name FROM members m JOIN components c ON c.initiative_id = m.initiative_id "
                                 "JOIN surveys s ON s.component_id = c.id WHERE s.id = ?", {survey_id}))
      firms[m.integer("id")] = m.text("name");
    out = {{"survey_id", survey_id}, {"invited", invited}, {"responded", responded},
           {"responses", responses.size()},
           {"response_rate", invited ? json(static_cast<double>(responded) / invited) : json(nullptr)},
           {"questions", json::array()}};
    for (const json& q : questions) out["questions"].push_back(aggregate(q, responses, firms, include_texts));
  });
  return out;
}

json Surveys::export_json(std::int64_t survey_id) {
  json out;
  db_.read([&](Transaction& tx) {
    require_survey(tx, survey_id);
    out["survey_id"] = survey_id;
    out["questions"] = load_questions(tx, survey_id);
    json items = json::array();
    for (const Response& r : load_responses(tx, survey_id))
      items.push_back({{"id", r.id ? json(r.id) : json(nullptr)},
                       {"submitted_at", r.submitted_at},
                       {"updated_at", r.updated_at},
                       {"language", r.language},
                       {"firm", r.siret.empty() ? json(nullptr) : json{{"siret", r.siret}, {"name", r.firm}}},
                       {"answers", r.answers}});
    out["responses"] = items;
  });
  return out;
}

std::string Surveys::export_csv(std::int64_t survey_id) {
  std::string csv;
  db_.read([&](Transaction& tx) {
    require_survey(tx, survey_id);
    json questions = load_questions(tx, survey_id);
    std::map<std::int64_t, std::string> sirets;
    for (const Row& m : tx.query("SELECT m.id, m.siret FROM members m JOIN components c ON c.initiative_id = m.initiative_id "
                                 "JOIN surveys s ON s.component_id = c.id WHERE s.id = ?", {survey_id}))
      sirets[m.integer("id")] = m.text("siret");
    csv = "response_id,submitted_at,updated_at,language,siret,firm";
    for (const json& q : questions) csv += "," + csv_field(q["key"].get<std::string>());
    csv += "\r\n";
    for (const Response& r : load_responses(tx, survey_id)) {
      if (r.id) csv += std::to_string(r.id);  // none once anonymised
      csv += "," + r.submitted_at + "," + r.updated_at + "," + r.language + "," + csv_field(r.siret) + "," +
             csv_field(r.firm);
      for (const json& q : questions) {
        csv += ',';  // appended apart: GCC 12 gives a false -Wrestrict on "," + std::string&&
        csv += csv_field(cell(q, r.answers, sirets));
      }
      csv += "\r\n";
    }
  });
  return csv;
}

json Surveys::anonymise(const Actor& actor, std::int64_t survey_id) {
  std::int64_t unlinked = 0;
  db_.write([&](Transaction& tx) {
    auto s = tx.query_one("SELECT status FROM surveys WHERE id = ?", {survey_id});
    if (!s) fail_not_found("survey " + std::to_string(survey_id));
    if (s->text("status") != "closed") fail_conflict("only a closed survey can be anonymised", "survey_not_closed");
    unlinked = tx.execute("UPDATE responses SET invitation_id = NULL, member_id = NULL WHERE survey_id = ?", {survey_id});
    // The links stop working: a fresh random token nobody knows replaces each one.
    for (const Row& i : tx.query("SELECT id FROM invitations WHERE survey_id = ?", {survey_id}))
      tx.execute("UPDATE invitations SET token = ? WHERE id = ?", {random_token(16), i.integer("id")});
    tx.execute("UPDATE surveys SET anonymised = 1, anonymous = 1 WHERE id = ?", {survey_id});
    if (followers_.anonymised) followers_.anonymised(tx, survey_id);
    audit(tx, actor, "survey.anonymise", "survey:" + std::to_string(survey_id), std::to_string(unlinked) + " responses");
  });
  return {{"survey_id", survey_id}, {"anonymised", true}, {"responses_unlinked", unlinked}};
}

}  // namespace grappe::workspace
