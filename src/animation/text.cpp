#include "grappe/animation/text.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "grappe/common/error.hpp"
#include "grappe/common/files.hpp"
#include "grappe/common/paths.hpp"

namespace grappe::animation {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes give U+FFFD (one byte).
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int length = 0;
  char32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++i;
    return kInvalid;
  }
  if (i + length > text.size()) {
    ++i;
    return kInvalid;
  }
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t lower_code_point(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  const bool even = cp % 2 == 0;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return even ? cp + 1 : cp;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return even ? cp : cp + 1;
  if (cp == 0x178) return 0xFF;
  return cp;
}

// Base letter of U+0100..U+017F; '1' stands for "ij", '2' for "oe".
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii11jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo22rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";

// Folds one lower-case code point; returns false when it has no ASCII fold.
bool fold_code_point(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return true;
  }
  if (cp >= 0xE0 && cp <= 0xFF && cp != 0xF7) {
    static constexpr std::string_view latin1 =
        "aaaaaa"
        "Xceeeeiiii"
        "dnooooo_ouuuuyty";
    const char base = latin1[cp - 0xE0];
    if (base == 'X') {
      out += "ae";
    } else if (cp == 0xFE) {
      out += "th";
    } else {
      out += base;
    }
    return true;
  }
  if (cp == 0xDF) {
    out += "ss";
    return true;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    const char base = kLatinExtendedA[cp - 0x100];
    if (base == '1') {
      out += "ij";
    } else if (base == '2') {
      out += "oe";
    } else {
      out += base;
    }
    return true;
  }
  return false;
}

bool is_word_code_point(char32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  if (cp == 0xD7 || cp == 0xF7 || cp == kInvalid) return false;
  return (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x1FFF);
}

}  // namespace

Language parse_language(std::string_view code) {
  std::string lower(code);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "fr" || lower == "french" || lower == "fra") return Language::french;
  if (lower == "en" || lower == "english" || lower == "eng") return Language::english;
  throw InputError("Unknown language '" + std::string(code) + "': expected 'fr' or 'en'.");
}

std::string_view language_code(Language language) { return language == Language::french ? "fr" : "en"; }

std::string to_lower_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) append_utf8(out, lower_code_point(next_code_point(text, i)));
  return out;
}

std::string fold_accents(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (!fold_code_point(cp, out)) append_utf8(out, cp);
  }
  return out;
}

std::vector<std::string> split_words(std::string_view lower_text) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = 0; i < lower_text.size();) {
    const char32_t cp = next_code_point(lower_text, i);
    if (is_word_code_point(cp)) {
      append_utf8(current, cp);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

StopWords::StopWords(const std::vector<std::string>& words) {
  for (const auto& word : words) words_.insert(fold_accents(to_lower_utf8(word)));
}

StopWords StopWords::load(const std::filesystem::path& file) {
  auto in = open_input(file, "stop-word list");
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    for (auto& word : split_words(to_lower_utf8(line))) words.push_back(std::move(word));
  }
  return StopWords(words);
}

StopWords StopWords::for_language(Language language) {
  return load(data_dir() / "stopwords" / (std::string(language_code(language)) + ".txt"));
}

bool StopWords::contains(std::string_view folded_word) const {
  return words_.count(std::string(folded_word)) > 0;
}

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

Stemmer::Stemmer(Language language) : impl_(std::make_unique<Impl>()) {
  const char* algorithm = language == Language::french ? "french" : "english";
  impl_->stemmer = sb_stemmer_new(algorithm, "UTF_8");
  if (!impl_->stemmer) throw Error(std::string("libstemmer has no '") + algorithm + "' stemmer.");
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::stem(std::string_view lower_word) {
  const auto* stemmed = sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                        static_cast<int>(lower_word.size()));
  if (!stemmed) throw Error("libstemmer ran out of memory.");
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer)));
}

Analyzer::Analyzer(Language language, StopWords stop_words)
    : language_(language), stop_words_(std::move(stop_words)), stemmer_(language) {}

Analyzer::Analyzer(Language language) : Analyzer(language, StopWords::for_language(language)) {}

std::vector<Term> Analyzer::analyze(std::string_view text) {
  std::vector<Term> terms;
  for (auto& word : split_words(to_lower_utf8(text))) {
    const std::string folded = fold_accents(word);
    const bool number = folded.find_first_not_of("0123456789") == std::string::npos;
    if (folded.size() < 2 || number || stop_words_.contains(folded)) continue;
    terms.push_back({fold_accents(stemmer_.stem(word)), std::move(word)});
  }
  return terms;
}

namespace {

std::pair<int, int> stop_word_hits(std::string_view text, const StopWords& french, const StopWords& english) {
  std::pair<int, int> hits{0, 0};
  for (const auto& word : split_words(to_lower_utf8(text))) {
    const std::string folded = fold_accents(word);
    hits.first += french.contains(folded);
    hits.second += english.contains(folded);
  }
  return hits;
}

const StopWords& shipped_stop_words(Language language) {
  static const StopWords french = StopWords::for_language(Language::french);
  static const StopWords english = StopWords::for_language(Language::english);
  return language == Language::french ? french : english;
}

}  // namespace

Language statement_language(std::string_view text, std::optional<Language> hint) {
  const auto [french_hits, english_hits] =
      stop_word_hits(text, shipped_stop_words(Language::french), shipped_stop_words(Language::english));
  if (french_hits != english_hits) return english_hits > french_hits ? Language::english : Language::french;
  return hint.value_or(Language::french);
}

bool is_stop_word_in_any_language(std::string_view folded_word) {
  return shipped_stop_words(Language::french).contains(folded_word) ||
         shipped_stop_words(Language::english).contains(folded_word);
}

}  // namespace grappe::animation
