#pragma once
// The model's mechanisms as pure functions of parameters and state (docs/sim.md §3, "one step").
// The replication (replication.hpp) calls exactly these, whether it runs a territory or a
// limiting case, so the classics (Bass, Granovetter, Watts, Arthur, Pólya) test this code.
#include <cmath>
#include <cstdint>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/sim/network.hpp"
#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

// ---- Step 1: sponsor and animator --------------------------------------------------------
// H(t) in hours a month: H₀ until the withdrawal date, or H₀·e^(−t/τ).
double sponsor_hours(const AnimatorSpec& animator, double t_years);

struct Allocation {
  std::vector<double> support;       // per running project, fraction of full support in [0, 1]
  std::vector<double> mobilisation;  // a_k per need, in [0, 1]
  int interviews = 0;
  double support_hours = 0, mobilisation_hours = 0, interview_hours = 0, outreach_hours = 0;
  double spent() const { return support_hours + mobilisation_hours + interview_hours + outreach_hours; }
};

// Default policy: running projects first (in start order), then needs close to their threshold
// (`needs_by_priority`, closest first), then interviews (at most `interview_candidates`), then
// outreach up to its saturation (max_outreach_hours); hours nobody can use are left unspent. Each category is filled greedily, so the hours of every category
// are non-decreasing in the budget, and spent() ≤ budget.
Allocation allocate_hours(double budget, const AnimatorSpec& animator, int running_projects,
                          const std::vector<int>& needs_by_priority, int needs, int interview_candidates);

// ---- Step 2: joining --------------------------------------------------------------------
// λ_i = p₀ + p_o·(outreach/H_ref) + q·(1 + β·S(t))·share, share = Σ_j w_ij m_j / Σ_j w_ij.
double spontaneous_hazard(const JoiningSpec& joining, double outreach_hours);
double word_of_mouth_hazard(const JoiningSpec& joining, double success_stock, double member_share);
// Probability of an event of rate·Δt = x in one step: 1 − e^(−x) (hazard) or min(1, x) (linear).
// Inline: it is evaluated for every firm at every step. Below 0.01 the series to x⁵ is exact to
// 2e-15 (next term x⁶/720) and much cheaper than expm1; most monthly hazards are in this range.
inline double event_probability(double x, JoiningLaw law = JoiningLaw::hazard) {
  if (x <= 0) return 0;
  if (law == JoiningLaw::linear) return x < 1 ? x : 1.0;
  if (x < 1e-2) return x * (1 - x * (0.5 - x * (1.0 / 6 - x * (1.0 / 24 - x / 120))));
  return -std::expm1(-x);
}

// Arthur (1989): the initiative maximising preference + g·members (ties: the lowest index).
int increasing_returns_choice(const std::vector<double>& preference, double g, const std::vector<int>& members);

// ---- Steps 3, 4, 6: hazards and odds ----------------------------------------------------
double exit_hazard(const ExitSpec& exit, double recent_failures);
double discovery_hazard(const NeedsSpec& needs, bool interviewed);
double method_rate(const ProjectSpec& projects, double support);
double success_probability(const ProjectSpec& projects, double coverage, double support);
// φ·(1 − γ·a_k): mobilisation lowers thresholds (never raises them).
double mobilised_threshold(double threshold, double gamma, double mobilisation);

// ---- Step 5: threshold cascades (Granovetter 1978, Watts 2002) -------------------------
// The pool: members expressing need k and free to commit. `thresholds[p]` and `seed[p]` are
// indexed by pool position; seeds commit whatever their threshold. A member commits when the
// committed share of its contacts in the pool reaches its threshold. On a complete network the
// "contacts" are the whole pool (share = committed / pool size, so thresholds given as c/N
// behave as counts c); otherwise the edges of `network` restricted to the pool.
struct CascadeScratch {
  std::vector<int> pool_position;  // per firm, −1 when outside the pool (kept all −1 between calls)
  std::vector<int> order, active_contacts, pool_degree, queue;
};
std::vector<char> threshold_cascade(const std::vector<int>& pool, const std::vector<double>& thresholds,
                                    const std::vector<char>& seed, const ContactNetwork& network,
                                    CascadeScratch& scratch);

}  // namespace grappe::sim
