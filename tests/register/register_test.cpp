#include <gtest/gtest.h>

#include "grappe/common/error.hpp"
#include "register_test_support.hpp"

using namespace grappe;

TEST(Headcount, MidpointsOfInseeBands) {
  EXPECT_EQ(headcount_midpoint("NN"), 0);
  EXPECT_EQ(headcount_midpoint("00"), 0);
  EXPECT_EQ(headcount_midpoint("01"), 1.5f);
  EXPECT_EQ(headcount_midpoint("02"), 4);
  EXPECT_EQ(headcount_midpoint("03"), 7.5f);
  EXPECT_EQ(headcount_midpoint("11"), 14.5f);
  EXPECT_EQ(headcount_midpoint("12"), 34.5f);
  EXPECT_EQ(headcount_midpoint("21"), 74.5f);
  EXPECT_EQ(headcount_midpoint("22"), 149.5f);
  EXPECT_EQ(headcount_midpoint("31"), 224.5f);
  EXPECT_EQ(headcount_midpoint("32"), 374.5f);
  EXPECT_EQ(headcount_midpoint("41"), 749.5f);
  EXPECT_EQ(headcount_midpoint("42"), 1499.5f);
  EXPECT_EQ(headcount_midpoint("51"), 3499.5f);
  EXPECT_EQ(headcount_midpoint("52"), 7499.5f);
  EXPECT_EQ(headcount_midpoint("53"), 10000);
  EXPECT_EQ(headcount_midpoint(""), 0);
  EXPECT_EQ(headcount_midpoint("99"), 0);
  EXPECT_EQ(kBands[headcount_band_index("41")], "41");
}

TEST(Dates, IsoRoundTripAndValidation) {
  EXPECT_EQ(*parse_iso_date("1970-01-01"), 0);
  EXPECT_EQ(*parse_iso_date("2000-03-01"), 11017);
  EXPECT_EQ(format_date(*parse_iso_date("1965-12-31")), "1965-12-31");
  EXPECT_EQ(format_date(*parse_iso_date("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-13-01"));
  EXPECT_FALSE(parse_iso_date("2023-1-01"));
  EXPECT_FALSE(parse_iso_date(""));
  EXPECT_EQ(format_date(kUnknownDate), "");
}

TEST(RegisterBuilder, SortsBySectorThenSiret) {
  RegisterBuilder b(Naf::load(), Territories::load());
  test::fill(b);
  EXPECT_EQ(b.size(), 5u);
  Register r = b.build();
  ASSERT_EQ(r.size(), 5u);
  for (std::size_t i = 1; i < r.size(); ++i) {
    EXPECT_LE(r.sector()[i - 1], r.sector()[i]);
    if (r.sector()[i - 1] == r.sector()[i]) { EXPECT_LT(r.siret()[i - 1], r.siret()[i]); }
  }
  const auto furniture = *r.naf().find("31.01Z");
  auto [first, last] = r.sector_rows(furniture);
  EXPECT_EQ(last - first, 3u);
  EXPECT_EQ(r.siret()[first], 30012345600013u);
  EXPECT_EQ(r.siret()[last - 1], 55210055400013u);
  auto none = r.sector_rows(*r.naf().find("01.11Z"));
  EXPECT_EQ(none.first, none.second);
}

TEST(RegisterBuilder, KeepsColumnsAlignedWithRows) {
  RegisterBuilder b(Naf::load(), Territories::load());
  test::fill(b);
  Register r = b.build();
  const auto row = r.find_siret(55210055400013);
  ASSERT_NE(row, SIZE_MAX);
  EXPECT_EQ(r.siren()[row], 552100554u);
  EXPECT_EQ(r.naf().code(r.sector()[row]), "31.01Z");
  EXPECT_EQ(r.territories().commune(r.commune()[row]).code, "41194");
  EXPECT_EQ(r.x()[row], 601000);
  EXPECT_TRUE(r.has_location(row));
  EXPECT_EQ(r.headcount()[row], 34.5f);
  EXPECT_EQ(kBands[r.headcount_band()[row]], "12");
  EXPECT_EQ(r.name(row), "Firm 55210055400013");
  EXPECT_EQ(format_date(r.created()[row]), "1965-04-01");
  const auto lost = r.find_siret(12345678900019);
  EXPECT_EQ(r.commune()[lost], kNoCommune);
  EXPECT_FALSE(r.has_location(lost));
  EXPECT_TRUE(std::isnan(r.x()[lost]));
  EXPECT_EQ(r.find_siret(1), SIZE_MAX);
}

TEST(RegisterBuilder, LegalUnitsAndSuccessions) {
  RegisterBuilder b(Naf::load(), Territories::load());
  test::fill(b);
  Register r = b.build();
  ASSERT_EQ(r.legal_units().size(), 2u);
  EXPECT_EQ(r.legal_units()[0].siren, 300123456u);
  const auto* unit = r.find_legal_unit(552100554);
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->name, "Forges de Romorantin");
  EXPECT_FALSE(unit->active);
  EXPECT_EQ(r.find_legal_unit(1), nullptr);
  ASSERT_EQ(r.successions().size(), 1u);
  EXPECT_TRUE(r.successions()[0].economic_continuity);
}

TEST(RegisterBuilder, RejectsUnknownNafCode) {
  RegisterBuilder b(Naf::load(), Territories::load());
  EXPECT_THROW(b.add(test::record(1, "31.01", "41194")), InputError);
  EXPECT_THROW(b.add(test::record(1, "NAF", "41194")), InputError);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.build().size(), 0u);
}
