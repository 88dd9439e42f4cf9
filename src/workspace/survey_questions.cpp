// The default launch questionnaire and the validation of questions and answers.
#include <map>
#include <set>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/input.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

json option(const char* value, const char* fr, const char* en) { return {{"value", value}, {"fr", fr}, {"en", en}}; }

bool is_key(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

const std::set<std::string> kKinds = {"single", "multiple", "scale", "text", "firms"};

}  // namespace

const json& default_questions() {
  static const json questions = json::array({
      {{"key", "interest"}, {"kind", "single"}, {"required", true},
       {"fr", "Seriez-vous intéressé·e par une coopération avec les autres entreprises de ce groupe ?"},
       {"en", "Would you be interested in cooperating with the other firms of this group?"},
       {"options", {option("very", "Très intéressé·e", "Very interested"), option("yes", "Intéressé·e", "Interested"),
                    option("maybe", "Peut-être, à voir", "Maybe"), option("no", "Pas intéressé·e", "Not interested")}}},
      {{"key", "known_members"}, {"kind", "firms"}, {"required", false},
       {"fr", "Quelles entreprises du groupe connaissez-vous déjà ou avec lesquelles travaillez-vous ?"},
       {"en", "Which firms of the group do you already know or work with?"}},
      {{"key", "needs"}, {"kind", "multiple"}, {"required", false},
       {"fr", "Sur quels thèmes avez-vous des besoins ?"}, {"en", "On which themes do you have needs?"},
       {"options", {option("digital", "Numérique", "Digital"),
                    option("environment", "Transition environnementale", "Environmental transition"),
                    option("export", "Export", "Export"),
                    option("skills_hiring", "Compétences et recrutement", "Skills and hiring"),
                    option("purchasing", "Achats", "Purchasing"), option("rnd", "R&D, innovation", "R&D, innovation"),
                    option("logistics", "Logistique", "Logistics"), option("communication", "Communication", "Communication"),
                    option("other", "Autre", "Other")}}},
      {{"key", "needs_detail"}, {"kind", "text"}, {"required", false},
       {"fr", "Décrivez ces besoins (un par thème si possible)."},
       {"en", "Describe these needs (one per theme if you can)."}},
      {{"key", "skills_to_share"}, {"kind", "text"}, {"required", false},
       {"fr", "Quelles compétences pourriez-vous partager avec les autres entreprises ?"},
       {"en", "Which skills could you share with the other firms?"}},
      {{"key", "equipment_to_share"}, {"kind", "text"}, {"required", false},
       {"fr", "Quels équipements ou locaux pourriez-vous partager ?"},
       {"en", "Which equipment or premises could you share?"}},
      {{"key", "founder_background"}, {"kind", "text"}, {"required", false},
       {"fr", "Où le fondateur ou la fondatrice travaillait-il·elle avant de créer l'entreprise (entreprise, ville) ?"},
       {"en", "Where did the founder work before starting the firm (company, town)?"}},
      {{"key", "host_meeting"}, {"kind", "single"}, {"required", false},
       {"fr", "Pourriez-vous accueillir une réunion du groupe ?"}, {"en", "Could you host a meeting of the group?"},
       {"options", {option("yes", "Oui", "Yes"), option("maybe", "Peut-être", "Maybe"), option("no", "Non", "No")}}},
      {{"key", "consent"}, {"kind", "single"}, {"required", true},
       {"fr", "J'accepte que la chambre de commerce conserve ces réponses pour lancer et animer le groupe ; je peux "
              "les télécharger ou les effacer à tout moment par ce lien."},
       {"en", "I agree that the chamber of commerce keeps these answers to launch and run the group; I can download "
              "or erase them at any time through this link."},
       {"options", {option("yes", "J'accepte", "I agree")}}},
  });
  return questions;
}

