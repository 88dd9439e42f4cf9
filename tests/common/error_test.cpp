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

TEST(Error, KindDecidesExitCodeAndHttpStatus) {
  const InputError input("bad option");
  EXPECT_EQ(input.kind(), ErrorKind::input);
  EXPECT_EQ(input.code(), "invalid");
  EXPECT_EQ(exit_code(input.kind()), 2);
  EXPECT_EQ(http_status(input.kind()), 400);
  const Error missing(ErrorKind::not_found, "no_register", "needs a register");
  EXPECT_EQ(missing.code(), "no_register");
  EXPECT_EQ(http_status(missing.kind()), 404);
  EXPECT_EQ(exit_code(Error("disk full", ErrorKind::io).kind()), 1);
  EXPECT_EQ(http_status(Error("bug").kind()), 500);  // internal unless said otherwise
  EXPECT_EQ(http_status(ErrorKind::too_many), 429);
}

}  // namespace grappe
