#pragma once
// A small RFC 4180 reader for tests (commas, doubled quotes, newlines inside quoted fields),
// independent of the register's reader so the demo files are checked by a second opinion.
#include <cstdint>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace grappe::test {

class CsvReader {
 public:
  explicit CsvReader(const std::string& path) : in_(path, std::ios::binary) {}
  bool ok() const { return static_cast<bool>(in_); }

  // Reads the next record; `start_line` is the physical line where it starts (1-based).
  bool next(std::vector<std::string>& fields, std::uint64_t& start_line) {
    fields.clear();
    if (in_.peek() == EOF) return false;
    start_line = line_;
    std::string field;
    bool quoted = false;
    char c;
    while (in_.get(c)) {
      if (quoted) {
        if (c == '"') {
          if (in_.peek() == '"') {
            field += '"';
            in_.get(c);
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    fields.push_back(std::move(field));
    return true;
  }

 private:
  std::ifstream in_;
  std::uint64_t line_ = 1;
};

// Reads a whole CSV file as header + rows of name → value maps (small files only).
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
  CsvTable table;
  CsvReader reader(path);
  std::uint64_t line = 0;
  if (!reader.next(table.header, line)) return table;
  std::vector<std::string> fields;
  while (reader.next(fields, line)) {
    table.rows.push_back(fields);
    table.lines.push_back(line);
  }
  return table;
}

}  // namespace grappe::test
