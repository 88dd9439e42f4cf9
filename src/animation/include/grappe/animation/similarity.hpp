#pragma once
// TF-IDF vectors, cosine similarity, average-linkage agglomerative clustering and the adjusted
// Rand index. Plain numerics: they know nothing of needs, firms or topics.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "grappe/animation/text.hpp"

namespace grappe::animation {

// A sparse vector: (term index, weight) pairs sorted by term index.
struct SparseVector {
  std::vector<std::pair<std::uint32_t, double>> entries;
  double norm() const;
};

// Cosine of the angle between two sparse vectors; 0 when either is empty or zero.
double cosine_similarity(const SparseVector& a, const SparseVector& b);

// A TF-IDF model of a set of analysed documents.
// Weights (Salton & Buckley 1988):
//   tf(t,d)  = 1 + ln(count of t in d)                       (sublinear: repeats count less)
//   idf(t)   = ln((1 + N) / df(t))   (N documents, df: documents with t; a word of every
//              statement weighs ~1/N, so a domain word everyone uses does not make groups)
//   w(t,d)   = tf·idf, then each document vector is scaled to unit L2 norm.
struct TfIdf {
  std::vector<std::string> terms;    // stems, index = term index
  std::vector<std::string> display;  // most frequent surface word of each stem (for names)
  std::vector<double> idf;
  std::vector<int> document_frequency;  // statements holding each term
  std::vector<SparseVector> documents;  // unit vectors (empty when a document has no terms)
};
TfIdf build_tfidf(const std::vector<std::vector<Term>>& documents);

// Dense symmetric similarity matrix (row-major n×n), cosine of each pair of documents.
struct SimilarityMatrix {
  std::size_t n = 0;
  std::vector<double> values;
  double operator()(std::size_t i, std::size_t j) const { return values[i * n + j]; }
};
SimilarityMatrix cosine_matrix(const std::vector<SparseVector>& vectors);

// Agglomerative clustering with average linkage (UPGMA, Sokal & Michener 1958): repeatedly
// merges the two clusters whose mean pairwise similarity is highest, while it is ≥ threshold.
// Returns one label per item, 0..k-1, numbered in order of each cluster's first item.
// Deterministic (ties go to the lowest indices). O(n²) memory, about O(n²) time in practice
// (a best-neighbour cache per row; Müllner 2011, "generic" algorithm).
std::vector<int> average_linkage(const SimilarityMatrix& similarity, double threshold);

// Adjusted Rand index of two partitions of the same items (Hubert & Arabie 1985):
// (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), E = Σ C(a_i,2) Σ C(b_j,2) / C(n,2).
// 1 for identical partitions, about 0 for random ones. Both partitions trivial → 1.
double adjusted_rand_index(const std::vector<int>& labels_a, const std::vector<int>& labels_b);

}  // namespace grappe::animation
