#include <gtest/gtest.h>

#include "grappe/animation/text.hpp"
#include "grappe/common/error.hpp"

using namespace grappe::animation;

TEST(Text, LowerCasesAsciiAndLatinLetters) {
  EXPECT_EQ(to_lower_utf8("ÉTÉ À Noël ŒUVRE Ÿ"), "été à noël œuvre ÿ");
  EXPECT_EQ(to_lower_utf8("ABC-123"), "abc-123");
}

TEST(Text, FoldsAccentsAndLigatures) {
  EXPECT_EQ(fold_accents("été à noël œuvre ça straße æ"), "ete a noel oeuvre ca strasse ae");
  EXPECT_EQ(fold_accents("plain"), "plain");
}

TEST(Text, InvalidUtf8NeverCrashes) {
  const std::string bad = "caf\xC3 \xFF\xFE ok";
  EXPECT_NO_THROW(to_lower_utf8(bad));
  const auto words = split_words(to_lower_utf8(bad));
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words.back(), "ok");
}

TEST(Text, SplitsOnApostrophesAndPunctuation) {
  const auto words = split_words("l'export, d’abord : 30 % (vite)");
  const std::vector<std::string> expected{"l", "export", "d", "abord", "30", "vite"};
  EXPECT_EQ(words, expected);
}

TEST(Text, FrenchStemmerConflatesInflections) {
  Stemmer stemmer(Language::french);
  EXPECT_EQ(stemmer.stem("recruter"), stemmer.stem("recrutement"));
  EXPECT_EQ(stemmer.stem("livraisons"), stemmer.stem("livraison"));
  EXPECT_EQ(stemmer.stem("fournisseurs"), stemmer.stem("fournisseur"));
}

TEST(Text, EnglishStemmerConflatesInflections) {
  Stemmer stemmer(Language::english);
  EXPECT_EQ(stemmer.stem("deliveries"), stemmer.stem("delivery"));
  EXPECT_EQ(stemmer.stem("hiring"), stemmer.stem("hire"));
}

TEST(Text, AnalyzerDropsStopWordsAndFoldsStems) {
  Analyzer analyzer(Language::french);
  const auto terms = analyzer.analyze("Nous avons besoin d'un site internet pour l'équipe");
  std::vector<std::string> stems;
  for (const auto& term : terms) stems.push_back(term.stem);
  const std::vector<std::string> expected{"sit", "internet", "equip"};
  EXPECT_EQ(stems, expected);
  EXPECT_EQ(terms.back().word, "équipe");
}

TEST(Text, ShippedStopWordListsLoad) {
  EXPECT_GT(StopWords::for_language(Language::french).size(), 150u);
  EXPECT_GT(StopWords::for_language(Language::english).size(), 100u);
  EXPECT_TRUE(StopWords::for_language(Language::french).contains("etre"));
}

TEST(Text, GuessesLanguageFromStopWords) {
  const auto english = std::optional(Language::english);
  EXPECT_EQ(statement_language("Nous voulons mutualiser les livraisons avec les voisins", english),
            Language::french);
  EXPECT_EQ(statement_language("We would like to share the deliveries with the neighbours", std::nullopt),
            Language::english);
  EXPECT_EQ(statement_language("Xylophone", english), Language::english);  // no stop word: the hint
  EXPECT_EQ(statement_language("Xylophone", std::nullopt), Language::french);
}

TEST(Text, ParsesLanguageCodes) {
  EXPECT_EQ(parse_language("FR"), Language::french);
  EXPECT_EQ(parse_language("english"), Language::english);
  EXPECT_THROW(parse_language("de"), grappe::InputError);
}
