#include "grappe/demo/siret.hpp"

#include <gtest/gtest.h>

#include "grappe/register/sirene.hpp"

using namespace grappe::demo;
using grappe::luhn_valid;

TEST(Siret, LuhnOnHandComputedSiren) {
  // 7 3 2 8 2 9 3 2: doubling from the right gives 4+3+9+2+7+2+6+7 = 40, so the check digit is 0.
  EXPECT_EQ(luhn_check_digit(73282932, 8), 0);
  EXPECT_EQ(make_siren(73282932), 732829320u);
  EXPECT_TRUE(luhn_valid("732829320"));
  EXPECT_FALSE(luhn_valid("732829321"));
  EXPECT_FALSE(luhn_valid("73282932A"));
  EXPECT_FALSE(luhn_valid(""));
}

TEST(Siret, MadeSiretsPassTheCheckAndKeepTheirSiren) {
  for (std::uint32_t payload : {10000000u, 12345678u, 99999999u, 55555555u}) {
    const auto siren = make_siren(payload);
    EXPECT_TRUE(luhn_valid(format_siren(siren)));
    for (std::uint32_t seq : {1u, 2u, 17u, 9999u}) {
      const auto siret = make_siret(siren, seq);
      EXPECT_TRUE(luhn_valid(format_siret(siret))) << siret;
      EXPECT_EQ(siret / 100000, siren);
      EXPECT_EQ(siret % 100000 / 10, seq);
    }
  }
}

TEST(Siret, SingleDigitErrorsAreCaught) {
  const std::string s = format_siret(make_siret(make_siren(41194123), 3));
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string t = s;
    t[i] = static_cast<char>('0' + (t[i] - '0' + 1) % 10);
    EXPECT_FALSE(luhn_valid(t)) << t;
  }
}
