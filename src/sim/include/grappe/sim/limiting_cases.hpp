#pragma once
// The model configured into the limiting cases of docs/sim.md, where it must reproduce the
// classics: Bass (1969), Granovetter (1978), Watts (2002), Arthur (1989), the Pólya urn. Each case
// runs the ordinary Scenario → Population → Replication code; only parameters differ.
#include <cstdint>
#include <string>
#include <vector>

#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

struct CaseResult {
  std::string name;        // e.g. "bass-continuous F(5)"
  std::string reference;   // the paper
  std::string parameters;  // human-readable
  double expected = 0, measured = 0, tolerance = 0;
  bool pass = false;         // |measured − expected| ≤ tolerance, or a one-sided bound (see `kind`)
  std::string kind = "abs";  // "abs", "max" (measured ≤ expected + tol), "min", "p-value" (measured > tol)
};

// A case with its verdict: `pass` set from `kind` as documented on CaseResult.
CaseResult judge_case(std::string name, std::string reference, std::string parameters, double expected,
                      double measured, double tolerance, std::string kind = "abs");

// full: the sizes of docs/sim.md (seconds to a minute in Release); reduced: smaller samples with
// tolerances widened to the reduced Monte Carlo error (about 3 standard errors), for unit tests.
enum class CaseSize { full, reduced };

// The limiting-case scenarios themselves (reused by tests and docs).
Scenario bass_scenario(double p, double q, int firms, double step_years, double horizon_years,
                       JoiningLaw law);
Scenario threshold_scenario(int firms);  // one need held and expressed by all members, one step

std::vector<CaseResult> bass_cases(CaseSize size, std::uint64_t seed);
std::vector<CaseResult> granovetter_cases(CaseSize size, std::uint64_t seed);
std::vector<CaseResult> watts_cases(CaseSize size, std::uint64_t seed);
std::vector<CaseResult> arthur_cases(CaseSize size, std::uint64_t seed);
std::vector<CaseResult> polya_cases(CaseSize size, std::uint64_t seed);
std::vector<CaseResult> run_limiting_cases(CaseSize size, std::uint64_t seed);

// Fixed point of x = x₀ + (1 − x₀)·Φ((x − 0.25c)/(σc)) reached from x₀ (Granovetter with
// normal thresholds of mean 0.25, a committed seed share x₀ and thresholds scaled by c).
double granovetter_fixed_point(double sigma, double seed_share = 0, double scale = 1);
// Lock-in probability at location 1 (Arthur 1989; gambler's ruin between −b and a).
double arthur_lock_in_probability(double p, int a, int b);

}  // namespace grappe::sim