json validate_questions(const json& questions) {
  if (!questions.is_array()) fail_invalid("'questions' must be an array");
  if (questions.empty() || questions.size() > 100) fail_invalid("a survey has from 1 to 100 questions");
  json out = json::array();
  std::set<std::string> keys;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    std::string where = "questions[" + std::to_string(i) + "]";
    const json& q = input::object(questions[i], where);
    std::string key = input::required_text(q, "key", 40);
    if (!is_key(key)) fail_invalid(where + ".key must be 1 to 40 of a-z, 0-9, _ and -");
    if (!keys.insert(key).second) fail_invalid(where + ".key '" + key + "' is used twice");
    std::string kind = input::required_text(q, "kind", 20);
    if (!kKinds.count(kind)) fail_invalid(where + ".kind must be single, multiple, scale, text or firms");
    json normal = {{"key", key}, {"kind", kind}, {"fr", input::required_text(q, "fr", 1000)},
                   {"en", input::required_text(q, "en", 1000)}, {"required", input::boolean(q, "required").value_or(false)},
                   {"options", json::array()}};
    if (kind == "single" || kind == "multiple") {
      if (!q.contains("options") || !q["options"].is_array() || q["options"].empty() || q["options"].size() > 50)
        fail_invalid(where + " needs 1 to 50 'options'");
      std::set<std::string> values;
      for (const json& o : q["options"]) {
        input::object(o, where + ".options[]");
        std::string value = input::required_text(o, "value", 40);
        if (!is_key(value)) fail_invalid(where + " option value '" + value + "' must be 1 to 40 of a-z, 0-9, _ and -");
        if (!values.insert(value).second) fail_invalid(where + " option '" + value + "' is used twice");
        normal["options"].push_back({{"value", value}, {"fr", input::required_text(o, "fr")},
                                     {"en", input::required_text(o, "en")}});
      }
    }
    if (kind == "scale") {
      auto min = input::integer(q, "min", -100, 100).value_or(1);
      auto max = input::integer(q, "max", -100, 100).value_or(5);
      if (min >= max) fail_invalid(where + ": 'min' must be below 'max'");
      normal["min"] = min;
      normal["max"] = max;
    }
    out.push_back(normal);
  }
  return out;
}

json validate_answers(const json& questions, const json& answers, const std::function<bool(std::int64_t)>& is_member) {
  input::object(answers, "'answers'");
  std::map<std::string, const json*> by_key;
  for (const json& q : questions) by_key[q["key"].get<std::string>()] = &q;
  for (auto it = answers.begin(); it != answers.end(); ++it)
    if (!by_key.count(it.key())) fail_invalid("there is no question '" + input::checked_text(it.key(), "key", 40) + "'",
                                              "unknown_question");
  json out = json::object();
  for (const json& q : questions) {
    const std::string key = q["key"], kind = q["kind"];
    auto found = answers.find(key);
    bool missing = found == answers.end() || found->is_null() || (found->is_array() && found->empty()) ||
                   (found->is_string() && found->get_ref<const std::string&>().empty());
    if (missing) {
      if (q.value("required", false)) fail_invalid("the question '" + key + "' must be answered", "missing_answer");
      continue;
    }
    std::set<std::string> values;
    for (const json& o : q["options"]) values.insert(o["value"].get<std::string>());
    if (kind == "single") {
      std::string v = input::checked_text(*found, key, 40);
      if (!values.count(v)) fail_invalid("'" + key + "': '" + v + "' is not one of the choices", "invalid_answer");
      out[key] = v;
    } else if (kind == "multiple") {
      if (!found->is_array() || found->size() > 100) fail_invalid("'" + key + "' must be a list of choices", "invalid_answer");
      std::set<std::string> chosen;
      for (const json& v : *found) {
        std::string s = input::checked_text(v, key, 40);
        if (!values.count(s)) fail_invalid("'" + key + "': '" + s + "' is not one of the choices", "invalid_answer");
        chosen.insert(s);
      }
      out[key] = chosen;
    } else if (kind == "scale") {
      json wrapper = {{key, *found}};
      out[key] = *input::integer(wrapper, key, q["min"].get<std::int64_t>(), q["max"].get<std::int64_t>());
    } else if (kind == "text") {
      out[key] = input::checked_text(*found, key, input::kLongText);
    } else {  // firms
      if (!found->is_array() || found->size() > 1000) fail_invalid("'" + key + "' must be a list of member ids", "invalid_answer");
      std::set<std::int64_t> chosen;
      for (const json& v : *found) {
        if (!v.is_number_integer() || !is_member(v.get<std::int64_t>()))
          fail_invalid("'" + key + "' names a firm that is not a member of this initiative", "invalid_answer");
        chosen.insert(v.get<std::int64_t>());
      }
      out[key] = chosen;
    }
  }
  return out;
}

}  // namespace grappe::workspace
