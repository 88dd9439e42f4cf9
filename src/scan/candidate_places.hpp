#pragma once
// One candidate per place and trade (docs/scan.md, "One candidate per place"): candidates that
// share most of their members are merged, each keeping the lenses that found it; then the trade
// words of each candidate and the firms of other codes that carry them.
#include <vector>

#include "candidate_builder.hpp"
#include "grappe/register/register.hpp"
#include "grappe/candidate/candidate.hpp"

namespace grappe {

// |A ∩ B| / min(|A|, |B|) over the members' sirets (0 when one is empty).
double member_overlap(const Candidate& a, const Candidate& b);

// Merges, in rank order, every candidate whose overlap with an earlier one exceeds 1/2, until no
// two remaining candidates do. The merged candidate keeps the statistics of the lens with the
// most members, every lens, and the union of the members (each with the lenses that found it);
// it is named after its catalogue trade when a lens is one.
std::vector<Candidate> merge_candidates(std::vector<Candidate> ranked);

// Proposes the candidate's trade words: words of its members' names (establishment and legal
// unit) over-represented against the other active establishments of its codes nationally
// (Dunning's G² ≥ 10.83, p < 0.001 with one degree of freedom); and lists the establishments
// of the window whose names carry them but whose code is none of the candidate's.
void add_trade_words(const Register& reg, const ScanPopulation& population,
                     std::vector<Candidate>& candidates);

// The distinct words of a name that can name a trade: normalized, no stop word, no number, at
// least three letters, a plural s or x dropped ("Les Agencements Dupont & Fils" → agencement,
// dupont).
std::vector<std::string> trade_words_of(std::string_view name);

// Dunning's (1993) G² of a 2×2 table: a of m members hold the word, c of b others do.
double dunning_g2(double a, double m, double c, double b);

}  // namespace grappe
