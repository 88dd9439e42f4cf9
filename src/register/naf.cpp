#include "grappe/register/naf.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <span>

#include "grappe/common/error.hpp"
#include "grappe/common/paths.hpp"

namespace grappe {
namespace {

// NAF rév. 2 sections (INSEE): first and last division of each, with its label. The npm file
// has no sections, so they are fixed here (they have not changed since 2008).
struct Section {
  char letter;
  int first_division, last_division;
  const char* label;
};
constexpr std::array<Section, 21> kSectionsRev2 = {{
    {'A', 1, 3, "Agriculture, sylviculture et pêche"},
    {'B', 5, 9, "Industries extractives"},
    {'C', 10, 33, "Industrie manufacturière"},
    {'D', 35, 35, "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné"},
    {'E', 36, 39, "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution"},
    {'F', 41, 43, "Construction"},
    {'G', 45, 47, "Commerce ; réparation d'automobiles et de motocycles"},
    {'H', 49, 53, "Transports et entreposage"},
    {'I', 55, 56, "Hébergement et restauration"},
    {'J', 58, 63, "Information et communication"},
    {'K', 64, 66, "Activités financières et d'assurance"},
    {'L', 68, 68, "Activités immobilières"},
    {'M', 69, 75, "Activités spécialisées, scientifiques et techniques"},
    {'N', 77, 82, "Activités de services administratifs et de soutien"},
    {'O', 84, 84, "Administration publique"},
    {'P', 85, 85, "Enseignement"},
    {'Q', 86, 88, "Santé humaine et action sociale"},
    {'R', 90, 93, "Arts, spectacles et activités récréatives"},
    {'S', 94, 96, "Autres activités de services"},
    {'T', 97, 98,
     "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que "
     "producteurs de biens et services pour usage propre"},
    {'U', 99, 99, "Activités extra-territoriales"},
}};

// NAF 2025 sections (those of NACE rév. 2.1, in which NAF 2025 is nested): 22, A to V; the
// division 45 is gone (its trade went to 46 and 47, its repair to 95), J and K split the old J.
// Labels are left out: no machine-readable copy of them was found (data/README.md).
constexpr std::array<Section, 22> kSections2025 = {{
    {'A', 1, 3, ""},   {'B', 5, 9, ""},   {'C', 10, 33, ""}, {'D', 35, 35, ""}, {'E', 36, 39, ""},
    {'F', 41, 43, ""}, {'G', 46, 47, ""}, {'H', 49, 53, ""}, {'I', 55, 56, ""}, {'J', 58, 60, ""},
    {'K', 61, 63, ""}, {'L', 64, 66, ""}, {'M', 68, 68, ""}, {'N', 69, 75, ""}, {'O', 77, 82, ""},
    {'P', 84, 84, ""}, {'Q', 85, 85, ""}, {'R', 86, 88, ""}, {'S', 90, 93, ""}, {'T', 94, 96, ""},
    {'U', 97, 98, ""}, {'V', 99, 99, ""},
}};

std::span<const Section> sections_of(Nomenclature n) {
  if (n == Nomenclature::naf_2025) return kSections2025;
  return kSectionsRev2;
}

bool is_letter(std::string_view code) { return code.size() == 1 && code[0] >= 'A' && code[0] <= 'Z'; }

// "3101Z" → "31.01Z", "3101" → "31.01", "310" → "31.0"; dotted codes are returned unchanged.
std::string dotted(std::string_view code) {
  std::string out(code);
  if (out.size() > 2 && out.find('.') == std::string::npos && !is_letter(code)) out.insert(2, ".");
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

NafLevel parse_naf_level(std::string_view text) {
  if (text == "subclass") return NafLevel::subclass;
  if (text == "class") return NafLevel::klass;
  if (text == "group") return NafLevel::group;
  if (text == "division") return NafLevel::division;
  if (text == "section") return NafLevel::section;
  throw InputError("unknown NAF level '" + std::string(text) +
                   "': expected subclass, class, group, division or section");
}

Nomenclature parse_nomenclature(std::string_view text) {
  if (text == "nafrev2") return Nomenclature::naf_rev2;
  if (text == "naf2025") return Nomenclature::naf_2025;
  throw InputError("unknown nomenclature '" + std::string(text) + "': expected nafrev2 or naf2025");
}

const char* nomenclature_name(Nomenclature nomenclature) {
  return nomenclature == Nomenclature::naf_2025 ? "NAF 2025" : "NAF rév. 2";
}

std::shared_ptr<const Naf> Naf::load(const std::filesystem::path& dir) {
  return load(Nomenclature::naf_rev2, dir);
}

std::shared_ptr<const Naf> Naf::load(Nomenclature nomenclature, const std::filesystem::path& dir) {
  const auto path = (dir.empty() ? data_dir() : dir) /
                    (nomenclature == Nomenclature::naf_2025 ? "naf_2025.json" : "naf_rev2.json");
  static std::mutex mutex;  // immutable once loaded: once per process and file
  static std::map<std::string, std::shared_ptr<const Naf>> cache;
  std::lock_guard lock(mutex);
  auto& cached = cache[path.string()];
  if (!cached) cached = read(path, nomenclature);
  return cached;
}

char Naf::section_of_division(int division) const {
  for (const auto& s : sections_of(nomenclature_))
    if (division >= s.first_division && division <= s.last_division) return s.letter;
  return '?';
}

bool Naf::is_section_letter(std::string_view code) const {
  if (!is_letter(code)) return false;
  const auto sections = sections_of(nomenclature_);
  return code[0] <= sections.back().letter;
}

std::shared_ptr<const Naf> Naf::read(const std::filesystem::path& path, Nomenclature nomenclature) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read the NAF nomenclature " + path.string());
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw Error("the NAF nomenclature " + path.string() + " is not valid JSON: " + e.what());
  }
  auto naf = std::make_shared<Naf>();
  naf->nomenclature_ = nomenclature;
  for (const auto& entry : doc)
    naf->all_labels_.emplace_back(entry.at("id").get<std::string>(), entry.at("label").get<std::string>());
  std::sort(naf->all_labels_.begin(), naf->all_labels_.end());
  for (const auto& [id, label] : naf->all_labels_)
    if (id.size() == 6) {  // "31.01Z", in code order
      naf->subclasses_.push_back(id);
      naf->labels_.push_back(label);
    }
  for (const auto& s : sections_of(nomenclature))
    if (*s.label) naf->all_labels_.emplace_back(std::string(1, s.letter), s.label);
  std::sort(naf->all_labels_.begin(), naf->all_labels_.end());
  if (naf->subclasses_.empty() || naf->subclasses_.size() >= UINT16_MAX)
    throw Error("the NAF nomenclature " + path.string() + " has no usable sub-classes");
  return naf;
}

std::optional<std::uint16_t> Naf::find(std::string_view code) const {
  if (code.size() != 5 && code.size() != 6) return std::nullopt;
  const std::string key = dotted(code);
  auto it = std::lower_bound(subclasses_.begin(), subclasses_.end(), key);
  if (it == subclasses_.end() || *it != key) return std::nullopt;
  return static_cast<std::uint16_t>(it - subclasses_.begin());
}

std::string Naf::parent_code(std::uint16_t subclass, NafLevel level) const {
  const std::string& code = subclasses_.at(subclass);
  if (level == NafLevel::section) return std::string(1, section_of_division(std::stoi(code.substr(0, 2))));
  static constexpr std::array<std::size_t, 5> kLength = {1, 2, 4, 5, 6};  // by NafLevel
  return code.substr(0, kLength[static_cast<std::size_t>(level)]);
}

std::string Naf::label_of(std::string_view code) const {
  const std::string key = dotted(code);
  auto it = std::lower_bound(all_labels_.begin(), all_labels_.end(), key,
                             [](const auto& entry, const std::string& k) { return entry.first < k; });
  if (it != all_labels_.end() && it->first == key) return it->second;
  // NAF 2025 lists sub-classes only: a class whose one sub-class is "Y" is that sub-class.
  if (nomenclature_ == Nomenclature::naf_2025 && key.size() == 5)
    if (const auto y = find(key + "Y")) return labels_[*y];
  return {};
}

std::vector<std::uint16_t> Naf::subclasses_under(std::string_view code) const {
  std::vector<std::uint16_t> out;
  if (code.empty()) return out;
  if (is_section_letter(code)) {
    for (std::size_t i = 0; i < subclasses_.size(); ++i)
      if (section_of_division(std::stoi(subclasses_[i].substr(0, 2))) == code[0])
        out.push_back(static_cast<std::uint16_t>(i));
    return out;
  }
  const std::string prefix = dotted(code);
  auto it = std::lower_bound(subclasses_.begin(), subclasses_.end(), prefix);
  for (; it != subclasses_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
    out.push_back(static_cast<std::uint16_t>(it - subclasses_.begin()));
  return out;
}

}  // namespace grappe
