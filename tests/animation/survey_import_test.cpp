#include <gtest/gtest.h>

#include "grappe/animation/survey_import.hpp"

using namespace grappe::animation;

TEST(SurveyImport, SplitsFreeTextIntoStatements) {
  const auto pieces = split_need_text("- Refaire le site internet\n• Trouver des apprentis ; recruter un soudeur\n\n  -  \nok");
  // A ';' joins clauses of one need: the statement stays whole.
  const std::vector<std::string> expected{"Refaire le site internet", "Trouver des apprentis ; recruter un soudeur", "ok"};
  EXPECT_EQ(pieces, expected);
}

TEST(SurveyImport, NeedsAndTiesFromAnswers) {
  const Date day = parse_date("2026-03-02");
  const std::vector<SurveyAnswer> answers{
      {"r1", "12", std::nullopt,
       {{"needs", {"logistics"}}, {"needs_detail", "Mutualiser les livraisons\nPartager un camion"}, {"known_members", {15, 12, 18}}},
       day},
      {"r2", "15", Language::english, {{"needs", {"digital", "export"}}, {"needs_detail", "A new website"}}, day},
      {"r3", "18", std::nullopt, {{"needs_detail", 42}, {"known_members", "not a list"}}, day},  // wrong types: skipped
  };
  const auto imported = import_survey_answers(answers);
  ASSERT_EQ(imported.needs.size(), 3u);
  EXPECT_EQ(imported.needs[0].id, "r1-1");
  EXPECT_EQ(imported.needs[1].text, "Partager un camion");
  EXPECT_EQ(imported.needs[1].theme, "logistics");  // exactly one theme chosen
  EXPECT_EQ(imported.needs[2].theme, "");           // two themes: not assigned
  EXPECT_EQ(imported.needs[2].language, Language::english);
  ASSERT_EQ(imported.ties.size(), 2u);  // 12–15 and 12–18; the firm naming itself is skipped
  EXPECT_EQ(imported.ties[1].firm_b, "18");
  EXPECT_EQ(imported.ties[0].date, day);
}
