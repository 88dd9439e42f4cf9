// Questions and answers are checked field by field; CSV output is inert in spreadsheets.
#include <gtest/gtest.h>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::workspace {
namespace {

using nlohmann::json;

std::string invalid_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

TEST(DefaultQuestions, AreValidBilingualAndCoverTheLaunchThemes) {
  json q = validate_questions(default_questions());
  std::set<std::string> keys;
  for (const json& item : q) {
    keys.insert(item["key"]);
    EXPECT_FALSE(item["fr"].get<std::string>().empty());
    EXPECT_FALSE(item["en"].get<std::string>().empty());
  }
  for (const char* key : {"interest", "known_members", "needs", "needs_detail", "skills_to_share",
                          "equipment_to_share", "founder_background", "host_meeting", "consent"})
    EXPECT_TRUE(keys.count(key)) << key;
  const json& needs = q[2];
  EXPECT_EQ(needs["options"].size(), 9u);
}

TEST(ValidateQuestions, NamesTheBadQuestion) {
  EXPECT_NE(invalid_message([] { validate_questions(json::array({{{"key", "a"}, {"kind", "dance"}, {"fr", "x"}, {"en", "x"}}})); })
                .find("questions[0].kind"), std::string::npos);
  EXPECT_NE(invalid_message([] {
              validate_questions(json::array({{{"key", "a"}, {"kind", "text"}, {"fr", "x"}, {"en", "x"}},
                                              {{"key", "a"}, {"kind", "text"}, {"fr", "y"}, {"en", "y"}}}));
            }).find("used twice"), std::string::npos);
  invalid_message([] { validate_questions(json::array({{{"key", "Bad Key!"}, {"kind", "text"}, {"fr", "x"}, {"en", "x"}}})); });
  invalid_message([] { validate_questions(json::array({{{"key", "s"}, {"kind", "scale"}, {"fr", "x"}, {"en", "x"}, {"min", 5}, {"max", 5}}})); });
  invalid_message([] { validate_questions(json::array({{{"key", "c"}, {"kind", "single"}, {"fr", "x"}, {"en", "x"}}})); });
  invalid_message([] { validate_questions(json::array()); });
}

TEST(ValidateAnswers, AcceptsEachKindAndRefusesWhatDoesNotFit) {
  json questions = validate_questions(json::array({
      {{"key", "pick"}, {"kind", "single"}, {"fr", "x"}, {"en", "x"}, {"required", true},
       {"options", {{{"value", "a"}, {"fr", "A"}, {"en", "A"}}, {{"value", "b"}, {"fr", "B"}, {"en", "B"}}}}},
      {{"key", "many"}, {"kind", "multiple"}, {"fr", "x"}, {"en", "x"},
       {"options", {{{"value", "a"}, {"fr", "A"}, {"en", "A"}}, {{"value", "b"}, {"fr", "B"}, {"en", "B"}}}}},
      {{"key", "score"}, {"kind", "scale"}, {"fr", "x"}, {"en", "x"}, {"min", 1}, {"max", 5}},
      {{"key", "say"}, {"kind", "text"}, {"fr", "x"}, {"en", "x"}},
      {{"key", "who"}, {"kind", "firms"}, {"fr", "x"}, {"en", "x"}},
  }));
  auto members = [](std::int64_t id) { return id == 10 || id == 11; };
  json ok = validate_answers(questions, {{"pick", "a"}, {"many", {"b", "a", "b"}}, {"score", 4},
                                         {"say", "<script>alert(1)</script>"}, {"who", {11}}}, members);
  EXPECT_EQ(ok["many"], json({"a", "b"}));
  EXPECT_EQ(ok["say"], "<script>alert(1)</script>");  // kept as text; the web app escapes it
  auto bad = [&](json answers) { invalid_message([&] { validate_answers(questions, answers, members); }); };
  bad({{"many", {"a"}}});                              // required 'pick' missing
  bad({{"pick", "c"}});                                // not a choice
  bad({{"pick", "a"}, {"score", 6}});                  // out of the scale
  bad({{"pick", "a"}, {"score", 2.5}});                // not whole
  bad({{"pick", "a"}, {"score", 99999999999999999999.0}});
  bad({{"pick", "a"}, {"who", {12}}});                 // not a member
  bad({{"pick", "a"}, {"say", std::string(5000, 'x')}});  // too long
  bad({{"pick", "a"}, {"extra", 1}});                  // unknown question
  bad({{"pick", "a"}, {"say", std::string("nul\0byte", 8)}});
  bad(json::array());
}

}  // namespace
}  // namespace grappe::workspace
