#include "grappe/animation/csv.hpp"

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"

namespace grappe::animation {

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
