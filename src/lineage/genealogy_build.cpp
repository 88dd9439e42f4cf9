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
  // Dense node numbers by sorting the endpoint occurrences (sequential, unlike a lookup per end).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // siren, 2 * edge + (child ? 1 : 0)
  ends.reserve(edges.size() * 2);
  for (std::uint32_t i = 0; i < edges.size(); ++i) {
    ends.emplace_back(edges[i].parent, 2 * i);
    ends.emplace_back(edges[i].child, 2 * i + 1);
  }
  std::sort(ends.begin(), ends.end());
  std::vector<std::uint32_t> parent_node(edges.size()), child_node(edges.size());
  std::uint32_t node_count = 0;
  for (std::size_t i = 0; i < ends.size(); ++i) {
    if (i > 0 && ends[i].first != ends[i - 1].first) ++node_count;
    (ends[i].second & 1 ? child_node : parent_node)[ends[i].second / 2] = node_count;
  }
  if (!ends.empty()) ++node_count;
  ends.clear();
  ends.shrink_to_fit();
  auto index = [&](std::size_t edge, bool child) { return child ? child_node[edge] : parent_node[edge]; };
  // CSR adjacency: out-edges of each node (edges are sorted by parent here).
  std::vector<std::uint32_t> start(node_count + 1, 0);
  for (std::size_t i = 0; i < edges.size(); ++i) ++start[index(i, false) + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<std::uint32_t> target(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) target[i] = index(i, true);

  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(node_count, white);
  std::vector<bool> back(edges.size(), false);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // node, next out-edge
  for (std::uint32_t root = 0; root < node_count; ++root) {
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

struct GenealogyBuilder::Candidate {
  Edge edge;
  Date parent_created = kUnknownDate, child_created = kUnknownDate;
  bool parent_known = false, child_known = false;
};

// Two merge joins (edges sorted by parent, then by child, against the sorted firms) instead of
// two binary searches per edge: sequential memory access on 10 M firms.
std::vector<GenealogyBuilder::Candidate> GenealogyBuilder::join_firm_dates() {
  std::vector<Candidate> out;
  out.reserve(edges_.size());
  for (const auto& e : edges_) out.push_back({e});
  edges_.clear();
  edges_.shrink_to_fit();
  auto join = [&](auto key, auto fill) {
    std::sort(out.begin(), out.end(), [&](const Candidate& a, const Candidate& b) { return key(a) < key(b); });
    std::size_t f = 0;
    for (auto& c : out) {
      while (f < firms_.size() && firms_[f].first < key(c)) ++f;
      if (f < firms_.size() && firms_[f].first == key(c)) fill(c, firms_[f].second);
    }
  };
  join([](const Candidate& c) { return c.edge.parent; }, [](Candidate& c, Date d) { c.parent_known = true; c.parent_created = d; });
  join([](const Candidate& c) { return c.edge.child; }, [](Candidate& c, Date d) { c.child_known = true; c.child_created = d; });
  return out;
}

Genealogy GenealogyBuilder::build() {
  sort_firms();
  pair_roles();
  // Validate every candidate edge against the known firms and their creation dates.
  std::vector<Edge> valid;
  {
    const auto candidates = join_firm_dates();
    valid.reserve(candidates.size());
    for (const auto& c : candidates) {
      const auto& e = c.edge;
      const char* source = source_name(e.source);
      if (e.parent == e.child) {
        if (count_problem(ProblemKind::self_link))
          keep_problem(ProblemKind::self_link, fmt::format("{} edge {:09d} → {:09d} links a firm to itself", source, e.parent, e.child));
        continue;
      }
      if (!c.parent_known || !c.child_known) {
        if (count_problem(ProblemKind::unknown_siren))
          keep_problem(ProblemKind::unknown_siren, fmt::format("{} edge {:09d} → {:09d}: siren {:09d} is not a known legal unit",
                                                               source, e.parent, e.child, c.parent_known ? e.child : e.parent));
        continue;
      }
      const bool both = c.parent_created != kUnknownDate && c.child_created != kUnknownDate;
      if ((both && c.child_created < c.parent_created) ||
          (e.date != kUnknownDate && c.parent_created != kUnknownDate && e.date < c.parent_created)) {
        if (count_problem(ProblemKind::date_order))
          keep_problem(ProblemKind::date_order,
                       fmt::format("{} edge {:09d} (created {}) → {:09d} (created {}) dated {}: the child is older than "
                                   "its parent or the link predates the parent",
                                   source, e.parent, format_date(c.parent_created), e.child, format_date(c.child_created),
                                   format_date(e.date)));
        continue;
      }
      valid.push_back(e);
    }
  }

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
      if (count_problem(ProblemKind::cycle))
        keep_problem(ProblemKind::cycle, fmt::format("{} edge {:09d} → {:09d} closes a cycle and was dropped",
                                                     source_name(valid[i].source), valid[i].parent, valid[i].child));
      continue;
    }
    g.edges_.push_back(valid[i]);
  }
  valid.clear();
  valid.shrink_to_fit();
  // Edges are by parent here; keep them by child and index the parent order (sequential sorts).
  std::stable_sort(g.edges_.begin(), g.edges_.end(), [](const Edge& a, const Edge& b) { return a.child < b.child; });
  std::vector<std::pair<std::uint32_t, std::uint32_t>> parent_order(g.edges_.size());
  for (std::uint32_t i = 0; i < g.edges_.size(); ++i) parent_order[i] = {g.edges_[i].parent, i};
  std::sort(parent_order.begin(), parent_order.end());
  g.by_parent_.resize(parent_order.size());
  for (std::size_t i = 0; i < parent_order.size(); ++i) g.by_parent_[i] = parent_order[i].second;
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
