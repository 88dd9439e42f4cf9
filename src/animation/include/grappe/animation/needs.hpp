#pragma once
// Collective needs: need statements of member firms grouped by similarity into candidate
// collective needs, which the animator can merge, split, rename and members can support.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "grappe/animation/lexicon.hpp"
#include "grappe/animation/similarity.hpp"
#include "grappe/animation/text.hpp"

namespace grappe::animation {

// One need stated by a firm (from a survey answer or at any time).
struct NeedStatement {
  std::string id;                    // unique within the initiative
  std::string firm;                  // member firm id (siret or the workspace's member id)
  std::string theme;                 // optional survey theme ("digital", "hiring", …)
  std::string text;                  // free text, French or English
  std::optional<Language> language;  // guessed from stop words when absent
};

// How statements are turned into vectors (docs/animation.md, "Meaning").
struct AnalysisOptions {
  // Weight of the theme part of a statement's vector against its words (both unit length
  // before weighting): 0 groups on shared words alone. 1.5 with threshold 0.3 chosen on
  // needs_fr.csv (docs/animation.md, "Measured quality").
  double theme_weight = 1.5;
  ThemeOptions themes;
};

// Need statements analysed once: terms per statement, their TF-IDF vectors, theme weights and
// the combined vectors used for grouping.
struct NeedCorpus {
  std::vector<NeedStatement> needs;  // language filled in (given, or guessed from the text)
  TfIdf tfidf;
  std::vector<std::vector<double>> theme_weights;          // per statement, one per vocabulary theme
  std::vector<SparseVector> features;                      // words, then themes (indices after the terms)
  std::vector<std::vector<int>> term_themes;               // per TF-IDF term, the themes it signals
  std::unordered_map<std::string, std::size_t> index_of;   // need id → position
  std::size_t position(const std::string& need_id) const;  // throws InputError if unknown
};
// Throws InputError on an empty or duplicate need id.
NeedCorpus analyse_needs(std::vector<NeedStatement> needs, const AnalysisOptions& options = {});

// analyse_needs with a memory of the statements it has analysed: the per-statement work
// (language, stemming, theme tagging) depends on the text and its language hint only, so it is
// kept by text and an arriving answer costs its own statements, not the whole corpus again.
// The corpus-wide part (TF-IDF weights, combined vectors) is still computed over all statements,
// so the result is identical to analyse_needs. Thread-safe; the memory is bounded.
class NeedAnalyser {
 public:
  explicit NeedAnalyser(AnalysisOptions options = {}, std::size_t memory = 50000);
  ~NeedAnalyser();
  NeedAnalyser(const NeedAnalyser&) = delete;
  NeedAnalyser& operator=(const NeedAnalyser&) = delete;
  NeedCorpus analyse(std::vector<NeedStatement> needs);
  std::size_t analysed_texts() const;  // statements analysed from text, not taken from memory

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct GroupingOptions {
  // Average cosine similarity (words and themes) from which two groups are merged; chosen on
  // tests/data/animation/needs_fr.csv, checked on needs_mixed.csv (docs/animation.md).
  double threshold = 0.3;
  int sample_texts = 3;  // statements shown per group, the closest to the group's centroid first
  int name_terms = 3;    // top terms in a suggested name
};

// A candidate collective need.
struct CollectiveNeed {
  int id = 0;
  std::string name;  // suggested (top terms) until the animator renames it
  bool named_by_animator = false;
  std::vector<std::string> need_ids;    // statements in the group, corpus order
  std::vector<std::string> firms;       // firms that stated one of them, sorted, distinct
  std::vector<std::string> supporters;  // other firms that support the need, sorted, distinct
  std::vector<std::string> sample_texts;
  std::vector<std::string> top_terms;  // display words of the heaviest centroid terms
  std::string theme;                   // most frequent non-empty theme, or empty
  std::string category;                // heaviest theme of the vocabulary ("digital"), or empty
  // Firms behind the need: stated or supported (sorted, distinct).
  std::vector<std::string> supporting_firms() const;
};

struct Grouping {
  std::vector<CollectiveNeed> groups;  // larger groups (by firms, then statements) first
  int next_id = 1;
  const CollectiveNeed& group(int id) const;  // throws InputError if unknown
  // Groups supported by at least min_firms distinct firms: the candidate collective needs.
  std::vector<const CollectiveNeed*> candidates(std::size_t min_firms = 2) const;
  // One label per need of the corpus (the group id), for comparing with a reference.
  std::vector<int> labels(const NeedCorpus& corpus) const;
};

Grouping group_needs(const NeedCorpus& corpus, const GroupingOptions& options = {});

// Animator operations. Each returns a new grouping and throws InputError on unknown ids.
// Descriptors (firms, samples, top terms, suggested name) are recomputed for changed groups;
// a name set by the animator is kept.
Grouping merge_groups(const Grouping& grouping, const NeedCorpus& corpus, int kept_id, int absorbed_id,
                      const GroupingOptions& options = {});
// Moves the listed statements of a group into a new group (returned grouping's next_id - 1).
Grouping split_group(const Grouping& grouping, const NeedCorpus& corpus, int group_id,
                     const std::vector<std::string>& need_ids, const GroupingOptions& options = {});
Grouping rename_group(const Grouping& grouping, int group_id, const std::string& name);
Grouping move_need(const Grouping& grouping, const NeedCorpus& corpus, const std::string& need_id,
                   int to_group_id, const GroupingOptions& options = {});
Grouping support_group(const Grouping& grouping, int group_id, const std::string& firm);
// Places statements of the corpus that no group holds yet: into the group of highest average
// similarity if ≥ threshold, else a new group. Existing groups and names are kept.
Grouping place_new_needs(const Grouping& grouping, const NeedCorpus& corpus,
                         const GroupingOptions& options = {});

// Recomputes the descriptors (firms, samples, top terms, suggested name) of the listed groups
// from their statements in the corpus, e.g. once statements were erased: nothing of an erased
// statement stays in them. A name set by the animator is kept. Unknown ids throw InputError.
Grouping describe_groups(const Grouping& grouping, const NeedCorpus& corpus,
                         const std::vector<int>& group_ids, const GroupingOptions& options = {});

// Storage serialisation (collective-need descriptors, the grouping documents migration 102 reads).
void to_json(nlohmann::json& j, const NeedStatement& need);
void from_json(const nlohmann::json& j, NeedStatement& need);
void to_json(nlohmann::json& j, const CollectiveNeed& group);
void from_json(const nlohmann::json& j, CollectiveNeed& group);
void to_json(nlohmann::json& j, const Grouping& grouping);
void from_json(const nlohmann::json& j, Grouping& grouping);

}  // namespace grappe::animation
