#include "grappe/common/csv.hpp"

#include <algorithm>

namespace grappe {

std::string csv_field(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return csv_quoted("'" + std::string(text));
  return csv_quoted(text);
}

std::string csv_quoted(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

namespace {

std::optional<std::size_t> index_of(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

std::size_t required_column(const std::vector<std::string>& header, std::string_view name,
                            const std::string& source) {
  if (auto index = index_of(header, name)) return *index;
  throw InputError(SourceLocation{source, 1, std::string(name), ""}, "the header has no such column");
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string source, char separator)
    : in_(in), source_(std::move(source)), separator_(separator) {
  std::vector<std::string_view> fields;
  if (!next(fields)) throw InputError(SourceLocation{source_, 1, "", ""}, "the file is empty");
  header_.assign(fields.begin(), fields.end());
}

std::optional<std::size_t> CsvReader::find_column(std::string_view name) const {
  return index_of(header_, name);
}
std::size_t CsvReader::column(std::string_view name) const { return required_column(header_, name, source_); }

// One physical line into `line` without its line end; false at the end of the input.
bool CsvReader::read_line(std::string& line) {
  if (!std::getline(in_, line)) return false;
  if (++lines_read_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  do {  // blank lines are skipped
    if (!read_line(text_)) return false;
  } while (text_.empty());
  line_ = lines_read_;
  if (text_.find('"') == std::string::npos) {  // the common case: views into the line
    for (std::string_view rest(text_);;) {
      const auto end = rest.find(separator_);
      fields.push_back(rest.substr(0, end));
      if (end == std::string_view::npos) return true;
      rest.remove_prefix(end + 1);
    }
  }
  unquoted_.assign(1, std::string());
  bool quoted = false;
  for (std::size_t i = 0;; ++i) {
    if (i == text_.size()) {
      if (!quoted) break;
      if (!read_line(more_))
        throw InputError(SourceLocation{source_, line_, "", ""}, "a quoted field is never closed");
      (text_ += '\n') += more_;  // a line break inside quotes belongs to the field
    }
    const char c = text_[i];
    if (quoted && c == '"' && i + 1 < text_.size() && text_[i + 1] == '"') {
      unquoted_.back() += '"';
      ++i;
    } else if (c == '"' && (quoted || unquoted_.back().empty())) {
      quoted = !quoted;
    } else if (c == separator_ && !quoted) {
      unquoted_.emplace_back();
    } else {
      unquoted_.back() += c;
    }
  }
  fields.assign(unquoted_.begin(), unquoted_.end());
  return true;
}

std::optional<std::size_t> CsvTable::find_column(std::string_view name) const {
  return index_of(header, name);
}
std::size_t CsvTable::column(std::string_view name) const { return required_column(header, name, source); }

CsvTable read_csv(std::istream& in, const std::string& source, char separator) {
  CsvReader reader(in, source, separator);
  CsvTable table{source, reader.header(), {}, {}};
  for (std::vector<std::string_view> fields; reader.next(fields);) {
    if (fields.size() != table.header.size())
      throw InputError(reader.where(), "the row has " + std::to_string(fields.size()) +
                                           " fields, the header has " + std::to_string(table.header.size()));
    table.rows.emplace_back(fields.begin(), fields.end());
    table.row_lines.push_back(reader.line());
  }
  return table;
}

}  // namespace grappe
