#pragma once
// The lineage of a set of firms (a scan candidate, a list of sirens, an initiative): the forest
// of the genealogy that connects them, its roots, and their common ancestors ranked by how many
// of the set descend from each ("41 of 45 members descend from SIREN …, founded 1962"), with
// the shortest paths from each top ancestor to the members.
#include <cstdint>
#include <span>
#include <vector>

#include "grappe/lineage/genealogy.hpp"

namespace grappe::lineage {

struct Ancestor {
  std::uint32_t siren = 0;
  std::uint32_t descendants = 0;   // members of the set that descend from it (itself excluded)
  Date created = kUnknownDate;
  bool member = false;             // the ancestor is itself in the set
  std::vector<std::vector<std::uint32_t>> paths;  // ancestor → … → member (top ancestors only)
};

struct LineageOptions {
  std::size_t max_ancestors = 20;    // ancestors listed
  std::size_t ancestors_with_paths = 3;
  std::size_t max_paths = 100;       // per ancestor
};

struct Lineage {
  std::vector<std::uint32_t> members;          // distinct sirens of the set, sorted
  std::vector<std::uint32_t> unknown_members;  // not known to the genealogy
  std::vector<Ancestor> ancestors;             // best first: descendants ↓, created ↑, siren ↑
  std::vector<std::uint32_t> nodes;            // members and all their ancestors, sorted
  std::vector<Edge> edges;                     // the edges among nodes (the connecting forest)
  std::vector<std::uint32_t> roots;            // nodes without parents
};

Lineage trace_lineage(const Genealogy& genealogy, std::span<const std::uint32_t> sirens,
                      const LineageOptions& options = {});

}  // namespace grappe::lineage
