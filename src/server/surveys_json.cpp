#include "surveys_json.hpp"

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey_json.hpp"
#include "initiatives_json.hpp"
#include "input.hpp"

// The fields written as they are (ADL: in the structs' namespace).
namespace grappe::workspace {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Survey, id, initiative_id, component_id, status, anonymous, anonymised,
                                   opened_at, closed_at, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Invitation, id, token, member_id, firm, siret, name, email, invited_at,
                                   reminded_at, responded_at)
}  // namespace grappe::workspace

namespace grappe::server {

using nlohmann::json;
using workspace::QuestionKind;

namespace {

json bilingual(const std::string& fr, const std::string& en) { return {{"fr", fr}, {"en", en}}; }

json question_json(const workspace::Question& q) {
  json out = {{"key", q.key},
              {"kind", workspace::kind_name(q.kind)},
              {"fr", q.fr},
              {"en", q.en},
              {"required", q.required},
              {"options", q.options}};
  if (q.kind == QuestionKind::scale) {
    out["min"] = q.min;
    out["max"] = q.max;
  }
  return out;
}

json questions_json(const std::vector<workspace::Question>& questions) {
  json out = json::array();
  for (const auto& q : questions) out.push_back(question_json(q));
  return out;
}

json response_json(const workspace::Response& r) {
  return {{"answers", workspace::answers_json(r.answers)},
          {"language", r.language},
          {"submitted_at", r.submitted_at},
          {"updated_at", r.updated_at}};
}

json result_json(const workspace::QuestionResult& r, const std::map<std::int64_t, std::string>& firm_names) {
  const auto& q = r.question;
  json out = {{"key", q.key},
              {"kind", workspace::kind_name(q.kind)},
              {"fr", q.fr},
              {"en", q.en},
              {"answered", r.answered}};
  if (r.texts) out["texts"] = *r.texts;
  if (q.kind == QuestionKind::text) return out;
  out["counts"] = r.counts;
  if (q.kind == QuestionKind::scale) out["mean"] = optional_json(r.mean);
  if (q.kind != QuestionKind::firms) return out;
  out["counts"] = json::array();
  for (const auto& [id, n] : r.counts) {
    auto found = firm_names.find(std::stoll(id));
    out["counts"].push_back({{"member_id", std::stoll(id)},
                             {"name", found == firm_names.end() ? "" : found->second},
                             {"count", n}});
  }
  return out;
}

}  // namespace

workspace::NewSurvey new_survey_from(const json& body) {
  input::object(body);
  workspace::NewSurvey r;
  r.title_fr = input::text(body, "title_fr").value_or(r.title_fr);
  r.title_en = input::text(body, "title_en").value_or(r.title_en);
  r.intro_fr = input::text(body, "intro_fr", input::kLongText).value_or("");
  r.intro_en = input::text(body, "intro_en", input::kLongText).value_or("");
  r.anonymous = input::boolean(body, "anonymous").value_or(false);
  if (body.contains("questions")) r.questions = questions_from(body["questions"]);
  return r;
}

workspace::SurveyPatch survey_patch_from(const json& body) {
  input::object(body);
  return {input::text(body, "title_fr"), input::text(body, "title_en"),
          input::text(body, "intro_fr", input::kLongText), input::text(body, "intro_en", input::kLongText),
          input::boolean(body, "anonymous")};
}

std::vector<workspace::Question> questions_from(const json& questions) {
  if (!questions.is_array()) workspace::fail_invalid("'questions' must be an array");
  std::vector<workspace::Question> out;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    std::string where = "questions[" + std::to_string(i) + "]";
    const json& q = input::object(questions[i], where);
    auto& question = out.emplace_back(workspace::Question{.key = input::required_text(q, "key", 40)});
    auto kind = workspace::question_kind(input::required_text(q, "kind", 20));
    if (!kind) workspace::fail_invalid(where + ".kind must be single, multiple, scale, text or firms");
    question.kind = *kind;
    question.fr = input::required_text(q, "fr", 1000);
    question.en = input::required_text(q, "en", 1000);
    question.required = input::boolean(q, "required").value_or(false);
    if (kind == QuestionKind::single || kind == QuestionKind::multiple) {
      if (!q.contains("options") || !q["options"].is_array())
        workspace::fail_invalid(where + " needs 1 to 50 'options'");
      for (const json& o : q["options"])
        question.options.push_back({input::required_text(input::object(o, where + ".options[]"), "value", 40),
                                    input::required_text(o, "fr"), input::required_text(o, "en")});
    }
    if (kind == QuestionKind::scale) {
      question.min = input::integer(q, "min", -100, 100).value_or(1);
      question.max = input::integer(q, "max", -100, 100).value_or(5);
    }
  }
  return out;
}

