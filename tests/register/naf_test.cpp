#include "grappe/register/naf.hpp"

#include <gtest/gtest.h>

#include "grappe/common/error.hpp"

using namespace grappe;

TEST(Naf, LoadsAll732SubclassesSortedByCode) {
  auto naf = Naf::load();
  ASSERT_EQ(naf->subclass_count(), 732u);
  for (std::uint16_t i = 1; i < naf->subclass_count(); ++i) EXPECT_LT(naf->code(i - 1), naf->code(i));
  auto i = naf->find("31.01Z");
  ASSERT_TRUE(i);
  EXPECT_EQ(naf->code(*i), "31.01Z");
  EXPECT_EQ(naf->label(*i), "Fabrication de meubles de bureau et de magasin");
}

TEST(Naf, FindAcceptsUndottedCodesAndRejectsUnknown) {
  auto naf = Naf::load();
  EXPECT_EQ(naf->find("3101Z"), naf->find("31.01Z"));
  EXPECT_FALSE(naf->find("31.01"));
  EXPECT_FALSE(naf->find("99.99Z"));
  EXPECT_FALSE(naf->find(""));
  EXPECT_FALSE(naf->find("3101ZZZ"));
}

TEST(Naf, ParentsAtEveryLevel) {
  auto naf = Naf::load();
  const auto i = *naf->find("31.01Z");
  EXPECT_EQ(naf->parent_code(i, NafLevel::klass), "31.01");
  EXPECT_EQ(naf->parent_code(i, NafLevel::group), "31.0");
  EXPECT_EQ(naf->parent_code(i, NafLevel::division), "31");
  EXPECT_EQ(naf->parent_code(i, NafLevel::section), "C");
  EXPECT_EQ(naf->parent_code(*naf->find("01.11Z"), NafLevel::section), "A");
  EXPECT_EQ(naf->parent_code(*naf->find("99.00Z"), NafLevel::section), "U");
  EXPECT_EQ(naf->parent_code(*naf->find("43.32B"), NafLevel::section), "F");
}

TEST(Naf, LabelsAndSubclassesUnderAnyLevel) {
  auto naf = Naf::load();
  EXPECT_EQ(naf->label_of("C"), "Industrie manufacturière");
  EXPECT_FALSE(naf->label_of("31").empty());
  EXPECT_EQ(naf->label_of("ZZ"), "");
  EXPECT_EQ(naf->subclasses_under("31").size(), 5u);  // 31.01Z 31.02Z 31.03Z 31.09A 31.09B
  EXPECT_EQ(naf->subclasses_under("3101").size(), 1u);
  std::size_t total = 0;
  for (char s = 'A'; s <= 'U'; ++s) total += naf->subclasses_under(std::string(1, s)).size();
  EXPECT_EQ(total, 732u);  // sections partition the sub-classes
  EXPECT_TRUE(naf->subclasses_under("").empty());
}

TEST(Naf, ParsesLevels) {
  EXPECT_EQ(parse_naf_level("class"), NafLevel::klass);
  EXPECT_EQ(parse_naf_level("section"), NafLevel::section);
  EXPECT_THROW(parse_naf_level("sector"), InputError);
}

TEST(Naf, NafTwentyTwentyFiveHas747SubclassesWithTheirLabels) {
  auto naf = Naf::load(Nomenclature::naf_2025);
  EXPECT_EQ(naf->nomenclature(), Nomenclature::naf_2025);
  ASSERT_EQ(naf->subclass_count(), 747u);  // INSEE's table of NAF 2025 sub-classes
  for (std::uint16_t i = 1; i < naf->subclass_count(); ++i) EXPECT_LT(naf->code(i - 1), naf->code(i));
  const auto bees = naf->find("0148G");
  ASSERT_TRUE(bees);
  EXPECT_EQ(naf->label(*bees), "Apiculture");
  EXPECT_FALSE(naf->find("31.01Z"));  // a NAF rév. 2 code
  EXPECT_EQ(naf->label_of("25.99"), "Fabrication d’autres produits métalliques n.c.a.");  // its one "Y"
  EXPECT_EQ(naf->label_of("01.48"), "");  // three sub-classes, no class label in the table
}

TEST(Naf, NafTwentyTwentyFiveSectionsAreThoseOfNaceTwoPointOne) {
  auto naf = Naf::load(Nomenclature::naf_2025);
  auto section = [&](const char* code) { return naf->parent_code(*naf->find(code), NafLevel::section); };
  EXPECT_EQ(section("46.11Y").front(), 'G');  // no division 45 any more
  EXPECT_EQ(section("58.11Y").front(), 'J');
  EXPECT_EQ(section("62.10Y").front(), 'K');
  EXPECT_EQ(section("68.20G").front(), 'M');
  EXPECT_EQ(section("99.00Y").front(), 'V');
  EXPECT_EQ(naf->subclasses_under("V").size(), 1u);
  EXPECT_EQ(naf->subclasses_under("G").size(),
            naf->subclasses_under("46").size() + naf->subclasses_under("47").size());
  EXPECT_EQ(naf->parent_code(*naf->find("01.48H"), NafLevel::klass), "01.48");
  EXPECT_EQ(parse_nomenclature("naf2025"), Nomenclature::naf_2025);
  EXPECT_EQ(parse_nomenclature("nafrev2"), Nomenclature::naf_rev2);
  EXPECT_THROW(parse_nomenclature("NAF25"), InputError);
}
