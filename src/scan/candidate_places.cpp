#include "candidate_places.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "grappe/register/trade.hpp"

namespace grappe {

namespace {

constexpr double kMergeOverlap = 0.5;
constexpr double kWordG2 = 10.83;  // χ²(1) at p = 0.001
constexpr std::size_t kMaxWords = 8;
constexpr double kPhraseShare = 0.8;

std::vector<std::uint64_t> sirets(const Candidate& c) {
  std::vector<std::uint64_t> s;
  for (const auto& m : c.members) s.push_back(m.siret);
  std::sort(s.begin(), s.end());
  return s;
}

void absorb(Candidate& lead, Candidate other) {
  // The lens with the most members leads: its window and statistics describe the place.
  if (other.trade_establishments > lead.trade_establishments) std::swap(lead, other);
  std::map<std::uint64_t, std::size_t> at;
  for (std::size_t i = 0; i < lead.members.size(); ++i) at[lead.members[i].siret] = i;
  for (auto& m : other.members) {
    auto it = at.find(m.siret);
    if (it == at.end()) {
      at[m.siret] = lead.members.size();
      lead.members.push_back(std::move(m));
      continue;
    }
    auto& found = lead.members[it->second].found_by;
    for (auto& id : m.found_by)
      if (std::find(found.begin(), found.end(), id) == found.end()) found.push_back(id);
  }
  for (auto& lens : other.lenses) lead.lenses.push_back(std::move(lens));
}

const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> s = {
      "les",        "des",     "aux",           "sur",   "sous",      "par",     "pour",
      "chez",       "une",     "the",           "and",   "of",        "sas",     "sasu",
      "sarl",       "eurl",    "sci",           "snc",   "selarl",    "scop",    "ste",
      "societe",    "ets",     "etablissement", "cie",   "compagnie", "fil",     "fils",
      "frere",      "associe", "groupe",        "group", "holding",   "france",  "international",
      "entreprise", "son",     "ses",           "leur",  "nouvelle",  "nouveau", "grand",
      "grande",     "petit",   "petite",        "saint", "sainte",    "mme",     "mr"};
  return s;
}

std::string singular(std::string w) {
  if (w.size() >= 5 && (w.back() == 's' || w.back() == 'x') && w[w.size() - 2] != 's') w.pop_back();
  return w;
}

// The words of an establishment: its own name's and its legal unit's.
std::vector<std::string> row_words(const Register& reg, std::uint32_t row) {
  auto words = trade_words_of(reg.name(row));
  if (const auto* unit = reg.find_legal_unit(reg.siren()[row])) {
    auto more = trade_words_of(unit->name);
    words.insert(words.end(), more.begin(), more.end());
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
  }
  return words;
}

using WordCounts = std::unordered_map<std::string, std::uint32_t>;

// Per sub-class: active establishments, and how many hold each word (computed once per code).
struct CodeWords {
  std::uint32_t establishments = 0;
  WordCounts holding;
};

std::map<std::uint16_t, CodeWords> code_words(const Register& reg, const std::set<std::uint16_t>& codes) {
  std::vector<std::uint16_t> list(codes.begin(), codes.end());
  std::vector<CodeWords> counted(list.size());
  tbb::parallel_for(std::size_t{0}, list.size(), [&](std::size_t i) {
    const auto [first, last] = reg.sector_rows(list[i]);
    for (std::size_t row = first; row < last; ++row) {
      if (!(reg.flags()[row] & kActive)) continue;
      ++counted[i].establishments;
      for (auto& w : row_words(reg, static_cast<std::uint32_t>(row))) ++counted[i].holding[w];
    }
  });
  std::map<std::uint16_t, CodeWords> out;
  for (std::size_t i = 0; i < list.size(); ++i) out[list[i]] = std::move(counted[i]);
  return out;
}

std::set<std::uint16_t> candidate_codes(const Register& reg, const Candidate& c) {
  std::set<std::uint16_t> codes;
  for (const auto& lens : c.lenses)
    for (auto s : trade_subclasses(reg, Trade{lens.trade, lens.trade_name, lens.codes, {}, {}, {}}))
      codes.insert(s);
  return codes;
}

// Adjacent kept words that nearly always come together become one phrase ("mobilier commercial").
void join_phrases(const Register& reg, const Candidate& c, std::vector<TradeWord>& words) {
  for (std::size_t i = 0; i < words.size(); ++i)
    for (std::size_t j = 0; j < words.size(); ++j) {
      if (i == j || words[i].word.find(' ') != std::string::npos ||
          words[j].word.find(' ') != std::string::npos)
        continue;
      const std::string phrase = " " + words[i].word + " " + words[j].word;
      std::uint32_t together = 0;
      for (const auto& m : c.members) {
        std::string text = normalize_words(reg.name(m.row));
        if (const auto* unit = reg.find_legal_unit(reg.siren()[m.row])) text += normalize_words(unit->name);
        together += text.find(phrase) != std::string::npos;
      }
      if (together < kPhraseShare * words[i].members || together < kPhraseShare * words[j].members) continue;
      words[i].word = phrase.substr(1);
      words[i].g2 = std::max(words[i].g2, words[j].g2);
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(j));
      return join_phrases(reg, c, words);
    }
}

