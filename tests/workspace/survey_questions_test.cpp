// Questions and answers are checked field by field; CSV output is inert in spreadsheets.
#include <gtest/gtest.h>

#include "../thrown.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey_json.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

std::string invalid_message(const std::function<void()>& f) {
  const auto e = test::thrown(f);
  if (!e)
    ADD_FAILURE() << "no error";
  else
    EXPECT_EQ(e->kind(), ErrorKind::input);
  return e ? e->what() : "";
}

TEST(DefaultQuestions, AreValidBilingualAndCoverTheLaunchThemes) {
  const auto& q = default_questions();
  check_questions(q);
  std::set<std::string> keys;
  for (const Question& item : q) {
    keys.insert(item.key);
    EXPECT_FALSE(item.fr.empty());
    EXPECT_FALSE(item.en.empty());
  }
  for (const char* key : {"interest", "known_members", "needs", "needs_detail", "skills_to_share",
                          "equipment_to_share", "founder_background", "host_meeting", "consent"})
    EXPECT_TRUE(keys.count(key)) << key;
  EXPECT_EQ(q[2].options.size(), 9u);
}

TEST(CheckQuestions, NamesTheBadQuestion) {
  const Question text{.key = "a", .kind = QuestionKind::text, .fr = "x", .en = "x"};
  auto message = [](std::vector<Question> questions) {
    return invalid_message([&] { check_questions(questions); });
  };
  EXPECT_EQ(message({text, text}), "questions[1].key 'a' is used twice");
  EXPECT_EQ(message({{.key = "Bad Key!", .fr = "x", .en = "x"}}),
            "questions[0].key must be 1 to 40 of a-z, 0-9, _ and -");
  EXPECT_EQ(
      message({text, {.key = "s", .kind = QuestionKind::scale, .fr = "x", .en = "x", .min = 5, .max = 5}}),
      "questions[1]: 'min' must be below 'max'");
  EXPECT_EQ(message({{.key = "c", .kind = QuestionKind::single, .fr = "x", .en = "x"}}),
            "questions[0] needs 1 to 50 'options'");
  EXPECT_EQ(message({{.key = "c",
                      .kind = QuestionKind::multiple,
                      .fr = "x",
                      .en = "x",
                      .options = {{"v", "V", "V"}, {"v", "W", "W"}}}}),
            "questions[0] option 'v' is used twice");
  EXPECT_EQ(message({}), "a survey has from 1 to 100 questions");
  // Options and bounds of other kinds are not looked at (nor stored).
  check_questions({{.key = "t", .options = {{"Not a key", "", ""}}, .min = 9, .max = 1}});
}

TEST(ValidateAnswers, AcceptsEachKindAndRefusesWhatDoesNotFit) {
  const std::vector<Choice> ab = {{"a", "A", "A"}, {"b", "B", "B"}};
  const std::vector<Question> questions = {
      {.key = "pick", .kind = QuestionKind::single, .fr = "x", .en = "x", .required = true, .options = ab},
      {.key = "many", .kind = QuestionKind::multiple, .fr = "x", .en = "x", .options = ab},
      {.key = "score", .kind = QuestionKind::scale, .fr = "x", .en = "x", .min = 1, .max = 5},
      {.key = "say", .kind = QuestionKind::text, .fr = "x", .en = "x"},
      {.key = "who", .kind = QuestionKind::firms, .fr = "x", .en = "x"},
  };
  auto members = [](std::int64_t id) { return id == 10 || id == 11; };
  auto validate = [&](const json& answers) {
    return validate_answers(questions, answers_from_json(answers), members);
  };
  Answers ok = validate({{"pick", "a"},
                         {"many", {"b", "a", "b"}},
                         {"score", 4},
                         {"say", "<script>alert(1)</script>"},
                         {"who", {11, 10, 11}}});
  EXPECT_EQ(ok["many"], Answer(std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ok["say"], Answer("<script>alert(1)</script>"));  // kept as text; the web app escapes it
  EXPECT_EQ(ok["score"], Answer(std::int64_t{4}));
  EXPECT_EQ(ok["who"], Answer(std::vector<std::int64_t>{10, 11}));
  // Stored as before: a JSON object with sorted lists.
  EXPECT_EQ(answers_json(ok).dump(),
            R"({"many":["a","b"],"pick":"a","say":"<script>alert(1)</script>","score":4,"who":[10,11]})");
  // Null, "" and [] are no answer.
  EXPECT_EQ(validate({{"pick", "b"}, {"many", json::array()}, {"say", ""}, {"who", nullptr}}).size(), 1u);
  auto bad = [&](const json& answers) { return invalid_message([&] { validate(answers); }); };
  EXPECT_EQ(bad({{"many", {"a"}}}), "the question 'pick' must be answered");
  EXPECT_EQ(bad({{"pick", "c"}}), "'pick': 'c' is not one of the choices");
  EXPECT_EQ(bad({{"pick", true}}), "'pick' must be a string");
  EXPECT_EQ(bad({{"pick", std::string(41, 'a')}}), "'pick' is too long (at most 40 characters)");
  EXPECT_EQ(bad({{"pick", "a"}, {"many", "a"}}), "'many' must be a list of choices");
  EXPECT_EQ(bad({{"pick", "a"}, {"many", {"a", 1}}}), "'many' must be a string");
  EXPECT_EQ(bad({{"pick", "a"}, {"score", 6}}), "'score' is out of range (from 1 to 5)");
  EXPECT_EQ(bad({{"pick", "a"}, {"score", 2.5}}), "'score' must be a whole number (from 1 to 5)");
  EXPECT_EQ(bad({{"pick", "a"}, {"score", 99999999999999999999.0}}),
            "'score' must be a whole number (from 1 to 5)");
  EXPECT_EQ(bad({{"pick", "a"}, {"score", 18446744073709551615ull}}),
            "'score' is out of range (from 1 to 5)");
  EXPECT_EQ(bad({{"pick", "a"}, {"score", "4"}}), "'score' must be a number");
  EXPECT_EQ(bad({{"pick", "a"}, {"who", {12}}}),
            "'who' names a firm that is not a member of this initiative");
  EXPECT_EQ(bad({{"pick", "a"}, {"who", {"10"}}}),
            "'who' names a firm that is not a member of this initiative");
  EXPECT_EQ(bad({{"pick", "a"}, {"who", 10}}), "'who' must be a list of member ids");
  EXPECT_EQ(bad({{"pick", "a"}, {"say", std::string(5000, 'x')}}),
            "'say' is too long (at most 4000 characters)");
  EXPECT_EQ(bad({{"pick", "a"}, {"extra", 1}}), "there is no question 'extra'");
  EXPECT_EQ(bad({{"pick", "a"}, {std::string(41, 'k'), 1}}), "'key' is too long (at most 40 characters)");
  EXPECT_EQ(bad({{"pick", "a"}, {"say", std::string("nul\0byte", 8)}}), "'say' contains a control character");
  EXPECT_EQ(bad(json::array()), "'answers' must be a JSON object");
}

}  // namespace
}  // namespace grappe::workspace
