#include "grappe/lineage/genealogy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "grappe/lineage/dates.hpp"

namespace grappe::lineage {

const char* source_name(EdgeSource source) {
  switch (source) {
    case EdgeSource::succession: return "succession";
    case EdgeSource::founder: return "founder";
    case EdgeSource::declared: return "declared";
  }
  return "?";
}

const char* problem_name(ProblemKind kind) {
  static const char* names[] = {"self_link", "unknown_siren", "date_order", "cycle", "busy_person", "bad_row"};
  return names[static_cast<int>(kind)];
}

GenealogyBuilder::GenealogyBuilder(BuildOptions options)
    : options_(options), problem_counts_(static_cast<int>(ProblemKind::count_), 0) {}

bool GenealogyBuilder::count_problem(ProblemKind kind) {
  return problem_counts_[static_cast<int>(kind)]++ < options_.problem_samples;
}

void GenealogyBuilder::report(ProblemKind kind, std::string detail) {
  if (count_problem(kind)) keep_problem(kind, std::move(detail));
}

void GenealogyBuilder::add_firms(std::span<const LegalUnitRecord> units) {
  firms_.reserve(firms_.size() + units.size());
  for (const auto& u : units) firms_.emplace_back(u.siren, u.created);
  sorted_ = false;
}

void GenealogyBuilder::add_firm(std::uint32_t siren, Date created) {
  firms_.emplace_back(siren, created);
  sorted_ = false;
}

void GenealogyBuilder::sort_firms() {
  if (sorted_) return;
  // Unknown dates (INT32_MIN) sort first; keep the earliest known date of a siren.
  std::sort(firms_.begin(), firms_.end(), [](auto& a, auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const bool ua = a.second == kUnknownDate, ub = b.second == kUnknownDate;
    return ua != ub ? ub : a.second < b.second;
  });
  firms_.erase(std::unique(firms_.begin(), firms_.end(), [](auto& a, auto& b) { return a.first == b.first; }),
               firms_.end());
  sorted_ = true;
}


void GenealogyBuilder::add_successions(std::span<const SuccessionLink> links) {
  edges_.reserve(edges_.size() + links.size() / 4);
  for (const auto& link : links) {
    if (link.predecessor == link.successor) {
      if (count_problem(ProblemKind::self_link))
        keep_problem(ProblemKind::self_link, fmt::format("succession link {:014d} → {:014d} links an establishment to itself",
                                                         link.predecessor, link.successor));
      continue;
    }
    const auto parent = static_cast<std::uint32_t>(link.predecessor / 100000);
    const auto child = static_cast<std::uint32_t>(link.successor / 100000);
    if (parent == child) {
      ++folded_moves_;  // a move inside one firm: not a genealogy edge
      continue;
    }
    edges_.push_back({parent, child, EdgeSource::succession, link.date});
  }
}

void GenealogyBuilder::add_roles(std::vector<Role> roles) {
  if (roles_.empty()) roles_ = std::move(roles);
  else roles_.insert(roles_.end(), roles.begin(), roles.end());
}

void GenealogyBuilder::add_declared_origin(std::uint32_t child, std::uint32_t parent, Date date) {
  edges_.push_back({parent, child, EdgeSource::declared, date});
}

// A person with a role in A that started before B's creation, and a role in B starting at B's
// creation (± tolerance), gives A → B. Persons with too many roles (professional directors,
// holding managers) would pair everything with everything: they are reported and skipped.
// Creation dates are joined by sorting roles by siren and merging with the sorted firms (random
// lookups into 10 M firms would cost a cache miss each).
void GenealogyBuilder::pair_roles() {
  struct Pairing {
    std::uint64_t person;
    std::uint32_t siren;
    Date start;
    Date founded;  // the firm's creation date when this role starts at it, else kUnknownDate
  };
  std::sort(roles_.begin(), roles_.end(), [](const Role& a, const Role& b) { return a.siren < b.siren; });
  std::vector<Pairing> pairing;
  pairing.reserve(roles_.size());
  std::size_t f = 0;
  for (const auto& r : roles_) {
    while (f < firms_.size() && firms_[f].first < r.siren) ++f;
    Date founded = kUnknownDate;
    if (f < firms_.size() && firms_[f].first == r.siren && firms_[f].second != kUnknownDate &&
        r.start != kUnknownDate && std::abs(r.start - firms_[f].second) <= options_.creation_tolerance_days)
      founded = firms_[f].second;
    pairing.push_back({r.person, r.siren, r.start, founded});
  }
  roles_.clear();
  roles_.shrink_to_fit();
  std::sort(pairing.begin(), pairing.end(), [](const Pairing& a, const Pairing& b) {
    return a.person != b.person ? a.person < b.person : a.start < b.start;
  });
  for (std::size_t first = 0; first < pairing.size();) {
    std::size_t last = first + 1;
    while (last < pairing.size() && pairing[last].person == pairing[first].person) ++last;
    const std::size_t n = last - first;
    if (n > options_.max_roles_per_person) {
      if (count_problem(ProblemKind::busy_person))
        keep_problem(ProblemKind::busy_person, fmt::format("a person with {} roles was not used for spin-offs", n));
    } else if (n >= 2) {
      for (std::size_t b = first; b < last; ++b) {
        const Date founded = pairing[b].founded;
        if (founded == kUnknownDate) continue;
        for (std::size_t a = first; a < last && pairing[a].start < founded; ++a)
          if (pairing[a].siren != pairing[b].siren && pairing[a].start != kUnknownDate)
            edges_.push_back({pairing[a].siren, pairing[b].siren, EdgeSource::founder, founded});
      }
    }
    first = last;
  }
}

}  // namespace grappe::lineage
