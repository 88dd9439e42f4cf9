#pragma once
// CSV: one quoting and formula-guard policy for every CSV grappe writes (scan candidates,
// measures, survey and animation exports), and one reader for every CSV it reads except the
// SIRENE stock files (grappe/register/csv_reader.hpp: parallel blocks, gzip/zip, encodings).
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grappe/common/error.hpp"

namespace grappe {

// One text cell (RFC 4180: quoted when it holds a comma, a quote or a line break). Text a
// spreadsheet would run as a formula — starting with = + - @, a tab or a carriage return — gets a
// leading apostrophe, so a firm named "=HYPERLINK(…)" in the register stays text (OWASP "CSV
// injection"). Numbers are written as numbers, not through here.
std::string csv_field(std::string_view text);
// The same quoting without the guard, for files grappe reads back as they are written (the
// rejected records of `grappe ingest --rejects`, to be fixed and ingested again).
std::string csv_quoted(std::string_view text);

// Reads a CSV file record by record (communes, point files, founders, need imports): RFC 4180
// quoting (a field quoted from its first character may hold the separator, "" for a quote, and
// line breaks), LF or CRLF line ends, a UTF-8 BOM dropped, blank lines skipped. Errors are
// InputErrors naming the file and line (and the column when the caller gives it: where()).
class CsvReader {
 public:
  // Reads the header record; an empty input is an InputError.
  CsvReader(std::istream& in, std::string source, char separator = ',');
  const std::vector<std::string>& header() const { return header_; }
  std::optional<std::size_t> find_column(std::string_view name) const;
  // The column's index, or an InputError "<file>:1: column '<name>': the header has no such column".
  std::size_t column(std::string_view name) const;
  // The next record's fields, views valid until the next call; false at the end of the input.
  // A quote never closed is an InputError naming the line where its record starts.
  bool next(std::vector<std::string_view>& fields);
  // The line where the last record read starts (the header is line 1).
  std::uint64_t line() const { return line_; }
  SourceLocation where(std::string column = {}, std::string value = {}) const {
    return {source_, line_, std::move(column), std::move(value)};
  }

 private:
  bool read_line(std::string& line);

  std::istream& in_;
  std::string source_;
  char separator_;
  std::vector<std::string> header_;
  std::string text_, more_;            // the record's physical lines; the next one
  std::vector<std::string> unquoted_;  // the fields of a record with quotes
  std::uint64_t line_ = 0, lines_read_ = 0;
};

// A whole CSV table whose rows all have the header's field count (else an InputError naming the line).
struct CsvTable {
  std::string source;  // file name for error messages
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> row_lines;  // line where each row starts (header = 1)
  std::optional<std::size_t> find_column(std::string_view name) const;
  std::size_t column(std::string_view name) const;  // InputError naming the file when missing
};
CsvTable read_csv(std::istream& in, const std::string& source, char separator = ',');

}  // namespace grappe
