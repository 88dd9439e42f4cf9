#pragma once
// Undirected simple graphs of firms and the measures grappe reports on the cooperation
// network. Each measure follows the definition NetworkX uses (checked against NetworkX 2.8 in
// tests/animation/network_test.cpp), so numbers can be compared with other tools.
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace grappe::animation {

class Graph {
 public:
  // Index of the node, adding it if new.
  std::size_t add_node(const std::string& id);
  // Adds the undirected edge {a, b} (and its nodes). Self-loops and repeated edges are ignored.
  void add_edge(const std::string& a, const std::string& b);
  std::optional<std::size_t> index_of(const std::string& id) const;
  bool has_edge(std::size_t a, std::size_t b) const;
  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return edges_; }
  const std::vector<std::string>& nodes() const { return nodes_; }
  const std::vector<std::size_t>& neighbours(std::size_t node) const { return adjacency_[node]; }

 private:
  std::vector<std::string> nodes_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<std::size_t>> adjacency_;
  std::size_t edges_ = 0;
};

// Density 2m / (n(n−1)); 0 for fewer than two nodes.
double density(const Graph& graph);

// Core number of each node: the largest k such that the node belongs to the k-core (the
// maximal subgraph where every node has degree ≥ k). Batagelj & Zaversnik (2003), O(m).
std::vector<int> core_numbers(const Graph& graph);

// The main core: the k-core with the largest k that is not empty (k = 0 for an empty graph).
struct MainCore {
  int k = 0;
  std::size_t size = 0;
};
MainCore main_core(const std::vector<int>& core_numbers);

// Degree centrality deg(v)/(n−1); every node gets 1 when n = 1 (NetworkX's convention).
std::vector<double> degree_centrality(const Graph& graph);

// Betweenness centrality (Brandes 2001, "A faster algorithm for betweenness centrality",
// J. Math. Sociol. 25:163): c_B(v) = Σ_{s≠v≠t} σ_st(v)/σ_st over unordered pairs {s,t}.
// Normalised, it is divided by (n−1)(n−2)/2, the number of pairs not including v.
// O(nm) time, O(n+m) memory, unweighted shortest paths (BFS).
std::vector<double> betweenness_centrality(const Graph& graph, bool normalized = true);

}  // namespace grappe::animation
