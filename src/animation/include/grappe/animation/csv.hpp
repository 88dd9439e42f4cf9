#pragma once
// Small RFC 4180 CSV reading and writing for the animation exports and imports (need
// statements, topics, indicators). Columns are found by header name, never by position.
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "grappe/animation/needs.hpp"
#include "grappe/common/csv.hpp"

namespace grappe::animation {

struct CsvTable {
  std::string source;  // file name for error messages
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each has header.size() fields
  std::vector<std::uint64_t> row_lines;        // line where each row starts (header = 1)
  // Index of a column; throws InputError naming the file when it is missing.
  std::size_t column(const std::string& name) const;
  std::optional<std::size_t> find_column(const std::string& name) const;
};

// Reads a ','-separated table with a header row; quoted fields may hold commas, quotes ("")
// and newlines. Throws InputError with the line number on a ragged row or unclosed quote.
CsvTable read_csv(std::istream& in, const std::string& source);

using grappe::csv_field;  // the one CSV cell policy (grappe/common/csv.hpp)
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// Need statements from CSV: columns id, firm, text; optional theme, language.
std::vector<NeedStatement> read_needs_csv(std::istream& in, const std::string& source);

}  // namespace grappe::animation
