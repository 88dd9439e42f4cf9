#pragma once
// The demo files read whole for tests with grappe's common CSV reader (grappe/common/csv.hpp), not
// the register's block reader, so they are checked by a second opinion. Ragged rows are kept:
// the demo plants them for the ingest to reject.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "grappe/common/csv.hpp"

namespace grappe::test {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  int column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

inline CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  CsvReader reader(in, path);
  CsvTable table{reader.header(), {}, {}};
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    table.rows.emplace_back(fields.begin(), fields.end());
    table.lines.push_back(reader.line());
  }
  return table;
}

}  // namespace grappe::test
