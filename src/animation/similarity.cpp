#include "grappe/animation/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "grappe/common/error.hpp"

namespace grappe::animation {

double SparseVector::norm() const {
  double sum = 0;
  for (const auto& [index, weight] : entries) sum += weight * weight;
  return std::sqrt(sum);
}

double cosine_similarity(const SparseVector& a, const SparseVector& b) {
  double dot = 0;
  auto i = a.entries.begin();
  auto j = b.entries.begin();
  while (i != a.entries.end() && j != b.entries.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += i->second * j->second;
      ++i;
      ++j;
    }
  }
  const double norms = a.norm() * b.norm();
  return norms > 0 ? dot / norms : 0.0;
}

TfIdf build_tfidf(const std::vector<std::vector<Term>>& documents) {
  TfIdf model;
  std::unordered_map<std::string, std::uint32_t> index_of;
  std::vector<std::map<std::string, int>> surface_counts;
  std::vector<std::map<std::uint32_t, int>> counts(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (const auto& term : documents[d]) {
      auto [it, added] = index_of.try_emplace(term.stem, static_cast<std::uint32_t>(model.terms.size()));
      if (added) {
        model.terms.push_back(term.stem);
        surface_counts.emplace_back();
      }
      ++counts[d][it->second];
      ++surface_counts[it->second][term.word];
    }
  }
  auto& document_frequency = model.document_frequency;
  document_frequency.assign(model.terms.size(), 0);
  for (const auto& document : counts)
    for (const auto& [index, count] : document) ++document_frequency[index];
  const double n = static_cast<double>(documents.size());
  for (std::size_t t = 0; t < model.terms.size(); ++t) {
    // No "1 +": a word in nearly every statement (the cluster's trade, "agenceurs") weighs
    // about 1/N, a word of one statement ln(N+1).
    model.idf.push_back(std::log((1.0 + n) / document_frequency[t]));
    // Most frequent surface word; ties go to the alphabetically first (std::map order).
    const auto best = std::max_element(surface_counts[t].begin(), surface_counts[t].end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    model.display.push_back(best->first);
  }
  for (const auto& document : counts) {
    SparseVector vector;
    for (const auto& [index, count] : document)
      vector.entries.emplace_back(index, (1.0 + std::log(static_cast<double>(count))) * model.idf[index]);
    const double norm = vector.norm();
    if (norm > 0)
      for (auto& entry : vector.entries) entry.second /= norm;
    model.documents.push_back(std::move(vector));
  }
  return model;
}

SimilarityMatrix cosine_matrix(const std::vector<SparseVector>& vectors) {
  SimilarityMatrix matrix{vectors.size(), std::vector<double>(vectors.size() * vectors.size(), 0.0)};
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    matrix.values[i * matrix.n + i] = 1.0;
    for (std::size_t j = i + 1; j < vectors.size(); ++j) {
      const double s = cosine_similarity(vectors[i], vectors[j]);
      matrix.values[i * matrix.n + j] = s;
      matrix.values[j * matrix.n + i] = s;
    }
  }
  return matrix;
}

namespace {

// Working state of the agglomeration: a copy of the similarity matrix updated by the
// Lance–Williams rule for average linkage, s(i∪j, k) = (|i| s(i,k) + |j| s(j,k)) / (|i|+|j|).
struct Agglomeration {
  std::size_t n;
  std::vector<double> s;
  std::vector<std::size_t> size;
  std::vector<bool> active;
  std::vector<std::size_t> best;  // best[i]: the most similar active cluster to i
  std::vector<std::size_t> parent;

  double& at(std::size_t i, std::size_t j) { return s[i * n + j]; }

  void refresh_best(std::size_t i) {
    best[i] = n;
    for (std::size_t k = 0; k < n; ++k)
      if (k != i && active[k] && (best[i] == n || at(i, k) > at(i, best[i]))) best[i] = k;
  }

  void merge(std::size_t i, std::size_t j) {  // j into i
    for (std::size_t k = 0; k < n; ++k) {
      if (!active[k] || k == i || k == j) continue;
      const double merged = (size[i] * at(i, k) + size[j] * at(j, k)) / double(size[i] + size[j]);
      at(i, k) = merged;
      at(k, i) = merged;
    }
    size[i] += size[j];
    active[j] = false;
    parent[j] = i;
    refresh_best(i);
    for (std::size_t k = 0; k < n; ++k) {
      if (!active[k] || k == i) continue;
      if (best[k] == i || best[k] == j) {
        refresh_best(k);
      } else if (at(k, i) > at(k, best[k]) || (at(k, i) == at(k, best[k]) && i < best[k])) {
        best[k] = i;
      }
    }
  }
};

}  // namespace

std::vector<int> average_linkage(const SimilarityMatrix& similarity, double threshold) {
  const std::size_t n = similarity.n;
  Agglomeration state{n,
                      similarity.values,
                      std::vector<std::size_t>(n, 1),
                      std::vector<bool>(n, true),
                      std::vector<std::size_t>(n, n),
                      std::vector<std::size_t>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    state.parent[i] = i;
    state.refresh_best(i);
  }
  for (std::size_t step = 1; step < n; ++step) {
    std::size_t i = n;
    for (std::size_t k = 0; k < n; ++k) {
      if (!state.active[k] || state.best[k] == n) continue;
      if (i == n || state.at(k, state.best[k]) > state.at(i, state.best[i])) i = k;
    }
    if (i == n || state.at(i, state.best[i]) < threshold) break;
    const std::size_t j = state.best[i];
    state.merge(std::min(i, j), std::max(i, j));
  }
  std::vector<int> labels(n, -1);
  std::vector<int> label_of_root(n, -1);
  int next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t root = i;
    while (state.parent[root] != root) root = state.parent[root];
    if (label_of_root[root] < 0) label_of_root[root] = next++;
    labels[i] = label_of_root[root];
  }
  return labels;
}

double adjusted_rand_index(const std::vector<int>& labels_a, const std::vector<int>& labels_b) {
  if (labels_a.size() != labels_b.size())
    throw InputError("The two partitions compared by the adjusted Rand index have different sizes (" +
                     std::to_string(labels_a.size()) + " and " + std::to_string(labels_b.size()) + ").");
  if (labels_a.size() < 2) return 1.0;
  const auto pairs = [](double x) { return x * (x - 1) / 2; };
  std::map<std::pair<int, int>, double> joint;
  std::map<int, double> rows;
  std::map<int, double> columns;
  for (std::size_t i = 0; i < labels_a.size(); ++i) {
    ++joint[{labels_a[i], labels_b[i]}];
    ++rows[labels_a[i]];
    ++columns[labels_b[i]];
  }
  double index = 0, sum_rows = 0, sum_columns = 0;
  for (const auto& [key, count] : joint) index += pairs(count);
  for (const auto& [key, count] : rows) sum_rows += pairs(count);
  for (const auto& [key, count] : columns) sum_columns += pairs(count);
  const double expected = sum_rows * sum_columns / pairs(static_cast<double>(labels_a.size()));
  const double maximum = (sum_rows + sum_columns) / 2;
  if (maximum == expected) return 1.0;  // both partitions all-singletons or one block
  return (index - expected) / (maximum - expected);
}

}  // namespace grappe::animation