workspace::Submission submission_from(const json& body) {
  input::object(body);
  workspace::Submission r{.language = input::text(body, "language").value_or("fr")};
  if (!body.contains("answers")) workspace::fail_invalid("'answers' is required", "missing_field");
  r.answers = workspace::answers_from_json(body["answers"]);
  return r;
}

json survey_json(const workspace::Survey& s, bool detailed) {
  json out = s;
  out["title"] = bilingual(s.title_fr, s.title_en);
  out["intro"] = bilingual(s.intro_fr, s.intro_en);
  if (!detailed) return out;
  out["questions"] = questions_json(s.questions);
  out["invited"] = s.invited;
  out["responded"] = s.responded;
  return out;
}

json invitations_json(const std::vector<workspace::Invitation>& invitations) {
  return items_json(invitations, [](const workspace::Invitation& i) {
    json out = i;
    out["representative_id"] = optional_json(i.representative_id);
    return out;
  });
}

json form_json(const workspace::Form& f) {
  json firms = json::array();
  for (const auto& m : f.firms)
    firms.push_back(
        {{"id", m.id}, {"name", m.firm.name}, {"commune", m.firm.commune}, {"address", m.firm.address}});
  return {{"survey",
           {{"title", bilingual(f.survey.title_fr, f.survey.title_en)},
            {"intro", bilingual(f.survey.intro_fr, f.survey.intro_en)},
            {"status", f.survey.status},
            {"anonymous", f.survey.anonymous}}},
          {"questions", questions_json(f.questions)},
          {"firms", firms},
          {"firm", f.firm},
          {"respondent", f.respondent},
          {"language", f.language},
          {"responded", f.responded},
          {"editable", f.editable},
          {"response", f.response ? response_json(*f.response) : json(nullptr)}};
}

json submitted_json(const workspace::Submitted& s) {
  return {{"saved", true},
          {"updated_at", s.updated_at},
          {"answers", workspace::answers_json(s.answers)},
          {"editable", s.editable}};
}

json respondent_data_json(const workspace::RespondentData& data) {
  json out = json::object();
  if (const auto& r = data.representative)
    out["representative"] = {{"name", r->name},
                             {"email", r->email},
                             {"role", r->role},
                             {"language", r->language},
                             {"created_at", r->created_at}};
  if (const auto& m = data.firm)
    out["firm"] = {{"siret", m->siret}, {"name", m->name}, {"address", m->address}, {"commune", m->commune}};
  out["response"] = data.response ? response_json(*data.response) : json(nullptr);
  if (data.response) out["response"].erase("language");
  if (data.anonymous_response)
    out["note"] = "this survey is anonymous: your answers are stored without any link to you or your firm";
  return out;
}

json results_json(const workspace::Results& r) {
  json questions = json::array();
  for (const auto& q : r.questions) questions.push_back(result_json(q, r.firm_names));
  return {{"survey_id", r.survey_id},
          {"invited", r.invited},
          {"responded", r.responded},
          {"responses", r.responses},
          {"response_rate", r.invited ? json(static_cast<double>(r.responded) / r.invited) : json(nullptr)},
          {"questions", questions}};
}

json export_json(const workspace::Export& e) {
  json responses = json::array();
  for (const auto& r : e.responses) {
    json item = response_json(r);
    item["id"] = r.id ? json(r.id) : json(nullptr);
    item["firm"] = r.siret.empty() ? json(nullptr) : json{{"siret", r.siret}, {"name", r.firm}};
    responses.push_back(item);
  }
  return {{"survey_id", e.survey_id}, {"questions", questions_json(e.questions)}, {"responses", responses}};
}

}  // namespace grappe::server
