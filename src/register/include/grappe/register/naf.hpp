#pragma once
// The NAF nomenclatures (INSEE). NAF rév. 2 (the default, official until 31 December 2026):
// 21 sections, 88 divisions, 272 groups, 615 classes, 732 sub-classes, loaded from
// data/naf_rev2.json (npm @socialgouv/codes-naf, Apache-2.0). NAF 2025 (official from
// 1 January 2027; SIRENE stocks carry it in activitePrincipaleNAF25Etablissement): 22 sections,
// 747 sub-classes with their labels, loaded from data/naf_2025.json (INSEE's table of
// sub-classes, data/README.md); its upper levels are derived from the codes and have no labels
// but a class with a single sub-class "Y" (which is the whole class). Sections are derived from
// divisions in both (the files have none).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grappe {

enum class NafLevel { section, division, group, klass, subclass };

// Parses "subclass|class|group|division|section" (throws InputError otherwise).
NafLevel parse_naf_level(std::string_view text);

enum class Nomenclature { naf_rev2, naf_2025 };
// Parses "nafrev2|naf2025" (throws InputError otherwise).
Nomenclature parse_nomenclature(std::string_view text);
// "NAF rév. 2" or "NAF 2025", for messages.
const char* nomenclature_name(Nomenclature nomenclature);
// Prefix that marks a NAF 2025 code in a trade's codes ("NAF2025:25.53Y"); codes without it are
// NAF rév. 2.
inline constexpr std::string_view kNaf2025Prefix = "NAF2025:";

class Naf {
 public:
  // Reads naf_rev2.json from `dir` (default: data_dir()); loaded once per process.
  static std::shared_ptr<const Naf> load(const std::filesystem::path& dir = {});
  // Reads naf_rev2.json or naf_2025.json from `dir` (default: data_dir()), once per process.
  static std::shared_ptr<const Naf> load(Nomenclature nomenclature, const std::filesystem::path& dir = {});

  Nomenclature nomenclature() const { return nomenclature_; }
  std::size_t subclass_count() const { return subclasses_.size(); }
  // Sub-class code ("31.01Z") and label of index i (indices sorted by code).
  const std::string& code(std::uint16_t subclass) const { return subclasses_[subclass]; }
  const std::string& label(std::uint16_t subclass) const { return labels_[subclass]; }
  // Index of a sub-class code; accepts "31.01Z" and "3101Z". nullopt when unknown.
  std::optional<std::uint16_t> find(std::string_view code) const;

  // Code of the sub-class's parent at `level` ("31.01Z" → class "31.01", group "31.0",
  // division "31", section "C").
  std::string parent_code(std::uint16_t subclass, NafLevel level) const;
  // Label of any code at any level ("C" → "Industrie manufacturière").
  std::string label_of(std::string_view code) const;
  // Sub-classes whose code starts with a prefix at any level ("31" → 31.01Z, 31.02Z, …; "C" → section).
  std::vector<std::uint16_t> subclasses_under(std::string_view code) const;

 private:
  static std::shared_ptr<const Naf> read(const std::filesystem::path& path, Nomenclature nomenclature);
  char section_of_division(int division) const;
  bool is_section_letter(std::string_view code) const;

  Nomenclature nomenclature_ = Nomenclature::naf_rev2;
  std::vector<std::string> subclasses_;
  std::vector<std::string> labels_;
  std::vector<std::pair<std::string, std::string>> all_labels_;  // every level, sorted by code
};

}  // namespace grappe
