#include "grappe/animation/csv.hpp"

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"

namespace grappe::animation {

std::optional<std::size_t> CsvTable::find_column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

std::size_t CsvTable::column(const std::string& name) const {
  if (auto index = find_column(name)) return *index;
  throw InputError(SourceLocation{source, 1, name, ""}, "the header has no column '" + name + "'");
}

CsvTable read_csv(std::istream& in, const std::string& source) {
  CsvTable table;
  table.source = source;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool any = false;  // the current row has content
  std::uint64_t line = 1, row_line = 1;
  const auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    if (table.header.empty()) {
      if (!row.front().empty() && row.front().rfind("\xEF\xBB\xBF", 0) == 0) row.front().erase(0, 3);  // BOM
      table.header = std::move(row);
    } else if (row.size() != table.header.size()) {
      throw InputError(SourceLocation{source, row_line, "", ""}, "the row has " + std::to_string(row.size()) +
                                                                     " fields, the header has " +
                                                                     std::to_string(table.header.size()));
    } else {
      table.rows.push_back(std::move(row));
      table.row_lines.push_back(row_line);
    }
    row.clear();
    any = false;
  };
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && in.peek() == '\n') in.get(c);
      if (any || !field.empty()) end_row();
      row_line = ++line;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw InputError(SourceLocation{source, row_line, "", ""}, "a quoted field is never closed");
  if (any || !field.empty()) end_row();
  if (table.header.empty()) throw InputError(SourceLocation{source, 1, "", ""}, "the file is empty");
  return table;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
  out << '\n';
}

std::vector<NeedStatement> read_needs_csv(std::istream& in, const std::string& source) {
  const auto table = read_csv(in, source);
  const auto id = table.column("id"), firm = table.column("firm"), text = table.column("text");
  const auto theme = table.find_column("theme"), language = table.find_column("language");
  std::vector<NeedStatement> needs;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    NeedStatement need{row[id], row[firm], theme ? row[*theme] : "", row[text], std::nullopt};
    if (need.id.empty())
      throw InputError(SourceLocation{source, table.row_lines[r], "id", ""}, "a need statement has no id");
    if (need.firm.empty())
      throw InputError(SourceLocation{source, table.row_lines[r], "firm", ""},
                       "a need statement has no firm");
    if (need.text.find_first_not_of(" \t\r\n") == std::string::npos)
      throw InputError(SourceLocation{source, table.row_lines[r], "text", ""},
                       "a need statement has no text");
    if (language && !row[*language].empty()) {
      try {
        need.language = parse_language(row[*language]);
      } catch (const InputError&) {
        throw InputError(SourceLocation{source, table.row_lines[r], "language", row[*language]},
                         "expected 'fr' or 'en'");
      }
    }
    needs.push_back(std::move(need));
  }
  return needs;
}

}  // namespace grappe::animation
