#include "grappe/animation/lexicon.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"

namespace grappe::animation {
namespace {

constexpr std::size_t kMaxSynonyms = 40;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

int language_index(Language language) { return language == Language::french ? 0 : 1; }

// Words of a vocabulary line, as the Analyzer splits them (so "e-commerce" gives "e", "commerce"
// and the one-letter part is dropped just as in statements).
std::vector<std::string> vocabulary_words(const std::string& line) {
  std::vector<std::string> words;
  for (auto& word : split_words(to_lower_utf8(line)))
    if (fold_accents(word).size() >= 2) words.push_back(std::move(word));
  return words;
}

Theme parse_theme_header(const std::string& line, const std::string& place) {
  const auto close = line.find(']');
  const auto bar = line.find('|');
  if (close == std::string::npos || bar == std::string::npos || bar < close)
    throw InputError(place + ": a theme starts with \"[id] French label | English label\".");
  Theme theme{trim(line.substr(1, close - 1)), trim(line.substr(close + 1, bar - close - 1)),
              trim(line.substr(bar + 1))};
  if (theme.id.empty() || theme.label_fr.empty() || theme.label_en.empty())
    throw InputError(place + ": a theme needs an id, a French and an English label.");
  return theme;
}

}  // namespace

ThemeVocabulary ThemeVocabulary::load(const std::filesystem::path& file) {
  auto in = open_input(file, "theme vocabulary");
  ThemeVocabulary vocabulary;
  Stemmer stemmers[2] = {Stemmer(Language::french), Stemmer(Language::english)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    const std::string place = file.string() + ":" + std::to_string(number);
    if (line.front() == '[') {
      vocabulary.themes_.push_back(parse_theme_header(line, place));
      continue;
    }
    const bool french = line.rfind("fr:", 0) == 0;
    if (!french && line.rfind("en:", 0) != 0)
      throw InputError(place + ": expected \"[id] …\", \"fr: words\" or \"en: words\".");
    if (vocabulary.themes_.empty()) throw InputError(place + ": words before the first [theme].");
    const int language = french ? 0 : 1;
    const int theme = static_cast<int>(vocabulary.themes_.size()) - 1;
    for (const auto& word : vocabulary_words(line.substr(3))) {
      auto& themes = vocabulary.stems_[language][fold_accents(stemmers[language].stem(word))];
      if (std::find(themes.begin(), themes.end(), theme) == themes.end()) themes.push_back(theme);
    }
  }
  if (vocabulary.themes_.empty()) throw InputError(file.string() + ": the theme vocabulary has no theme.");
  return vocabulary;
}

const ThemeVocabulary& ThemeVocabulary::shipped() {
  static const ThemeVocabulary vocabulary = load(data_dir() / "needs" / "themes.txt");
  return vocabulary;
}

const std::vector<int>& ThemeVocabulary::themes_of(Language language, const std::string& stem) const {
  static const std::vector<int> none;
  const auto& stems = stems_[language_index(language)];
  const auto it = stems.find(stem);
  return it == stems.end() ? none : it->second;
}

// ---- MyThes thesaurus -------------------------------------------------------------------

namespace {

class MythesThesaurus final : public SynonymSource {
 public:
  MythesThesaurus(const std::filesystem::path& idx, const std::filesystem::path& dat, Language language)
      : dat_(dat), stemmer_(language) {
    std::ifstream in(idx);
    if (!in) throw Error("Cannot read the thesaurus index " + idx.string() + ".");
    std::string line;
    std::getline(in, line);  // encoding
    std::getline(in, line);  // entry count
    while (std::getline(in, line)) {
      const auto bar = line.rfind('|');
      if (bar == std::string::npos) continue;
      const std::string word = to_lower_utf8(line.substr(0, bar));
      const auto offset = std::strtoull(line.c_str() + bar + 1, nullptr, 10);
      if (word.find(' ') != std::string::npos) continue;  // multi-word entries never match a token
      offsets_[fold_accents(stemmer_.stem(word))].push_back(offset);
    }
  }

  std::vector<std::string> synonyms(const std::string& lower_word) const override {
    std::string stem;
    {
      const std::lock_guard lock(mutex_);  // libstemmer keeps state
      stem = fold_accents(stemmer_.stem(lower_word));
    }
    const auto it = offsets_.find(stem);
    if (it == offsets_.end()) return {};
    std::ifstream dat(dat_);
    std::vector<std::string> result;
    for (const auto offset : it->second) read_entry(dat, offset, result);
    return result;
  }

