#include "grappe/animation/needs.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

#include "grappe/common/error.hpp"

namespace grappe::animation {
namespace {

std::vector<std::string> sorted_distinct(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// Sum of the unit TF-IDF vectors of the group's statements (dense, over the vocabulary).
std::vector<double> centroid(const CollectiveNeed& group, const NeedCorpus& corpus) {
  std::vector<double> sum(corpus.tfidf.terms.size(), 0.0);
  for (const auto& id : group.need_ids)
    for (const auto& [term, weight] : corpus.tfidf.documents[corpus.position(id)].entries)
      sum[term] += weight;
  return sum;
}

// The vocabulary theme with the largest summed weight over the group's statements, or -1.
int heaviest_theme(const CollectiveNeed& group, const NeedCorpus& corpus) {
  std::vector<double> total(ThemeVocabulary::shipped().themes().size(), 0.0);
  for (const auto& id : group.need_ids) {
    const auto& weights = corpus.theme_weights[corpus.position(id)];
    for (std::size_t t = 0; t < total.size() && t < weights.size(); ++t) total[t] += weights[t];
  }
  const auto best = std::max_element(total.begin(), total.end());
  return best == total.end() || *best <= 0 ? -1 : static_cast<int>(best - total.begin());
}

// Words ranked by the statements of the group using them times a corpus idf, ln(1 + N/df)
// (class-based TF-IDF: a word the group shares beats a one-off), doubled for the words that
// signal the group's theme; stop words of either language never show.
std::vector<std::string> top_terms(const CollectiveNeed& group, const NeedCorpus& corpus, int category,
                                   int count) {
  std::map<std::uint32_t, int> used_by;
  for (const auto& id : group.need_ids)
    for (const auto& [term, weight] : corpus.tfidf.documents[corpus.position(id)].entries) ++used_by[term];
  std::vector<std::pair<double, std::uint32_t>> ranked;
  const double n = static_cast<double>(corpus.needs.size());
  for (const auto& [term, statements] : used_by) {
    const auto& themes = corpus.term_themes[term];
    const bool on_theme = std::find(themes.begin(), themes.end(), category) != themes.end();
    const double score =
        statements * std::log(1.0 + n / corpus.tfidf.document_frequency[term]) * (on_theme ? 2 : 1);
    ranked.emplace_back(-score, term);
  }
  std::stable_sort(ranked.begin(), ranked.end());
  std::vector<std::string> terms;
  for (const auto& [negative, term] : ranked) {
    if (terms.size() >= std::size_t(count)) break;
    const auto& display = corpus.tfidf.display[term];
    if (!is_stop_word_in_any_language(fold_accents(display)) &&
        std::find(terms.begin(), terms.end(), display) == terms.end())
      terms.push_back(display);
  }
  return terms;
}

// "Numérique : site, logiciel, réseaux" — the theme's label in the group's majority language
// (French on a tie), then the top terms; only the terms when no theme is found.
std::string suggested_name(const CollectiveNeed& group, const NeedCorpus& corpus, int category) {
  std::string terms;
  for (const auto& term : group.top_terms) terms += (terms.empty() ? "" : ", ") + term;
  if (category < 0) return terms.empty() ? "(no terms)" : terms;
  int english = 0;
  for (const auto& id : group.need_ids)
    english += corpus.needs[corpus.position(id)].language == Language::english;
  const auto& theme = ThemeVocabulary::shipped().themes()[category];
  const bool in_english = 2 * english > static_cast<int>(group.need_ids.size());
  const std::string label = in_english ? theme.label_en : theme.label_fr;
  if (terms.empty()) return label;
  return label + (in_english ? ": " : " : ") + terms;
}

// Recomputes everything about a group that follows from its statements.
void describe(CollectiveNeed& group, const NeedCorpus& corpus, const GroupingOptions& options) {
  // Positions looked up once (a lookup per comparison made a large group's sort its main cost).
  std::vector<std::pair<std::size_t, std::string>> ordered;
  ordered.reserve(group.need_ids.size());
  for (auto& id : group.need_ids) ordered.emplace_back(corpus.position(id), std::move(id));
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < ordered.size(); ++i) group.need_ids[i] = std::move(ordered[i].second);
  std::vector<std::string> firms;
  std::map<std::string, int> themes;
  for (const auto& id : group.need_ids) {
    const auto& need = corpus.needs[corpus.position(id)];
    firms.push_back(need.firm);
    if (!need.theme.empty()) ++themes[need.theme];
  }
  group.firms = sorted_distinct(std::move(firms));
  group.theme.clear();
  int best_count = 0;
  for (const auto& [theme, count] : themes)
    if (count > best_count) group.theme = theme, best_count = count;

  const auto sum = centroid(group, corpus);
  const int category = heaviest_theme(group, corpus);
  group.category = category < 0 ? "" : ThemeVocabulary::shipped().themes()[category].id;
  group.top_terms = top_terms(group, corpus, category, options.name_terms);

  SparseVector center;
  for (std::size_t t = 0; t < sum.size(); ++t)
    if (sum[t] > 0) center.entries.emplace_back(static_cast<std::uint32_t>(t), sum[t]);
  std::vector<std::pair<double, std::size_t>> closeness;
  for (const auto& id : group.need_ids) {
    const auto position = corpus.position(id);
    closeness.emplace_back(-cosine_similarity(corpus.tfidf.documents[position], center), position);
  }
  std::sort(closeness.begin(), closeness.end());
  group.sample_texts.clear();
  for (const auto& [negative, position] : closeness) {
    if (group.sample_texts.size() >= std::size_t(options.sample_texts)) break;
    const auto& text = corpus.needs[position].text;
    if (std::find(group.sample_texts.begin(), group.sample_texts.end(), text) == group.sample_texts.end())
      group.sample_texts.push_back(text);
  }
  if (!group.named_by_animator) group.name = suggested_name(group, corpus, category);
}

void sort_groups(Grouping& grouping) {
  std::stable_sort(grouping.groups.begin(), grouping.groups.end(), [](const auto& a, const auto& b) {
    const auto firms_a = a.supporting_firms().size(), firms_b = b.supporting_firms().size();
    if (firms_a != firms_b) return firms_a > firms_b;
    if (a.need_ids.size() != b.need_ids.size()) return a.need_ids.size() > b.need_ids.size();
    return a.id < b.id;
  });
}

CollectiveNeed& find_group(Grouping& grouping, int id) {
  for (auto& group : grouping.groups)
    if (group.id == id) return group;
  throw InputError("There is no collective need with id " + std::to_string(id) + ".");
}

// Average cosine similarity of one statement to the statements of a group.
double average_similarity(const NeedCorpus& corpus, std::size_t position, const CollectiveNeed& group) {
  if (group.need_ids.empty()) return 0.0;
  double sum = 0;
  for (const auto& id : group.need_ids)
    sum += cosine_similarity(corpus.features[position], corpus.features[corpus.position(id)]);
  return sum / static_cast<double>(group.need_ids.size());
}

}  // namespace

std::size_t NeedCorpus::position(const std::string& need_id) const {
  const auto it = index_of.find(need_id);
  if (it == index_of.end()) throw InputError("There is no need statement with id '" + need_id + "'.");
  return it->second;
}

namespace {

// Words, then themes: each part unit length, the themes weighted, the whole scaled to unit length.
SparseVector combined_vector(const SparseVector& words, const std::vector<double>& themes,
                             std::size_t vocabulary, double theme_weight) {
  SparseVector vector = words;
  double theme_norm = 0;
  for (const double w : themes) theme_norm += w * w;
  theme_norm = std::sqrt(theme_norm);
  if (theme_norm > 0 && theme_weight > 0)
    for (std::size_t t = 0; t < themes.size(); ++t)
      if (themes[t] > 0)
        vector.entries.emplace_back(static_cast<std::uint32_t>(vocabulary + t),
                                    theme_weight * themes[t] / theme_norm);
  const double norm = vector.norm();
  if (norm > 0)
    for (auto& entry : vector.entries) entry.second /= norm;
  return vector;
}

}  // namespace

// What analyse_needs computes from one statement alone.
struct StatementAnalysis {
  Language language;
  std::vector<Term> terms;
  std::vector<double> theme_weights;
  std::vector<std::vector<int>> term_themes;  // per term, the vocabulary themes it signals
};

struct NeedAnalyser::State {
  explicit State(const AnalysisOptions& o) : options(o), tagger(ThemeVocabulary::shipped(), o.themes) {}

