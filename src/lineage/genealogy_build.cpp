// GenealogyBuilder::build: validate, deduplicate, drop cycle-closing edges, index.
#include <algorithm>

#include <fmt/format.h>

#include "grappe/lineage/dates.hpp"
#include "grappe/lineage/genealogy.hpp"

namespace grappe::lineage {
namespace {

// Marks the edges that close a cycle, by an iterative depth-first search over the parent →
// child graph (grey = on the current path: an edge to a grey node is a back edge). Nodes are
// visited in siren order so the dropped edges do not depend on input order.
std::vector<bool> back_edges(const std::vector<Edge>& edges) {
  std::vector<std::uint32_t> nodes;
  nodes.reserve(edges.size() * 2);
  for (const auto& e : edges) {
    nodes.push_back(e.parent);
    nodes.push_back(e.child);
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  auto index = [&](std::uint32_t siren) {
    return static_cast<std::uint32_t>(std::lower_bound(nodes.begin(), nodes.end(), siren) - nodes.begin());
  };
  // CSR adjacency: out-edges of each node (edges are sorted by parent here).
  std::vector<std::uint32_t> start(nodes.size() + 1, 0);
  for (const auto& e : edges) ++start[index(e.parent) + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<std::uint32_t> target(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) target[i] = index(edges[i].child);

  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(nodes.size(), white);
  std::vector<bool> back(edges.size(), false);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // node, next out-edge
  for (std::uint32_t root = 0; root < nodes.size(); ++root) {
    if (colour[root] != white) continue;
    colour[root] = grey;
    stack.push_back({root, start[root]});
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == start[node + 1]) {
        colour[node] = black;
        stack.pop_back();
        continue;
      }
      const std::uint32_t e = next++;
      const std::uint32_t to = target[e];
      if (colour[to] == grey) back[e] = true;
      else if (colour[to] == white) {
        colour[to] = grey;
        stack.push_back({to, start[to]});
      }
    }
  }
  return back;
}

}  // namespace

Genealogy GenealogyBuilder::build() {
  sort_firms();
  pair_roles();
  // Validate every candidate edge against the known firms and their creation dates.
  std::vector<Edge> valid;
  valid.reserve(edges_.size());
  for (const auto& e : edges_) {
    const char* source = source_name(e.source);
    if (e.parent == e.child) {
      report(ProblemKind::self_link, fmt::format("{} edge {:09d} → {:09d} links a firm to itself", source, e.parent, e.child));
      continue;
    }
    bool parent_known = false, child_known = false;
    const Date parent_created = created_of(e.parent, parent_known);
    const Date child_created = created_of(e.child, child_known);
    if (!parent_known || !child_known) {
      report(ProblemKind::unknown_siren, fmt::format("{} edge {:09d} → {:09d}: siren {:09d} is not a known legal unit",
                                                     source, e.parent, e.child, parent_known ? e.child : e.parent));
      continue;
    }
    const bool both = parent_created != kUnknownDate && child_created != kUnknownDate;
    if ((both && child_created < parent_created) ||
        (e.date != kUnknownDate && parent_created != kUnknownDate && e.date < parent_created)) {
      report(ProblemKind::date_order,
             fmt::format("{} edge {:09d} (created {}) → {:09d} (created {}) dated {}: the child is older than its parent "
                         "or the link predates the parent",
                         source, e.parent, format_date(parent_created), e.child, format_date(child_created),
                         format_date(e.date)));
      continue;
    }
    valid.push_back(e);
  }
  edges_.clear();
  edges_.shrink_to_fit();
  // One edge per (parent, child, source), with the earliest date.
  std::sort(valid.begin(), valid.end(), [](const Edge& a, const Edge& b) {
    if (a.parent != b.parent) return a.parent < b.parent;
    if (a.child != b.child) return a.child < b.child;
    if (a.source != b.source) return a.source < b.source;
    return a.date < b.date;
  });
  valid.erase(std::unique(valid.begin(), valid.end(),
                          [](const Edge& a, const Edge& b) {
                            return a.parent == b.parent && a.child == b.child && a.source == b.source;
                          }),
              valid.end());
  const auto back = back_edges(valid);
  Genealogy g;
  g.edges_.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (back[i]) {
      report(ProblemKind::cycle, fmt::format("{} edge {:09d} → {:09d} closes a cycle and was dropped",
                                             source_name(valid[i].source), valid[i].parent, valid[i].child));
      continue;
    }
    g.edges_.push_back(valid[i]);
  }
  valid.clear();
  valid.shrink_to_fit();
  g.by_parent_.resize(g.edges_.size());
  for (std::uint32_t i = 0; i < g.by_parent_.size(); ++i) g.by_parent_[i] = i;  // already by parent
  std::stable_sort(g.edges_.begin(), g.edges_.end(), [](const Edge& a, const Edge& b) { return a.child < b.child; });
  std::sort(g.by_parent_.begin(), g.by_parent_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return g.edges_[a].parent != g.edges_[b].parent ? g.edges_[a].parent < g.edges_[b].parent : a < b;
  });
  g.firms_ = std::move(firms_);
  g.problem_counts_ = problem_counts_;
  g.problems_ = std::move(problems_);
  g.folded_moves_ = folded_moves_;
  return g;
}

std::span<const Edge> Genealogy::parents_of(std::uint32_t siren) const {
  auto lo = std::lower_bound(edges_.begin(), edges_.end(), siren, [](const Edge& e, std::uint32_t s) { return e.child < s; });
  auto hi = std::upper_bound(lo, edges_.end(), siren, [](std::uint32_t s, const Edge& e) { return s < e.child; });
  return {edges_.data() + (lo - edges_.begin()), static_cast<std::size_t>(hi - lo)};
}

std::vector<const Edge*> Genealogy::children_of(std::uint32_t siren) const {
  auto lo = std::lower_bound(by_parent_.begin(), by_parent_.end(), siren,
                             [&](std::uint32_t i, std::uint32_t s) { return edges_[i].parent < s; });
  std::vector<const Edge*> out;
  for (auto it = lo; it != by_parent_.end() && edges_[*it].parent == siren; ++it) out.push_back(&edges_[*it]);
  return out;
}

Date Genealogy::created(std::uint32_t siren) const {
  auto it = std::lower_bound(firms_.begin(), firms_.end(), siren, [](auto& f, std::uint32_t s) { return f.first < s; });
  return it != firms_.end() && it->first == siren ? it->second : kUnknownDate;
}

bool Genealogy::known(std::uint32_t siren) const {
  auto it = std::lower_bound(firms_.begin(), firms_.end(), siren, [](auto& f, std::uint32_t s) { return f.first < s; });
  return it != firms_.end() && it->first == siren;
}

void add_register(GenealogyBuilder& builder, const Register& reg) {
  if (!reg.legal_units().empty()) {
    builder.add_firms(reg.legal_units());
  } else {
    const auto sirens = reg.siren();
    const auto created = reg.created();
    for (std::size_t i = 0; i < reg.size(); ++i) builder.add_firm(sirens[i], created[i]);
  }
  builder.add_successions(reg.successions());
}

}  // namespace grappe::lineage