 private:
  // An entry: "word|meanings", then one line per meaning "(POS)|syn|syn…". First two meanings.
  void read_entry(std::ifstream& dat, std::uint64_t offset, std::vector<std::string>& out) const {
    dat.clear();
    dat.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    if (!std::getline(dat, line)) return;
    const auto bar = line.rfind('|');
    const int meanings = bar == std::string::npos ? 0 : std::atoi(line.c_str() + bar + 1);
    for (int m = 0; m < meanings && std::getline(dat, line); ++m) {
      if (m >= 2) continue;
      std::istringstream fields(line);
      std::string field;
      std::getline(fields, field, '|');  // part of speech
      while (std::getline(fields, field, '|') && out.size() < kMaxSynonyms)
        if (field.find(' ') == std::string::npos && field.find('(') == std::string::npos)
          out.push_back(to_lower_utf8(field));
    }
  }

  std::filesystem::path dat_;
  mutable std::mutex mutex_;
  mutable Stemmer stemmer_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> offsets_;
};

// ---- WordNet ------------------------------------------------------------------------------

class WordNet final : public SynonymSource {
 public:
  explicit WordNet(const std::filesystem::path& directory) : directory_(directory) {
    for (const char* pos : kParts) load_index(pos);
  }

  std::vector<std::string> synonyms(const std::string& lower_word) const override {
    std::vector<std::string> result;
    for (const char* pos : kParts) {
      const auto it = index_.find(std::string(pos) + ":" + lemma(lower_word, pos));
      if (it == index_.end()) continue;
      std::ifstream data(directory_ / (std::string("data.") + pos));
      for (std::size_t sense = 0; sense < it->second.size() && sense < 2; ++sense)
        read_synset(data, it->second[sense], sense == 0, result);
    }
    if (result.size() > kMaxSynonyms) result.resize(kMaxSynonyms);
    return result;
  }

 private:
  static constexpr const char* kParts[] = {"noun", "verb", "adj"};

  void load_index(const char* pos) {
    std::ifstream in(directory_ / (std::string("index.") + pos));
    if (!in)
      throw Error("Cannot read WordNet's index." + std::string(pos) + " in " + directory_.string() + ".");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line.front() == ' ') continue;  // licence header
      std::istringstream fields(line);
      std::string word, part, token;
      int synsets = 0, pointers = 0;
      fields >> word >> part >> synsets >> pointers;
      for (int p = 0; p < pointers; ++p) fields >> token;
      fields >> token >> token;  // sense_cnt, tagsense_cnt
      auto& offsets = index_[std::string(pos) + ":" + word];
      for (int s = 0; s < synsets && fields >> token; ++s) offsets.push_back(std::stoull(token));
    }
  }

  // WordNet's "morphy" detachment rules, the first form found in the index.
  std::string lemma(const std::string& word, const char* pos) const {
    static const std::vector<std::pair<std::string, std::string>> noun_rules = {
        {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"ies", "y"}, {"s", ""}};
    static const std::vector<std::pair<std::string, std::string>> verb_rules = {
        {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}, {"s", ""}};
    const std::string key = std::string(pos) + ":";
    if (index_.count(key + word)) return word;
    const auto& rules = std::string(pos) == "verb" ? verb_rules : noun_rules;
    for (const auto& [suffix, ending] : rules) {
      if (word.size() <= suffix.size() + 1 ||
          word.compare(word.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      const std::string base = word.substr(0, word.size() - suffix.size()) + ending;
      if (index_.count(key + base)) return base;
    }
    return word;
  }

  // A data line: offset lex_filenum ss_type w_cnt(hex) {word lex_id} p_cnt {symbol offset pos st} | gloss
  void read_synset(std::ifstream& data, std::uint64_t offset, bool with_hypernyms,
                   std::vector<std::string>& out) const {
    data.clear();
    data.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    if (!std::getline(data, line)) return;
    std::istringstream fields(line);
    std::string token, word;
    fields >> token >> token >> token >> token;
    const int words = static_cast<int>(std::strtol(token.c_str(), nullptr, 16));
    for (int w = 0; w < words && fields >> word >> token; ++w)
      if (word.find('_') == std::string::npos) out.push_back(to_lower_utf8(word));
    int pointers = 0;
    fields >> pointers;
    for (int p = 0; p < pointers; ++p) {
      std::string symbol, target, part, source_target;
      fields >> symbol >> target >> part >> source_target;
      if (with_hypernyms && symbol == "@") {
        std::ifstream again(data_path_of(part));
        read_synset(again, std::stoull(target), false, out);
      }
    }
  }

  std::filesystem::path data_path_of(const std::string& part) const {
    return directory_ / (part == "v" ? "data.verb" : (part == "n" ? "data.noun" : "data.adj"));
  }

  std::filesystem::path directory_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> index_;  // "pos:lemma" → synset offsets
};

std::filesystem::path env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::filesystem::path(value) : std::filesystem::path(fallback);
}

std::unique_ptr<SynonymSource> open_default(Language language) {
  if (language == Language::french) {
    const auto base = env_or("GRAPPE_MYTHES_FR", "/usr/share/mythes/th_fr_FR_v2").string();
    if (!std::filesystem::exists(base + ".idx") || !std::filesystem::exists(base + ".dat")) return nullptr;
    return open_mythes(base + ".idx", base + ".dat", Language::french);
  }
  const auto directory = env_or("GRAPPE_WORDNET_DIR", "/usr/share/wordnet");
  if (!std::filesystem::exists(directory / "index.noun")) return nullptr;
  return open_wordnet(directory);
}

}  // namespace

