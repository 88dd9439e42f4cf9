#include "grappe/common/csv.hpp"

#include <gtest/gtest.h>

namespace grappe {

TEST(CsvField, QuotesWhatNeedsQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

// Register names reach scan's candidate CSV: none may run as a spreadsheet formula.
TEST(CsvField, NeutralisesEveryFormulaStart) {
  for (const char* formula : {"=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tX", "\rX"})
    EXPECT_EQ(csv_field(formula).find_first_of("=+-@\t\r"), csv_field(formula).front() == '"' ? 2u : 1u)
        << formula;
  EXPECT_EQ(csv_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_field("=A1,B1"), "\"'=A1,B1\"");
  EXPECT_EQ(csv_field("SARL =X"), "SARL =X");  // only the first character counts
}

// The rejected records of `grappe ingest --rejects` are read back as they are: quoted, not guarded.
TEST(CsvQuoted, QuotesWithoutTheFormulaGuard) {
  EXPECT_EQ(csv_quoted("=1+2"), "=1+2");
  EXPECT_EQ(csv_quoted("-4.5,x"), "\"-4.5,x\"");
  EXPECT_EQ(csv_field("-4.5,x"), "\"'-4.5,x\"");
}

}  // namespace grappe