  StatementAnalysis analyse(const NeedStatement& need) {
    StatementAnalysis out;
    // The text decides: an English answer to a French survey is analysed as English.
    out.language = statement_language(need.text, need.language);
    out.terms = (out.language == Language::french ? french : english).analyze(need.text);
    out.theme_weights = tagger.weights(out.language, out.terms);
    for (const auto& term : out.terms) {
      const auto* themes = tagger.vocabulary_themes(out.language, term);
      out.term_themes.push_back(themes ? *themes : std::vector<int>{});
    }
    return out;
  }

  std::shared_ptr<const StatementAnalysis> remembered(const NeedStatement& need, std::size_t limit) {
    std::string key(1, need.language ? static_cast<char>('0' + static_cast<int>(*need.language)) : '-');
    key += need.text;
    if (const auto found = memory.find(key); found != memory.end()) return found->second;
    ++analysed;
    auto result = std::make_shared<const StatementAnalysis>(analyse(need));
    if (memory.size() >= limit) memory.clear();  // rare: a bound, not a cache policy
    if (limit > 0) memory.emplace(std::move(key), result);
    return result;
  }

  AnalysisOptions options;
  Analyzer french{Language::french};
  Analyzer english{Language::english};
  ThemeTagger tagger;
  std::unordered_map<std::string, std::shared_ptr<const StatementAnalysis>> memory;
  std::size_t limit = 0;
  std::size_t analysed = 0;
  mutable std::mutex mutex;
};

NeedAnalyser::NeedAnalyser(AnalysisOptions options, std::size_t memory)
    : state_(std::make_unique<State>(options)) {
  state_->limit = memory;
}

NeedAnalyser::~NeedAnalyser() = default;

std::size_t NeedAnalyser::analysed_texts() const {
  std::lock_guard lock(state_->mutex);
  return state_->analysed;
}

NeedCorpus NeedAnalyser::analyse(std::vector<NeedStatement> needs) {
  NeedCorpus corpus;
  std::vector<std::shared_ptr<const StatementAnalysis>> parts;
  {
    std::lock_guard lock(state_->mutex);
    for (std::size_t i = 0; i < needs.size(); ++i) {
      auto& need = needs[i];
      if (need.id.empty()) throw InputError("Need statement number " + std::to_string(i + 1) + " has no id.");
      if (!corpus.index_of.emplace(need.id, i).second)
        throw InputError("The need statement id '" + need.id + "' is used twice.");
      parts.push_back(state_->remembered(need, state_->limit));
    }
  }
  std::vector<std::vector<Term>> documents;
  documents.reserve(parts.size());
  for (std::size_t i = 0; i < needs.size(); ++i) {
    needs[i].language = parts[i]->language;
    documents.push_back(parts[i]->terms);
    corpus.theme_weights.push_back(parts[i]->theme_weights);
  }
  corpus.tfidf = build_tfidf(documents);
  std::unordered_map<std::string, std::size_t> term_index;
  for (std::size_t t = 0; t < corpus.tfidf.terms.size(); ++t) term_index.emplace(corpus.tfidf.terms[t], t);
  corpus.term_themes.resize(corpus.tfidf.terms.size());
  for (std::size_t i = 0; i < needs.size(); ++i)
    for (std::size_t k = 0; k < parts[i]->terms.size(); ++k)
      for (const int theme : parts[i]->term_themes[k]) {
        auto& known = corpus.term_themes[term_index.at(parts[i]->terms[k].stem)];
        if (std::find(known.begin(), known.end(), theme) == known.end()) known.push_back(theme);
      }
  for (std::size_t i = 0; i < needs.size(); ++i)
    corpus.features.push_back(combined_vector(corpus.tfidf.documents[i], corpus.theme_weights[i],
                                              corpus.tfidf.terms.size(), state_->options.theme_weight));
  corpus.needs = std::move(needs);
  return corpus;
}

NeedCorpus analyse_needs(std::vector<NeedStatement> needs, const AnalysisOptions& options) {
  return NeedAnalyser(options, 0).analyse(std::move(needs));
}

std::vector<std::string> CollectiveNeed::supporting_firms() const {
  std::vector<std::string> all = firms;
  all.insert(all.end(), supporters.begin(), supporters.end());
  return sorted_distinct(std::move(all));
}

const CollectiveNeed& Grouping::group(int id) const {
  for (const auto& group : groups)
    if (group.id == id) return group;
  throw InputError("There is no collective need with id " + std::to_string(id) + ".");
}

std::vector<const CollectiveNeed*> Grouping::candidates(std::size_t min_firms) const {
  std::vector<const CollectiveNeed*> result;
  for (const auto& group : groups)
    if (group.supporting_firms().size() >= min_firms) result.push_back(&group);
  return result;
}

std::vector<int> Grouping::labels(const NeedCorpus& corpus) const {
  std::vector<int> labels(corpus.needs.size(), 0);
  for (const auto& group : groups)
    for (const auto& id : group.need_ids) labels[corpus.position(id)] = group.id;
  return labels;
}

Grouping group_needs(const NeedCorpus& corpus, const GroupingOptions& options) {
  const auto labels = average_linkage(cosine_matrix(corpus.features), options.threshold);
  Grouping grouping;
  const int clusters = labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
  grouping.groups.resize(static_cast<std::size_t>(clusters));
  for (std::size_t i = 0; i < labels.size(); ++i)
    grouping.groups[labels[i]].need_ids.push_back(corpus.needs[i].id);
  for (auto& group : grouping.groups) {
    group.id = grouping.next_id++;
    describe(group, corpus, options);
  }
  sort_groups(grouping);
  return grouping;
}

Grouping merge_groups(const Grouping& grouping, const NeedCorpus& corpus, int kept_id, int absorbed_id,
                      const GroupingOptions& options) {
  if (kept_id == absorbed_id) throw InputError("A collective need cannot be merged with itself.");
  Grouping result = grouping;
  auto& kept = find_group(result, kept_id);
  const auto absorbed = find_group(result, absorbed_id);
  kept.need_ids.insert(kept.need_ids.end(), absorbed.need_ids.begin(), absorbed.need_ids.end());
  kept.supporters.insert(kept.supporters.end(), absorbed.supporters.begin(), absorbed.supporters.end());
  kept.supporters = sorted_distinct(std::move(kept.supporters));
  describe(kept, corpus, options);
  std::erase_if(result.groups, [&](const auto& g) { return g.id == absorbed_id; });
  sort_groups(result);
  return result;
}

Grouping split_group(const Grouping& grouping, const NeedCorpus& corpus, int group_id,
                     const std::vector<std::string>& need_ids, const GroupingOptions& options) {
  Grouping result = grouping;
  auto& source = find_group(result, group_id);
  const std::set<std::string> moving(need_ids.begin(), need_ids.end());
  if (moving.empty())
    throw InputError("Splitting a collective need needs at least one statement to move out.");
  for (const auto& id : moving)
    if (std::find(source.need_ids.begin(), source.need_ids.end(), id) == source.need_ids.end())
      throw InputError("The need statement '" + id + "' is not in collective need " +
                       std::to_string(group_id) + ".");
  if (moving.size() == source.need_ids.size())
    throw InputError("Splitting would leave collective need " + std::to_string(group_id) + " empty.");
  CollectiveNeed part;
  part.id = result.next_id++;
  part.need_ids.assign(moving.begin(), moving.end());
  std::erase_if(source.need_ids, [&](const auto& id) { return moving.count(id) > 0; });
  describe(source, corpus, options);
  describe(part, corpus, options);
  result.groups.push_back(std::move(part));
  sort_groups(result);
  return result;
}

Grouping rename_group(const Grouping& grouping, int group_id, const std::string& name) {
  if (name.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError("A collective need's name cannot be empty.");
  Grouping result = grouping;
  auto& group = find_group(result, group_id);
  group.name = name;
  group.named_by_animator = true;
  return result;
}

Grouping move_need(const Grouping& grouping, const NeedCorpus& corpus, const std::string& need_id,
                   int to_group_id, const GroupingOptions& options) {
  corpus.position(need_id);
  Grouping result = grouping;
  auto& target = find_group(result, to_group_id);
  for (auto& group : result.groups) {
    if (group.id == to_group_id) continue;
    if (std::erase(group.need_ids, need_id) > 0) describe(group, corpus, options);
  }
  if (std::find(target.need_ids.begin(), target.need_ids.end(), need_id) == target.need_ids.end()) {
    target.need_ids.push_back(need_id);
    describe(target, corpus, options);
  }
  std::erase_if(result.groups, [](const auto& g) { return g.need_ids.empty() && g.supporters.empty(); });
  sort_groups(result);
  return result;
}

Grouping support_group(const Grouping& grouping, int group_id, const std::string& firm) {
  if (firm.empty()) throw InputError("A supporting firm needs an id.");
  Grouping result = grouping;
  auto& group = find_group(result, group_id);
  group.supporters.push_back(firm);
  group.supporters = sorted_distinct(std::move(group.supporters));
  sort_groups(result);
  return result;
}

Grouping describe_groups(const Grouping& grouping, const NeedCorpus& corpus,
                         const std::vector<int>& group_ids, const GroupingOptions& options) {
  Grouping result = grouping;
  for (const int id : group_ids) describe(find_group(result, id), corpus, options);
  sort_groups(result);
  return result;
}

Grouping place_new_needs(const Grouping& grouping, const NeedCorpus& corpus, const GroupingOptions& options) {
  Grouping result = grouping;
  std::set<std::string> placed;
  for (const auto& group : result.groups) placed.insert(group.need_ids.begin(), group.need_ids.end());
  for (std::size_t position = 0; position < corpus.needs.size(); ++position) {
    const auto& id = corpus.needs[position].id;
    if (placed.count(id)) continue;
    CollectiveNeed* best = nullptr;
    double best_similarity = options.threshold;
    for (auto& group : result.groups) {
      const double s = average_similarity(corpus, position, group);
      if (s >= best_similarity) best = &group, best_similarity = s;
    }
    if (!best) {
      result.groups.emplace_back();
      best = &result.groups.back();
      best->id = result.next_id++;
    }
    best->need_ids.push_back(id);
    describe(*best, corpus, options);
    placed.insert(id);
  }
  sort_groups(result);
  return result;
}

}  // namespace grappe::animation