std::unique_ptr<SynonymSource> open_mythes(const std::filesystem::path& idx, const std::filesystem::path& dat,
                                           Language language) {
  return std::make_unique<MythesThesaurus>(idx, dat, language);
}

std::unique_ptr<SynonymSource> open_wordnet(const std::filesystem::path& directory) {
  return std::make_unique<WordNet>(directory);
}

const SynonymSource* default_synonyms(Language language) {
  static const std::unique_ptr<SynonymSource> french = open_default(Language::french);
  static const std::unique_ptr<SynonymSource> english = open_default(Language::english);
  return language == Language::french ? french.get() : english.get();
}

// ---- ThemeTagger ------------------------------------------------------------------------

ThemeTagger::ThemeTagger(const ThemeVocabulary& vocabulary, ThemeOptions options)
    : vocabulary_(vocabulary), options_(options), french_(Language::french), english_(Language::english) {}

const std::vector<int>* ThemeTagger::vocabulary_themes(Language language, const Term& term) {
  const auto& own = vocabulary_.themes_of(language, term.stem);
  if (!own.empty()) return &own;
  const Language other = language == Language::french ? Language::english : Language::french;
  auto& stemmer = other == Language::french ? french_ : english_;
  const auto& borrowed = vocabulary_.themes_of(other, fold_accents(stemmer.stem(term.word)));
  return borrowed.empty() ? nullptr : &borrowed;
}

std::vector<double> ThemeTagger::synonym_themes(Language language, const std::string& word) {
  const auto key = std::make_pair(language == Language::french ? 0 : 1, word);
  if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  std::vector<double> weights(vocabulary_.themes().size(), 0.0);
  if (const auto* source = options_.use_synonyms ? default_synonyms(language) : nullptr) {
    std::vector<int> hits(weights.size(), 0);
    auto& stemmer = language == Language::french ? french_ : english_;
    for (const auto& synonym : source->synonyms(word))
      for (const int theme : vocabulary_.themes_of(language, fold_accents(stemmer.stem(synonym))))
        ++hits[theme];
    const int most = *std::max_element(hits.begin(), hits.end());
    const auto tied = std::count(hits.begin(), hits.end(), most);
    if (most > 0)
      for (std::size_t t = 0; t < hits.size(); ++t)
        if (hits[t] == most) weights[t] = options_.synonym_weight / static_cast<double>(tied);
  }
  cache_.emplace(key, weights);
  return weights;
}

std::vector<double> ThemeTagger::weights(Language language, const std::vector<Term>& terms) {
  std::vector<double> weights(vocabulary_.themes().size(), 0.0);
  for (const auto& term : terms) {
    if (const auto* themes = vocabulary_themes(language, term)) {
      for (const int theme : *themes) weights[theme] += 1.0;
      continue;
    }
    const auto synonyms = synonym_themes(language, term.word);
    for (std::size_t t = 0; t < weights.size(); ++t) weights[t] += synonyms[t];
  }
  return weights;
}

}  // namespace grappe::animation
