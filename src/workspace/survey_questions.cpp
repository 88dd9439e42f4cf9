// The default launch questionnaire, the checks of questions and answers, and the answers' JSON.
#include <algorithm>
#include <set>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey_json.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

bool is_key(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

bool unanswered(const Answer& a) {
  if (const auto* s = std::get_if<std::string>(&a)) return s->empty();
  if (const auto* l = std::get_if<std::vector<std::string>>(&a)) return l->empty();
  if (const auto* l = std::get_if<std::vector<std::int64_t>>(&a)) return l->empty();
  return std::holds_alternative<std::monostate>(a);
}

bool is_list(const Answer& a, std::size_t max_size) {
  if (const auto* l = std::get_if<std::vector<std::string>>(&a)) return l->size() <= max_size;
  if (const auto* l = std::get_if<std::vector<std::int64_t>>(&a)) return l->size() <= max_size;
  const auto* other = std::get_if<OtherValue>(&a);
  return other && other->list;
}

const std::string& text_answer(const Answer& a, const std::string& key, std::size_t max_length) {
  const auto* s = std::get_if<std::string>(&a);
  if (!s) fail_invalid("'" + key + "' must be a string");
  check_text(*s, key, max_length);
  return *s;
}

std::int64_t scale_answer(const Answer& a, const Question& q) {
  std::string range = " (from " + std::to_string(q.min) + " to " + std::to_string(q.max) + ")";
  if (const auto* v = std::get_if<std::int64_t>(&a)) {
    if (*v < q.min || *v > q.max) fail_invalid("'" + q.key + "' is out of range" + range, "out_of_range");
    return *v;
  }
  const auto* other = std::get_if<OtherValue>(&a);
  if (other && other->number) fail_invalid("'" + q.key + "' must be a whole number" + range, "out_of_range");
  fail_invalid("'" + q.key + "' must be a number");
}

// JSON integers beyond int64 stay out of every range.
std::int64_t integer(const json& v) {
  return v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX ? INT64_MAX : v.get<std::int64_t>();
}

Answer answer_from(const json& v) {
  if (v.is_null()) return std::monostate{};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return integer(v);
  if (!v.is_array()) return OtherValue{.number = v.is_number()};
  if (std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); }))
    return v.get<std::vector<std::string>>();
  if (!std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_number_integer(); }))
    return OtherValue{.list = true};
  std::vector<std::int64_t> ids;
  for (const json& e : v) ids.push_back(integer(e));
  return ids;
}

}  // namespace

std::optional<QuestionKind> question_kind(const std::string& name) {
  for (int k = 0; k < 5; ++k)
    if (name == kQuestionKinds[k]) return static_cast<QuestionKind>(k);
  return std::nullopt;
}

const std::vector<Question>& default_questions() {
  using enum QuestionKind;
  static const std::vector<Question> questions = {
      {"interest",
       single,
       "Seriez-vous intéressé·e par une coopération avec les autres entreprises de ce groupe ?",
       "Would you be interested in cooperating with the other firms of this group?",
       true,
       {{"very", "Très intéressé·e", "Very interested"},
        {"yes", "Intéressé·e", "Interested"},
        {"maybe", "Peut-être, à voir", "Maybe"},
        {"no", "Pas intéressé·e", "Not interested"}}},
      {"known_members", firms,
       "Quelles entreprises du groupe connaissez-vous déjà ou avec lesquelles travaillez-vous ?",
       "Which firms of the group do you already know or work with?"},
      {"needs",
       multiple,
       "Sur quels thèmes avez-vous des besoins ?",
       "On which themes do you have needs?",
       false,
       {{"digital", "Numérique", "Digital"},
        {"environment", "Transition environnementale", "Environmental transition"},
        {"export", "Export", "Export"},
        {"skills_hiring", "Compétences et recrutement", "Skills and hiring"},
        {"purchasing", "Achats", "Purchasing"},
        {"rnd", "R&D, innovation", "R&D, innovation"},
        {"logistics", "Logistique", "Logistics"},
        {"communication", "Communication", "Communication"},
        {"other", "Autre", "Other"}}},
      {"needs_detail", text, "Décrivez ces besoins (un par thème si possible).",
       "Describe these needs (one per theme if you can)."},
      {"skills_to_share", text, "Quelles compétences pourriez-vous partager avec les autres entreprises ?",
       "Which skills could you share with the other firms?"},
      {"equipment_to_share", text, "Quels équipements ou locaux pourriez-vous partager ?",
       "Which equipment or premises could you share?"},
      {"founder_background", text,
       "Où le fondateur ou la fondatrice travaillait-il·elle avant de créer l'entreprise (entreprise, ville) "
       "?",
       "Where did the founder work before starting the firm (company, town)?"},
      {"host_meeting",
       single,
       "Pourriez-vous accueillir une réunion du groupe ?",
       "Could you host a meeting of the group?",
       false,
       {{"yes", "Oui", "Yes"}, {"maybe", "Peut-être", "Maybe"}, {"no", "Non", "No"}}},
      {"consent",
       single,
       "J'accepte que la chambre de commerce conserve ces réponses pour lancer et animer le groupe ; je peux "
       "les télécharger ou les effacer à tout moment par ce lien.",
       "I agree that the chamber of commerce keeps these answers to launch and run the group; I can download "
       "or erase them at any time through this link.",
       true,
       {{"yes", "J'accepte", "I agree"}}},
  };
  return questions;
}

