#pragma once
// Real SIRENE rows (tests/data/register/real/README.md) laid out as later stocks carry them.
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../cli_support.hpp"  // read_text

namespace grappe::test {

inline const std::filesystem::path kRealRows =
    std::filesystem::path(GRAPPE_SOURCE_DIR) / "tests/data/register/real";

// The fields of a line of a comma-separated file without quoted fields (as these files are).
inline std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ls(line);
  for (std::string v; std::getline(ls, v, ',');) f.push_back(v);
  if (!line.empty() && line.back() == ',') f.emplace_back();
  return f;
}

inline std::string first_line(const std::filesystem::path& path) {
  const std::string text = read_text(path);
  return text.substr(0, text.find('\n'));
}

// The rows of a comma-separated file laid out under another header (columns matched by name;
// those the source lacks are left empty), as INSEE's later stocks carry the same rows.
// `fill(column, source fields)` may give a value for a column the source lacks.
template <class Fill>
std::string lay_out(const std::string& text, const std::string& header_line, Fill fill) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto from = split_commas(line), to = split_commas(header_line);
  std::vector<std::size_t> source(to.size(), SIZE_MAX);
  for (std::size_t i = 0; i < to.size(); ++i)
    for (std::size_t j = 0; j < from.size(); ++j)
      if (from[j] == to[i]) source[i] = j;
  auto value_of = [&](const std::vector<std::string>& f, const std::string& name) {
    for (std::size_t j = 0; j < from.size(); ++j)
      if (from[j] == name) return f[j];
    return std::string{};
  };
  std::string out = header_line + "\n";
  while (std::getline(in, line)) {
    auto f = split_commas(line);
    f.resize(from.size());
    for (std::size_t i = 0; i < to.size(); ++i)
      out += (i ? "," : "") + (source[i] == SIZE_MAX
                                   ? fill(to[i], [&](const std::string& n) { return value_of(f, n); })
                                   : f[source[i]]);
    out += "\n";
  }
  return out;
}

inline std::string lay_out(const std::string& text, const std::string& header_line) {
  return lay_out(text, header_line, [](const std::string&, auto) { return std::string{}; });
}

// The 2020 rows under the 2025 header (54 columns) with a NAF 2025 code for the test: no real
// rows with that column were found, so each row gets the NAF 2025 sub-class "Y" of its NAF
// rév. 2 class when NAF 2025 has one (a rule of this test, not INSEE's correspondence), and the
// row of siret 00032517500065 an unknown code.
inline std::string twenty_twenty_as_2025(const std::set<std::string>& naf2025_codes) {
  return lay_out(read_text(kRealRows / "StockEtablissement_2020_48col.csv"),
                 first_line(kRealRows / "StockEtablissement_2025_layout.csv"),
                 [&](const std::string& column, auto value) {
                   if (column != "activitePrincipaleNAF25Etablissement") return std::string{};
                   if (value("siret") == "00032517500065") return std::string("99.99Q");
                   const std::string code = value("activitePrincipaleEtablissement").substr(0, 5) + "Y";
                   return naf2025_codes.count(code) ? code : std::string{};
                 });
}

}  // namespace grappe::test
