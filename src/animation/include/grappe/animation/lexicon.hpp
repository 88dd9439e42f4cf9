#pragma once
// Meaning for need statements beyond shared words: a bilingual vocabulary of cooperation
// themes (data/needs/themes.txt, written for grappe) and the synonym dictionaries Debian
// ships — the French thesaurus of mythes-fr (LGPL-2.1+) and Princeton WordNet 3.0 for English
// (wordnet-base, WordNet licence). Both are read at run time from their Debian locations; when
// one is missing the vocabulary is used alone (the result stays deterministic either way).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "grappe/animation/text.hpp"

namespace grappe::animation {

struct Theme {
  std::string id;        // "digital"
  std::string label_fr;  // "Numérique"
  std::string label_en;  // "Digital"
};

// Themes and the words that signal them, per language; words are matched by stem.
class ThemeVocabulary {
 public:
  // Throws InputError naming the file and line on a malformed line.
  static ThemeVocabulary load(const std::filesystem::path& file);
  // data/needs/themes.txt under grappe::data_dir(), loaded once per process.
  static const ThemeVocabulary& shipped();
  const std::vector<Theme>& themes() const { return themes_; }
  // Theme indices signalled by a folded stem in a language (empty when none).
  const std::vector<int>& themes_of(Language language, const std::string& stem) const;

 private:
  std::vector<Theme> themes_;
  std::unordered_map<std::string, std::vector<int>> stems_[2];
};

// Synonyms of a lower-case word from a dictionary (a thesaurus or WordNet). Thread-safe reads.
class SynonymSource {
 public:
  virtual ~SynonymSource() = default;
  // Lower-case synonyms of the word's first senses (at most a few dozen); empty when unknown.
  virtual std::vector<std::string> synonyms(const std::string& lower_word) const = 0;
};

// The OpenOffice/MyThes thesaurus format (`.idx` + `.dat`), e.g. mythes-fr's th_fr_FR_v2.
// Words are found by their Snowball stem, so inflected forms ("livraisons") find the entry.
std::unique_ptr<SynonymSource> open_mythes(const std::filesystem::path& idx, const std::filesystem::path& dat,
                                           Language language);
// Princeton WordNet 3.0 database files (index.noun, data.noun, index.verb, data.verb, …):
// synonyms of the first two senses of a noun, verb or adjective, and the words of the first
// sense's hypernyms. Plural and verb endings are undone by WordNet's "morphy" rules.
std::unique_ptr<SynonymSource> open_wordnet(const std::filesystem::path& directory);

// The synonym source of a language from its default place, or nullptr when not installed:
// French: $GRAPPE_MYTHES_FR (path without .idx/.dat) or /usr/share/mythes/th_fr_FR_v2;
// English: $GRAPPE_WORDNET_DIR or /usr/share/wordnet. Opened once per process.
const SynonymSource* default_synonyms(Language language);

// Theme weights of one analysed statement (one weight per theme of the vocabulary):
// a word of the vocabulary gives 1 to each of its themes (a word of the other language's list
// is also recognised: statements mix "showroom" and "coworking" into French); a word outside
// the vocabulary whose synonyms hit it gives `synonym_weight`, shared among the themes its
// synonyms hit most.
struct ThemeOptions {
  double synonym_weight = 0.5;
  bool use_synonyms = true;
};
class ThemeTagger {
 public:
  explicit ThemeTagger(const ThemeVocabulary& vocabulary, ThemeOptions options = {});
  std::vector<double> weights(Language language, const std::vector<Term>& terms);
  // Themes a term of the vocabulary signals directly (nullptr when none).
  const std::vector<int>* vocabulary_themes(Language language, const Term& term);

 private:
  std::vector<double> synonym_themes(Language language, const std::string& word);

  const ThemeVocabulary& vocabulary_;
  ThemeOptions options_;
  Stemmer french_, english_;
  std::map<std::pair<int, std::string>, std::vector<double>> cache_;
};

}  // namespace grappe::animation
