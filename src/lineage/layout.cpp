#include "layout.hpp"

#include <algorithm>
#include <numeric>

namespace grappe::lineage {

std::pair<int, int> LayeredLayout::position(std::uint32_t siren) const {
  auto it = std::lower_bound(positions.begin(), positions.end(), siren,
                             [](const auto& p, std::uint32_t s) { return p.first < s; });
  return it != positions.end() && it->first == siren ? it->second : std::pair<int, int>{-1, -1};
}

LayeredLayout layered_layout(const Lineage& lineage, const Genealogy& genealogy) {
  const auto& nodes = lineage.nodes;  // sorted
  const std::size_t n = nodes.size();
  auto index = [&](std::uint32_t s) { return static_cast<std::size_t>(std::lower_bound(nodes.begin(), nodes.end(), s) - nodes.begin()); };
  std::vector<std::vector<std::size_t>> parents(n), children(n);
  for (const auto& e : lineage.edges) {
    const auto p = index(e.parent), c = index(e.child);
    if (p == n || c == n || nodes[p] != e.parent || nodes[c] != e.child) continue;
    parents[c].push_back(p);
    children[p].push_back(c);
  }
  // Longest-path layering in topological order (Kahn); the genealogy has no cycles.
  std::vector<int> layer(n, 0);
  std::vector<std::size_t> indegree(n), queue;
  for (std::size_t i = 0; i < n; ++i)
    if ((indegree[i] = parents[i].size()) == 0) queue.push_back(i);
  for (std::size_t head = 0; head < queue.size(); ++head)
    for (auto c : children[queue[head]]) {
      layer[c] = std::max(layer[c], layer[queue[head]] + 1);
      if (--indegree[c] == 0) queue.push_back(c);
    }
  const int layers = n ? *std::max_element(layer.begin(), layer.end()) + 1 : 0;
  std::vector<std::vector<std::size_t>> rows(static_cast<std::size_t>(layers));
  for (std::size_t i = 0; i < n; ++i) rows[static_cast<std::size_t>(layer[i])].push_back(i);
  for (auto& row : rows)
    std::stable_sort(row.begin(), row.end(), [&](auto a, auto b) { return genealogy.created(nodes[a]) < genealogy.created(nodes[b]); });
  std::vector<double> order(n, 0);
  auto renumber = [&](const std::vector<std::size_t>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) order[row[i]] = static_cast<double>(i);
  };
  for (auto& row : rows) renumber(row);
  auto sweep = [&](std::vector<std::size_t>& row, const std::vector<std::vector<std::size_t>>& neighbours) {
    std::vector<double> key(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& nb = neighbours[row[i]];
      key[i] = nb.empty() ? order[row[i]]
                          : std::accumulate(nb.begin(), nb.end(), 0.0, [&](double s, auto j) { return s + order[j]; }) /
                                static_cast<double>(nb.size());
    }
    std::vector<std::size_t> idx(row.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return key[a] < key[b]; });
    std::vector<std::size_t> sorted;
    for (auto i : idx) sorted.push_back(row[i]);
    row = sorted;
    renumber(row);
  };
  for (int pass = 0; pass < 4; ++pass) {
    for (std::size_t l = 1; l < rows.size(); ++l) sweep(rows[l], parents);
    for (std::size_t l = rows.size(); l-- > 1;) sweep(rows[l - 1], children);
  }
  LayeredLayout out;
  for (std::size_t l = 0; l < rows.size(); ++l) {
    out.rows.emplace_back();
    for (std::size_t i = 0; i < rows[l].size(); ++i) {
      out.rows.back().push_back(nodes[rows[l][i]]);
      out.positions.push_back({nodes[rows[l][i]], {static_cast<int>(l), static_cast<int>(i)}});
    }
  }
  std::sort(out.positions.begin(), out.positions.end());
  return out;
}

}  // namespace grappe::lineage
