#include "grappe/common/error.hpp"

#include <gtest/gtest.h>

namespace grappe {

TEST(Error, NamesThePlace) {
  InputError e(SourceLocation{"etab.csv", 12, "siret", "12AB"}, "not a 14-digit SIRET");
  EXPECT_STREQ(e.what(), "etab.csv:12: column 'siret' value '12AB': not a 14-digit SIRET");
  ASSERT_TRUE(e.where().has_value());
  EXPECT_EQ(e.where()->line, 12u);
}

TEST(Error, ShortensLongValues) {
  std::string value(200, 'x');
  std::string text = format_location(SourceLocation{"f.csv", 0, "", value});
  EXPECT_LT(text.size(), 80u);
}

}  // namespace grappe