void check_questions(const std::vector<Question>& questions) {
  if (questions.empty() || questions.size() > 100) fail_invalid("a survey has from 1 to 100 questions");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    std::string where = "questions[" + std::to_string(i) + "]";
    if (!is_key(q.key)) fail_invalid(where + ".key must be 1 to 40 of a-z, 0-9, _ and -");
    if (!keys.insert(q.key).second) fail_invalid(where + ".key '" + q.key + "' is used twice");
    if (q.kind == QuestionKind::single || q.kind == QuestionKind::multiple) {
      if (q.options.empty() || q.options.size() > 50) fail_invalid(where + " needs 1 to 50 'options'");
      std::set<std::string> values;
      for (const Choice& o : q.options) {
        if (!is_key(o.value))
          fail_invalid(where + " option value '" + o.value + "' must be 1 to 40 of a-z, 0-9, _ and -");
        if (!values.insert(o.value).second) fail_invalid(where + " option '" + o.value + "' is used twice");
      }
    }
    if (q.kind == QuestionKind::scale && q.min >= q.max) fail_invalid(where + ": 'min' must be below 'max'");
  }
}

Answers validate_answers(const std::vector<Question>& questions, const Answers& answers,
                         const std::function<bool(std::int64_t)>& is_member) {
  std::set<std::string> keys;
  for (const Question& q : questions) keys.insert(q.key);
  for (const auto& [key, value] : answers)
    if (!keys.count(key)) {
      check_text(key, "key", 40);
      fail_invalid("there is no question '" + key + "'", "unknown_question");
    }
  Answers out;
  for (const Question& q : questions) {
    const std::string& key = q.key;
    auto found = answers.find(key);
    if (found == answers.end() || unanswered(found->second)) {
      if (q.required) fail_invalid("the question '" + key + "' must be answered", "missing_answer");
      continue;
    }
    const Answer& a = found->second;
    auto choice = [&](const std::string& v) {
      if (std::none_of(q.options.begin(), q.options.end(), [&](const Choice& o) { return o.value == v; }))
        fail_invalid("'" + key + "': '" + v + "' is not one of the choices", "invalid_answer");
      return v;
    };
    if (q.kind == QuestionKind::single) {
      out[key] = choice(text_answer(a, key, 40));
    } else if (q.kind == QuestionKind::multiple) {
      if (!is_list(a, 100)) fail_invalid("'" + key + "' must be a list of choices", "invalid_answer");
      std::set<std::string> chosen;
      const auto* values = std::get_if<std::vector<std::string>>(&a);
      if (!values) fail_invalid("'" + key + "' must be a string");
      for (const std::string& v : *values) {
        check_text(v, key, 40);
        chosen.insert(choice(v));
      }
      out[key] = std::vector<std::string>(chosen.begin(), chosen.end());
    } else if (q.kind == QuestionKind::scale) {
      out[key] = scale_answer(a, q);
    } else if (q.kind == QuestionKind::text) {
      out[key] = text_answer(a, key, kLongText);
    } else {  // firms
      if (!is_list(a, 1000)) fail_invalid("'" + key + "' must be a list of member ids", "invalid_answer");
      const auto* ids = std::get_if<std::vector<std::int64_t>>(&a);
      if (!ids || !std::all_of(ids->begin(), ids->end(), is_member))
        fail_invalid("'" + key + "' names a firm that is not a member of this initiative", "invalid_answer");
      std::set<std::int64_t> chosen(ids->begin(), ids->end());
      out[key] = std::vector<std::int64_t>(chosen.begin(), chosen.end());
    }
  }
  return out;
}

json answers_json(const Answers& answers) {
  json out = json::object();
  for (const auto& entry : answers)
    out[entry.first] = std::visit(
        [](const auto& v) -> json {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, OtherValue>)
            return nullptr;
          else
            return v;
        },
        entry.second);
  return out;
}

Answers answers_from_json(const json& answers) {
  if (!answers.is_object()) fail_invalid("'answers' must be a JSON object");
  Answers out;
  for (const auto& [key, value] : answers.items()) out[key] = answer_from(value);
  return out;
}

}  // namespace grappe::workspace
