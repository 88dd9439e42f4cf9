#pragma once
// Founders/directors file: `siren,person,role,date_debut,date_fin` (header matched by name;
// person = any opaque id; dates YYYY-MM-DD, date_fin may be empty). Person ids are re-hashed at
// once with a per-installation secret salt (SipHash-2-4, libsodium crypto_shorthash), kept only
// as 64-bit keys to pair roles, and never written anywhere (docs/lineage.md, "Privacy").
#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "grappe/lineage/genealogy.hpp"

namespace grappe::lineage {

class PersonHasher {
 public:
  static constexpr std::size_t kSaltBytes = 16;
  explicit PersonHasher(const std::array<unsigned char, kSaltBytes>& salt);
  // Reads the salt file, creating it (random, mode 0600) when it does not exist.
  static PersonHasher from_salt_file(const std::filesystem::path& path);
  // $GRAPPE_SALT_FILE, else $XDG_CONFIG_HOME/grappe/person.salt, else ~/.config/grappe/person.salt.
  static std::filesystem::path default_salt_file();
  std::uint64_t hash(std::string_view person) const;

 private:
  std::array<unsigned char, kSaltBytes> salt_;
};

struct FounderFileStats {
  std::uint64_t rows = 0, roles = 0, bad_rows = 0;
};

// Reads a founders file into roles (bad rows are reported to the builder with their line and
// skipped). Throws InputError when the file cannot be read or a required column is missing.
FounderFileStats read_founders(const std::filesystem::path& path, const PersonHasher& hasher,
                               GenealogyBuilder& builder);

}  // namespace grappe::lineage
