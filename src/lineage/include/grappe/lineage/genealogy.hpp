#pragma once
// The genealogy of legal units (sirens): a directed graph parent → child built from three
// sources, each edge keeping its source and date (issue 5):
//   1. establishment succession links between different sirens (transfers: buy-out, spin-off,
//      take-over); links inside one siren are moves and are folded (counted, not edges);
//   2. founders/directors: a person who held a role in A and then founded or led B from B's
//      creation gives a spin-off edge A → B (persons are keyed hashes, never kept or shown);
//   3. origins declared by firms (workspace survey).
// Bad inputs (self-links, unknown sirens, dates out of order, cycles) are counted, sampled in
// problems() and skipped; building never loops.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "grappe/register/register.hpp"

namespace grappe::lineage {

enum class EdgeSource : std::uint8_t { succession = 0, founder = 1, declared = 2 };
const char* source_name(EdgeSource source);

struct Edge {
  std::uint32_t parent = 0, child = 0;  // sirens
  EdgeSource source = EdgeSource::succession;
  Date date = kUnknownDate;             // link date, or the child's creation for founders
};

// A role of a (hashed) person in a firm, from a founders/directors file.
struct Role {
  std::uint64_t person = 0;  // keyed hash of the person id (see founders.hpp)
  std::uint32_t siren = 0;
  Date start = kUnknownDate, end = kUnknownDate;
};

enum class ProblemKind : std::uint8_t {
  self_link,       // a succession link from an establishment to itself, or an edge A → A
  unknown_siren,   // an endpoint is not a known legal unit
  date_order,      // the child was created before its parent, or the link predates the parent
  cycle,           // an edge that would close a cycle (dropped)
  busy_person,     // a person with more roles than the limit (their roles are not paired)
  bad_row,         // an unreadable row of an input file
  count_
};
const char* problem_name(ProblemKind kind);

struct Problem {
  ProblemKind kind;
  std::string detail;  // one sentence naming the place (file:line or the sirens)
};

struct BuildOptions {
  int creation_tolerance_days = 15;   // a role "from creation" starts within this of it
  std::size_t max_roles_per_person = 100;
  std::size_t problem_samples = 20;   // problems kept with their detail, per kind
};

class Genealogy;

class GenealogyBuilder {
 public:
  explicit GenealogyBuilder(BuildOptions options = {});

  // Known legal units and their creation dates (any order; duplicates keep the earliest date).
  void add_firms(std::span<const LegalUnitRecord> units);
  void add_firm(std::uint32_t siren, Date created);
  // Succession links (sirens are the first 9 digits of the sirets).
  void add_successions(std::span<const SuccessionLink> links);
  // Roles from a founders/directors file (persons already hashed).
  void add_roles(std::vector<Role> roles);
  // "Where did the founder work before?": parent is the firm the founder came from.
  void add_declared_origin(std::uint32_t child, std::uint32_t parent, Date date);
  // Records a problem found while reading an input (e.g. a bad row of a file).
  void report(ProblemKind kind, std::string detail);

  Genealogy build();

 private:
  // Counts a problem; true when its detail should be kept as a sample (format it only then).
  bool count_problem(ProblemKind kind);
  void keep_problem(ProblemKind kind, std::string detail) { problems_.push_back({kind, std::move(detail)}); }
  // Fills the creation dates of both ends of each edge by merge joins with the sorted firms.
  struct Candidate;
  std::vector<Candidate> join_firm_dates();
  void pair_roles();
  void sort_firms();

  BuildOptions options_;
  std::vector<std::pair<std::uint32_t, Date>> firms_;  // sorted by siren once sorted_
  bool sorted_ = true;
  std::vector<Edge> edges_;
  std::vector<Role> roles_;
  std::vector<std::uint64_t> problem_counts_;
  std::vector<Problem> problems_;
  std::uint64_t folded_moves_ = 0;
};

class Genealogy {
 public:
  // Edges sorted by (child, parent, source), without duplicates or cycles.
  std::span<const Edge> edges() const { return edges_; }
  // Index range of the edges whose child / parent is `siren`.
  std::span<const Edge> parents_of(std::uint32_t siren) const;
  std::vector<const Edge*> children_of(std::uint32_t siren) const;
  // Creation date of a known firm, or kUnknownDate.
  Date created(std::uint32_t siren) const;
  bool known(std::uint32_t siren) const;

  std::uint64_t problem_count(ProblemKind kind) const { return problem_counts_[static_cast<int>(kind)]; }
  std::span<const Problem> problems() const { return problems_; }  // samples
  std::uint64_t folded_moves() const { return folded_moves_; }

 private:
  friend class GenealogyBuilder;
  std::vector<std::pair<std::uint32_t, Date>> firms_;  // sorted by siren
  std::vector<Edge> edges_;                             // sorted by child
  std::vector<std::uint32_t> by_parent_;                // edge indices sorted by parent
  std::vector<std::uint64_t> problem_counts_;
  std::vector<Problem> problems_;
  std::uint64_t folded_moves_ = 0;
};

// Builds the graph from a register's legal units (or, when it has none, its establishments'
// sirens and earliest creation dates) and succession links.
void add_register(GenealogyBuilder& builder, const Register& reg);

}  // namespace grappe::lineage
