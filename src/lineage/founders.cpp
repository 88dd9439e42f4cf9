#include "grappe/lineage/founders.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "grappe/common/csv.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/lineage/dates.hpp"

namespace grappe::lineage {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
}

std::optional<std::uint32_t> parse_siren(std::string_view text) {
  std::uint32_t value = 0;
  if (text.size() != 9) return std::nullopt;
  auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

PersonHasher::PersonHasher(const std::array<unsigned char, kSaltBytes>& salt) : salt_(salt) {
  static_assert(kSaltBytes == crypto_shorthash_KEYBYTES);
  init_sodium();
}

std::filesystem::path PersonHasher::default_salt_file() {
  if (const char* p = std::getenv("GRAPPE_SALT_FILE"); p && *p) return p;
  if (const char* p = std::getenv("XDG_CONFIG_HOME"); p && *p) return std::filesystem::path(p) / "grappe" / "person.salt";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".config" / "grappe" / "person.salt";
}

PersonHasher PersonHasher::from_salt_file(const std::filesystem::path& path) {
  init_sodium();
  std::array<unsigned char, kSaltBytes> salt{};
  if (std::ifstream in(path, std::ios::binary); in) {
    in.read(reinterpret_cast<char*>(salt.data()), salt.size());
    if (in.gcount() != static_cast<std::streamsize>(salt.size()))
      throw InputError(SourceLocation{path.string(), 0, "", ""},
                       fmt::format("the salt file is shorter than {} bytes (delete it to make a new one; person "
                                   "hashes will change)", salt.size()));
    return PersonHasher(salt);
  }
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  randombytes_buf(salt.data(), salt.size());
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(salt.data()), salt.size());
    if (!out) throw Error("cannot create the salt file " + path.string());
  }
  ::chmod(path.c_str(), S_IRUSR | S_IWUSR);  // secret: owner only
  return PersonHasher(salt);
}

std::uint64_t PersonHasher::hash(std::string_view person) const {
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(person.data()), person.size(), salt_.data());
  std::uint64_t h = 0;
  for (unsigned char b : out) h = (h << 8) | b;
  return h;
}

FounderFileStats read_founders(const std::filesystem::path& path, const PersonHasher& hasher,
                               GenealogyBuilder& builder) {
  std::vector<Role> roles;
  std::vector<Problem> bad_rows;
  const auto stats = read_founder_roles(path, hasher, roles, bad_rows);
  for (auto& p : bad_rows) builder.report(p.kind, std::move(p.detail));
  builder.add_roles(std::move(roles));
  return stats;
}

FounderFileStats read_founder_roles(const std::filesystem::path& path, const PersonHasher& hasher,
                                    std::vector<Role>& roles, std::vector<Problem>& bad_rows) {
  auto in = open_input(path, "founders file", true);
  std::vector<char> buffer(1 << 20);
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  CsvReader reader(in, path.string());
  int col[5];
  const char* names[5] = {"siren", "person", "role", "date_debut", "date_fin"};
  for (int c = 0; c < 5; ++c) {
    const auto index = reader.find_column(names[c]);
    col[c] = index ? static_cast<int>(*index) : -1;
    if (col[c] < 0 && c != 4)  // date_fin is optional
      throw InputError(reader.where(names[c]), "the founders file lacks this column");
  }
  FounderFileStats stats;
  std::vector<std::string_view> views;
  auto bad = [&](const std::string& column, std::string_view value, const std::string& why) {
    ++stats.bad_rows;
    bad_rows.push_back(
        {ProblemKind::bad_row, format_location(reader.where(column, std::string(value))) + ": " + why});
  };
  while (reader.next(views)) {
    ++stats.rows;
    if (views.size() <= static_cast<std::size_t>(std::max({col[0], col[1], col[2], col[3]}))) {
      bad("", views.empty() ? std::string_view() : views[0].substr(0, 40), "wrong number of fields");
      continue;
    }
    const auto siren = parse_siren(views[col[0]]);
    if (!siren) { bad("siren", views[col[0]], "not a 9-digit SIREN"); continue; }
    if (views[col[1]].empty()) { bad("person", "", "empty person id"); continue; }
    const auto start = parse_date(views[col[3]]);
    if (!start) { bad("date_debut", views[col[3]], "not a date (YYYY-MM-DD)"); continue; }
    std::optional<Date> end = kUnknownDate;
    if (col[4] >= 0 && static_cast<std::size_t>(col[4]) < views.size()) end = parse_date(views[col[4]]);
    if (!end) { bad("date_fin", views[col[4]], "not a date (YYYY-MM-DD)"); continue; }
    roles.push_back({hasher.hash(views[col[1]]), *siren, *start, *end});
  }
  stats.roles = roles.size();
  return stats;
}

}  // namespace grappe::lineage