std::vector<TradeWord> words_of(const Register& reg, const Candidate& c,
                                const std::map<std::uint16_t, CodeWords>& all) {
  const std::set<std::uint16_t> codes = candidate_codes(reg, c);
  WordCounts in_members;
  for (const auto& m : c.members)
    for (auto& w : row_words(reg, m.row)) ++in_members[w];
  const double members = static_cast<double>(c.members.size());
  double others = -members;  // the members are among the codes' establishments
  for (auto s : codes) others += all.at(s).establishments;
  std::vector<TradeWord> words;
  for (const auto& [word, a] : in_members) {
    if (a < 2) continue;
    double national = -static_cast<double>(a);
    for (auto s : codes)
      if (auto it = all.at(s).holding.find(word); it != all.at(s).holding.end()) national += it->second;
    national = std::max(0.0, national);
    if (!(a / members > national / std::max(others, 1.0))) continue;
    const double g2 = dunning_g2(a, members, national, std::max(others, 0.0));
    if (g2 >= kWordG2) words.push_back({word, g2, a, static_cast<std::uint32_t>(national)});
  }
  std::sort(words.begin(), words.end(), [](const TradeWord& x, const TradeWord& y) {
    return x.g2 != y.g2 ? x.g2 > y.g2 : x.word < y.word;
  });
  if (words.size() > kMaxWords) words.resize(kMaxWords);
  join_phrases(reg, c, words);
  return words;
}

// Establishments of the window named with the words, of a code none of the lenses scanned.
void add_other_code_members(const Register& reg, const ScanPopulation& population, Candidate& c) {
  std::vector<std::string> keys;
  for (const auto& w : c.words) keys.push_back(normalize_words(w.word));
  const std::set<std::uint16_t> codes = candidate_codes(reg, c);
  const double r2 = c.radius_m * c.radius_m;
  for (std::size_t p = 0; p < population.rows.size(); ++p) {
    const double dx = population.x[p] - c.x, dy = population.y[p] - c.y;
    if (dx * dx + dy * dy > r2) continue;
    const std::uint32_t row = population.rows[p];
    if (codes.count(reg.sector()[row])) continue;
    bool named = matches_keywords(normalize_words(reg.name(row)), keys);
    if (!named)
      if (const auto* unit = reg.find_legal_unit(reg.siren()[row]))
        named = matches_keywords(normalize_words(unit->name), keys);
    if (!named) continue;
    CandidateMember m;
    m.siret = reg.siret()[row];
    m.name = std::string(reg.name(row));
    m.address = std::string(reg.address(row));
    m.code = reg.naf().code(reg.sector()[row]);
    m.found_by = {"words"};
    m.row = row;
    m.headcount = population.headcount[p];
    m.lon = reg.lon()[row];
    m.lat = reg.lat()[row];
    c.other_code_members.push_back(std::move(m));
  }
}

}  // namespace

double member_overlap(const Candidate& a, const Candidate& b) {
  const auto sa = sirets(a), sb = sirets(b);
  if (sa.empty() || sb.empty()) return 0;
  std::vector<std::uint64_t> both;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(std::min(sa.size(), sb.size()));
}

// A place found through several lenses reads as its catalogue trade when one of them is one
// ("Shop fitting", not "Trade found at Soings-en-Sologne (…)"): a reader knows the trade by that
// name. The statistics stay those of the lead lens (the one with the most members).
namespace {
void name_after_catalogue_trade(Candidate& c) {
  if (c.lenses.empty() || c.lenses.front().kind == "trade") return;
  const auto catalogue = std::find_if(c.lenses.begin(), c.lenses.end(),
                                      [](const CandidateLens& l) { return l.kind == "trade"; });
  if (catalogue != c.lenses.end()) c.trade_name = catalogue->trade_name;
}
}  // namespace

std::vector<Candidate> merge_candidates(std::vector<Candidate> ranked) {
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<Candidate> kept;
    for (auto& c : ranked) {
      auto it = std::find_if(kept.begin(), kept.end(),
                             [&](const Candidate& k) { return member_overlap(c, k) > kMergeOverlap; });
      if (it == kept.end()) {
        kept.push_back(std::move(c));
      } else {
        absorb(*it, std::move(c));
        changed = true;
      }
    }
    ranked = std::move(kept);
  }
  for (auto& c : ranked) name_after_catalogue_trade(c);
  return ranked;
}

void add_trade_words(const Register& reg, const ScanPopulation& population,
                     std::vector<Candidate>& candidates) {
  std::set<std::uint16_t> codes;
  for (const auto& c : candidates)
    for (auto s : candidate_codes(reg, c)) codes.insert(s);
  const auto all = code_words(reg, codes);
  tbb::parallel_for(std::size_t{0}, candidates.size(), [&](std::size_t i) {
    candidates[i].words = words_of(reg, candidates[i], all);
    if (!candidates[i].words.empty()) add_other_code_members(reg, population, candidates[i]);
  });
}

std::vector<std::string> trade_words_of(std::string_view name) {
  const std::string text = normalize_words(name);
  std::vector<std::string> words;
  for (std::size_t at = 1; at < text.size();) {
    const std::size_t end = text.find(' ', at);
    std::string w = singular(text.substr(at, end - at));
    at = end + 1;
    if (w.size() < 3 || std::all_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      continue;
    if (stop_words().count(w)) continue;
    words.push_back(std::move(w));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

double dunning_g2(double a, double m, double c, double b) {
  const double total = m + b, holding = a + c;
  if (total <= 0 || holding <= 0 || holding >= total) return 0;
  auto term = [](double o, double e) { return o > 0 ? o * std::log(o / e) : 0.0; };
  return 2 * (term(a, m * holding / total) + term(m - a, m * (total - holding) / total) +
              term(c, b * holding / total) + term(b - c, b * (total - holding) / total));
}

}  // namespace grappe
