#include "grappe/common/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "grappe/common/error.hpp"

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

using Fields = std::vector<std::string>;

// Every record of `text` after the header, with the line where each starts.
std::vector<std::pair<std::uint64_t, Fields>> records(const std::string& text, char separator = ',') {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv", separator);
  std::vector<std::pair<std::uint64_t, Fields>> out;
  for (std::vector<std::string_view> f; reader.next(f);)
    out.emplace_back(reader.line(), Fields(f.begin(), f.end()));
  return out;
}

TEST(CsvReader, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  const auto r = records("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\nlast,\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0], (std::pair<std::uint64_t, Fields>{2, {"x, y", "say \"hi\""}}));
  EXPECT_EQ(r[1], (std::pair<std::uint64_t, Fields>{3, {"two\nlines", ""}}));
  EXPECT_EQ(r[2], (std::pair<std::uint64_t, Fields>{5, {"last", ""}}));  // lines count physical lines
}

TEST(CsvReader, DropsTheBomAndCarriageReturnsAndSkipsBlankLines) {
  std::istringstream in("\xEF\xBB\xBF\"code\";name\r\n\r\n01001;Ain\r\n\n");
  CsvReader reader(in, "t.csv", ';');
  EXPECT_EQ(reader.header(), (Fields{"code", "name"}));
  EXPECT_EQ(reader.column("name"), 1u);
  std::vector<std::string_view> f;
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(Fields(f.begin(), f.end()), (Fields{"01001", "Ain"}));
  EXPECT_EQ(reader.line(), 3u);
  EXPECT_FALSE(reader.next(f));
}

TEST(CsvReader, ErrorsNameTheFileLineAndColumn) {
  auto message = [](const std::string& text, auto read) {
    try {
      std::istringstream in(text);
      read(in);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("a,b\n1,2\n3,\"open\n4,5\n", [](std::istream& in) { read_csv(in, "t.csv"); }),
            "t.csv:3: a quoted field is never closed");
  EXPECT_EQ(message("a,b\n1,2\n3\n", [](std::istream& in) { read_csv(in, "t.csv"); }),
            "t.csv:3: the row has 1 fields, the header has 2");
  EXPECT_EQ(message("a,b\n", [](std::istream& in) { CsvReader(in, "t.csv").column("c"); }),
            "t.csv:1: column 'c': the header has no such column");
  EXPECT_EQ(message("", [](std::istream& in) { CsvReader(in, "t.csv"); }), "t.csv:1: the file is empty");
}

}  // namespace grappe
