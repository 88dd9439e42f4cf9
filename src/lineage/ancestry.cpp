#include "grappe/lineage/ancestry.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace grappe::lineage {
namespace {

// Shortest paths from `ancestor` down to each member it reaches, by breadth-first search over
// children restricted to the lineage's nodes.
std::vector<std::vector<std::uint32_t>> paths_from(const Genealogy& g, std::uint32_t ancestor,
                                                   const std::vector<std::uint32_t>& nodes,
                                                   const std::vector<std::uint32_t>& members, std::size_t max_paths) {
  std::unordered_map<std::uint32_t, std::uint32_t> came_from{{ancestor, ancestor}};
  std::deque<std::uint32_t> queue{ancestor};
  while (!queue.empty()) {
    const auto node = queue.front();
    queue.pop_front();
    for (const Edge* e : g.children_of(node)) {
      if (came_from.count(e->child) || !std::binary_search(nodes.begin(), nodes.end(), e->child)) continue;
      came_from[e->child] = node;
      queue.push_back(e->child);
    }
  }
  std::vector<std::vector<std::uint32_t>> paths;
  for (auto m : members) {
    if (m == ancestor || !came_from.count(m) || paths.size() == max_paths) continue;
    std::vector<std::uint32_t> path{m};
    while (path.back() != ancestor) path.push_back(came_from[path.back()]);
    std::reverse(path.begin(), path.end());
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace

Lineage trace_lineage(const Genealogy& g, std::span<const std::uint32_t> sirens, const LineageOptions& options) {
  Lineage out;
  out.members.assign(sirens.begin(), sirens.end());
  std::sort(out.members.begin(), out.members.end());
  out.members.erase(std::unique(out.members.begin(), out.members.end()), out.members.end());

  // Upward search from each member; each ancestor counts the members below it once.
  std::unordered_map<std::uint32_t, std::uint32_t> descendants;
  std::unordered_set<std::uint32_t> closure;
  for (auto m : out.members) {
    if (!g.known(m)) out.unknown_members.push_back(m);
    closure.insert(m);
    std::unordered_set<std::uint32_t> seen{m};
    std::vector<std::uint32_t> stack{m};
    while (!stack.empty()) {
      const auto node = stack.back();
      stack.pop_back();
      for (const auto& e : g.parents_of(node)) {
        if (!seen.insert(e.parent).second) continue;
        ++descendants[e.parent];
        closure.insert(e.parent);
        stack.push_back(e.parent);
      }
    }
  }
  out.nodes.assign(closure.begin(), closure.end());
  std::sort(out.nodes.begin(), out.nodes.end());
  for (auto node : out.nodes) {
    const auto parents = g.parents_of(node);
    if (parents.empty()) out.roots.push_back(node);
    out.edges.insert(out.edges.end(), parents.begin(), parents.end());
  }

  for (const auto& [siren, count] : descendants)
    out.ancestors.push_back({siren, count, g.created(siren),
                             std::binary_search(out.members.begin(), out.members.end(), siren), {}});
  std::sort(out.ancestors.begin(), out.ancestors.end(), [](const Ancestor& a, const Ancestor& b) {
    if (a.descendants != b.descendants) return a.descendants > b.descendants;
    const bool ua = a.created == kUnknownDate, ub = b.created == kUnknownDate;
    if (ua != ub) return ub;  // known creation dates first
    if (a.created != b.created) return a.created < b.created;
    return a.siren < b.siren;
  });
  if (out.ancestors.size() > options.max_ancestors) out.ancestors.resize(options.max_ancestors);
  for (std::size_t i = 0; i < out.ancestors.size() && i < options.ancestors_with_paths; ++i)
    out.ancestors[i].paths = paths_from(g, out.ancestors[i].siren, out.nodes, out.members, options.max_paths);
  return out;
}

}  // namespace grappe::lineage
