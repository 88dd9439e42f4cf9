#include "grappe/animation/network.hpp"

#include <algorithm>
#include <queue>
#include <stack>

namespace grappe::animation {

std::size_t Graph::add_node(const std::string& id) {
  const auto [it, added] = index_.try_emplace(id, nodes_.size());
  if (added) {
    nodes_.push_back(id);
    adjacency_.emplace_back();
  }
  return it->second;
}

void Graph::add_edge(const std::string& a, const std::string& b) {
  const std::size_t i = add_node(a);
  const std::size_t j = add_node(b);
  if (i == j || has_edge(i, j)) return;
  adjacency_[i].push_back(j);
  adjacency_[j].push_back(i);
  ++edges_;
}

std::optional<std::size_t> Graph::index_of(const std::string& id) const {
  const auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

bool Graph::has_edge(std::size_t a, std::size_t b) const {
  const auto& shorter = adjacency_[a].size() <= adjacency_[b].size() ? adjacency_[a] : adjacency_[b];
  const std::size_t other = adjacency_[a].size() <= adjacency_[b].size() ? b : a;
  return std::find(shorter.begin(), shorter.end(), other) != shorter.end();
}

double density(const Graph& graph) {
  const double n = static_cast<double>(graph.node_count());
  return n < 2 ? 0.0 : 2.0 * static_cast<double>(graph.edge_count()) / (n * (n - 1));
}

std::vector<int> core_numbers(const Graph& graph) {
  // Batagelj & Zaversnik (2003): process nodes by increasing current degree (bucket sort);
  // removing a node lowers its neighbours' degrees, never below the removed node's degree.
  const std::size_t n = graph.node_count();
  std::vector<int> degree(n);
  int max_degree = 0;
  for (std::size_t v = 0; v < n; ++v) {
    degree[v] = static_cast<int>(graph.neighbours(v).size());
    max_degree = std::max(max_degree, degree[v]);
  }
  std::vector<std::size_t> bin(static_cast<std::size_t>(max_degree) + 1, 0);
  for (int d : degree) ++bin[d];
  std::size_t start = 0;
  for (auto& count : bin) {
    const std::size_t c = count;
    count = start;
    start += c;
  }
  std::vector<std::size_t> order(n), position(n);
  for (std::size_t v = 0; v < n; ++v) {
    position[v] = bin[degree[v]]++;
    order[position[v]] = v;
  }
  for (std::size_t d = bin.size() - 1; d > 0; --d) bin[d] = bin[d - 1];
  if (!bin.empty()) bin[0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t v = order[i];
    for (std::size_t u : graph.neighbours(v)) {
      if (degree[u] <= degree[v]) continue;
      // Move u to the front of its bin, then shrink its degree by one.
      const std::size_t du = static_cast<std::size_t>(degree[u]);
      const std::size_t pu = position[u], pw = bin[du];
      const std::size_t w = order[pw];
      if (u != w) {
        std::swap(order[pu], order[pw]);
        position[u] = pw;
        position[w] = pu;
      }
      ++bin[du];
      --degree[u];
    }
  }
  return degree;
}

MainCore main_core(const std::vector<int>& cores) {
  MainCore core;
  if (cores.empty()) return core;
  core.k = *std::max_element(cores.begin(), cores.end());
  core.size = static_cast<std::size_t>(std::count(cores.begin(), cores.end(), core.k));
  return core;
}

std::vector<double> degree_centrality(const Graph& graph) {
  const std::size_t n = graph.node_count();
  if (n <= 1) return std::vector<double>(n, 1.0);
  std::vector<double> centrality(n);
  for (std::size_t v = 0; v < n; ++v) centrality[v] = static_cast<double>(graph.neighbours(v).size()) / double(n - 1);
  return centrality;
}

std::vector<double> betweenness_centrality(const Graph& graph, bool normalized) {
  const std::size_t n = graph.node_count();
  std::vector<double> centrality(n, 0.0);
  std::vector<std::vector<std::size_t>> predecessors(n);
  std::vector<double> paths(n), dependency(n);
  std::vector<long> distance(n);
  for (std::size_t s = 0; s < n; ++s) {
    // Brandes (2001), algorithm 1: BFS from s counting shortest paths σ, then dependencies δ
    // accumulated in order of non-increasing distance.
    std::stack<std::size_t> visited;
    for (std::size_t v = 0; v < n; ++v) {
      predecessors[v].clear();
      paths[v] = 0;
      dependency[v] = 0;
      distance[v] = -1;
    }
    paths[s] = 1;
    distance[s] = 0;
    std::queue<std::size_t> queue;
    queue.push(s);
    while (!queue.empty()) {
      const std::size_t v = queue.front();
      queue.pop();
      visited.push(v);
      for (std::size_t w : graph.neighbours(v)) {
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          queue.push(w);
        }
        if (distance[w] == distance[v] + 1) {
          paths[w] += paths[v];
          predecessors[w].push_back(v);
        }
      }
    }
    while (!visited.empty()) {
      const std::size_t w = visited.top();
      visited.pop();
      for (std::size_t v : predecessors[w]) dependency[v] += paths[v] / paths[w] * (1 + dependency[w]);
      if (w != s) centrality[w] += dependency[w];
    }
  }
  // Each unordered pair {s,t} was counted from both ends.
  const double scale = normalized ? (n > 2 ? 1.0 / (double(n - 1) * double(n - 2)) : 0.0) : 0.5;
  if (normalized && n <= 2) return centrality;  // all zeros: no pair avoids v
  for (auto& c : centrality) c *= scale;
  return centrality;
}

}  // namespace grappe::animation
