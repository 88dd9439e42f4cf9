#pragma once
// Text normalisation for need statements in French and English: lower case, stop words,
// Snowball stemming (libstemmer), accent folding. Pure functions; no I/O except loading
// the stop-word lists shipped in data/stopwords/.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace grappe::animation {

enum class Language { french, english };

// "fr" / "en" (also "french", "english", any case); throws grappe::InputError otherwise.
Language parse_language(std::string_view code);
std::string_view language_code(Language language);

// Lower-cases UTF-8 text (ASCII and Latin-1/Latin Extended-A letters), keeping accents.
std::string to_lower_utf8(std::string_view text);

// Folds accents and ligatures of lower-case UTF-8 text to ASCII: "é"→"e", "œ"→"oe", "ß"→"ss".
// Characters with no ASCII fold are kept as they are.
std::string fold_accents(std::string_view text);

// Splits lower-cased text into word tokens: runs of letters and digits. Apostrophes split
// words ("l'export" → "l", "export"), so French elisions become separate stop words.
std::vector<std::string> split_words(std::string_view lower_text);

// A stop-word list (stored folded, so "été" and "ete" both match).
class StopWords {
 public:
  StopWords() = default;
  explicit StopWords(const std::vector<std::string>& words);
  // One word per line; '#' starts a comment; blank lines ignored.
  static StopWords load(const std::filesystem::path& file);
  // data/stopwords/<code>.txt under grappe::data_dir().
  static StopWords for_language(Language language);
  bool contains(std::string_view folded_word) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// A Snowball stemmer for one language. Not thread-safe (libstemmer keeps state): one per thread.
class Stemmer {
 public:
  explicit Stemmer(Language language);
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // Stems one lower-case UTF-8 word (accents kept: the French algorithm reads them).
  std::string stem(std::string_view lower_word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One analysed token: the stem used for matching (folded) and the surface word it came from.
struct Term {
  std::string stem;
  std::string word;
};

// The whole chain for one language: lower → split → drop stop words and one-letter tokens →
// stem → fold. Tokens made only of digits are dropped (years, amounts say nothing of a subject).
class Analyzer {
 public:
  Analyzer(Language language, StopWords stop_words);
  // Uses the shipped stop-word list of the language.
  explicit Analyzer(Language language);
  std::vector<Term> analyze(std::string_view text);
  Language language() const { return language_; }

 private:
  Language language_;
  StopWords stop_words_;
  Stemmer stemmer_;
};

// The language of a statement: the text's guess (shipped lists) when one language has more stop
// words; on a tie the hint, else French.
Language statement_language(std::string_view text, std::optional<Language> hint);
// True when the folded word is a stop word of French or English (shipped lists): such a word is
// never shown in a group's name.
bool is_stop_word_in_any_language(std::string_view folded_word);

}  // namespace grappe::animation
