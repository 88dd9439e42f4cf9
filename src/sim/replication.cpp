// One replication: initialisation, then monthly steps 1–4 of docs/sim.md §3 (animator, joining,
// exit, discovery). Project formation, progress and outcomes are in projects.cpp.
#include <algorithm>
#include <bit>
#include <cmath>

#include "grappe/sim/replication.hpp"
#include "grappe/sim/statistics.hpp"
#include "grappe/sim/streams.hpp"

namespace grappe::sim {

Replication::Replication(const Scenario& scenario, const Population& population, std::uint64_t master,
                         std::uint64_t index)
    : s_(scenario),
      pop_(population),
      dynamics_(stream_seed(master, index, kDynamics)),
      animator_rng_(stream_seed(master, index, kAnimator)),
      n_(population.size),
      needs_(scenario.needs.needs),
      steps_(scenario.step_count()),
      critical_mass_(scenario.critical_mass_members()),
      dt_(scenario.step_years) {
  Rng init(stream_seed(master, index, kInitialisation));
  Rng net(stream_seed(master, index, kNetwork));
  network_ = draw_network(pop_, net);
  outcome_.mean_degree = network_.complete ? n_ - 1.0 : n_ > 0 ? 2.0 * network_.edge_count() / n_ : 0.0;
  initialise_firms(init);
  choose_core(init);
  outcome_.members.reserve(steps_ + 1);
  outcome_.members.push_back(member_count());
}

// Attributes are drawn firm by firm with a fixed number of uniforms, so scenarios that differ
// only in parameters transform the same uniforms (common random numbers).
void Replication::initialise_firms(Rng& rng) {
  const auto& ns = s_.needs;
  const auto& ps = s_.projects;
  initiative_.assign(n_, -1);
  type_a_.assign(n_, 0);
  initiative_propensity_.assign(n_, 0);
  failures_.assign(n_, 0);
  benefit_.assign(n_, 0);
  member_weight_.assign(n_, 0);
  skills_.assign(n_, 0);
  latent_.assign(n_, 0);
  expressed_.assign(n_, 0);
  busy_.assign(n_, 0);
  last_interview_.assign(n_, -1'000'000);
  interviewed_step_.assign(n_, -1);
  thresholds_.assign(static_cast<std::size_t>(n_) * needs_, 0.0);
  non_positive_.assign(needs_, {});
  instigators_.assign(needs_, {});
  for (int i = 0; i < n_; ++i) {
    type_a_[i] = rng.uniform() < s_.competition.type_a_probability;
    double u = rng.uniform();
    initiative_propensity_[i] = std::clamp(ps.initiative_mean * (1 + ps.initiative_spread * (2 * u - 1)), 0.0, 1.0);
    for (int k = 0; k < needs_; ++k) {
      double prevalence = k < static_cast<int>(ns.prevalence.size()) ? ns.prevalence[k] : 0.25;
      if (rng.uniform() < ns.skill_prevalence) skills_[i] |= 1u << k;
      if (rng.uniform() < prevalence) latent_[i] |= 1u << k;
      double z = normal_quantile_fast(std::clamp(rng.uniform(), 1e-300, 1.0 - 1e-16));
      double phi = ps.fixed_thresholds.empty() ? ps.threshold_mean + ps.threshold_sd * z : ps.fixed_thresholds[i];
      thresholds_[static_cast<std::size_t>(i) * needs_ + k] = phi;
      if (phi <= 0) non_positive_[k].push_back(i);
    }
    if (ns.expressed_at_start) expressed_[i] = latent_[i];
  }
  requirements_.assign(needs_, 0);
  for (int k = 0; k < needs_; ++k) {
    requirements_[k] = 1u << k;
    for (int other = 0; other < needs_; ++other)
      if (other != k && rng.uniform() < ns.extra_requirement) requirements_[k] |= 1u << other;
  }
}

// The core is a prefix of one random permutation: cores of size 3 and 10 share their first 3.
void Replication::choose_core(Rng& rng) {
  std::vector<int> order(n_);
  for (int i = 0; i < n_; ++i) order[i] = i;
  for (int i = n_ - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
  const int groups = s_.competition.initiatives;
  by_initiative_.assign(groups, 0);
  slot_.assign(n_, -1);
  outsiders_.clear();
  members_.clear();
  for (int i = 0; i < n_; ++i) {
    slot_[i] = static_cast<int>(outsiders_.size());
    outsiders_.push_back(i);
  }
  std::vector<int> cores = s_.competition.core_by_initiative;
  if (cores.empty()) cores = {s_.core_members};
  int next = 0;
  for (int g = 0; g < static_cast<int>(cores.size()) && g < groups; ++g)
    for (int c = 0; c < cores[g]; ++c) add_member(order[next++], g);
}

void Replication::add_member(int firm, int initiative) {
  int last = outsiders_.back();
  outsiders_[slot_[firm]] = last;
  slot_[last] = slot_[firm];
  outsiders_.pop_back();
  slot_[firm] = static_cast<int>(members_.size());
  members_.push_back(firm);
  initiative_[firm] = initiative;
  ++by_initiative_[initiative];
  failures_[firm] = 0;
  if (!network_.complete)
    for (auto e = network_.offset[firm]; e < network_.offset[firm + 1]; ++e)
      member_weight_[network_.neighbour[e]] += network_.weight[e];
}

void Replication::remove_member(int firm) {
  int last = members_.back();
  members_[slot_[firm]] = last;
  slot_[last] = slot_[firm];
  members_.pop_back();
  slot_[firm] = static_cast<int>(outsiders_.size());
  outsiders_.push_back(firm);
  --by_initiative_[initiative_[firm]];
  initiative_[firm] = -1;
  if (!network_.complete)
    for (auto e = network_.offset[firm]; e < network_.offset[firm + 1]; ++e)
      member_weight_[network_.neighbour[e]] -= network_.weight[e];
}

double Replication::threshold_of(int firm, int need) const {
  return thresholds_[static_cast<std::size_t>(firm) * needs_ + need];
}

void Replication::step() {
  plan_animator();
  decide_joiners();
  decide_member_events();
  apply_exits_and_joins();
  form_projects();
  progress_projects();
  update_outcomes();
  ++step_;
}

ReplicationOutcome Replication::run() {
  while (!finished()) step();
  outcome_.final_by_initiative = by_initiative_;
  return outcome_;
}

// Step 1. The animator sees running projects, the pools of needs (members expressing k and free)
// and the members due for an interview; the default policy allocates the month's hours.
void Replication::plan_animator() {
  budget_ = sponsor_hours(s_.animator, step_ * dt_) * 12 * dt_;
  std::vector<int> priority;
  std::vector<int> candidates;
  if (budget_ > 0) {
    std::vector<int> pool_size(needs_, 0);
    const int due = static_cast<int>(std::lround(s_.animator.reinterview_months / (12 * dt_)));
    for (int firm : members_) {
      for (std::uint32_t free = expressed_[firm] & ~busy_[firm]; free; free &= free - 1) ++pool_size[std::countr_zero(free)];
      if (latent_[firm] != expressed_[firm] && step_ - last_interview_[firm] >= due) candidates.push_back(firm);
    }
    for (int k = 0; k < needs_; ++k)
      if (pool_size[k] >= s_.projects.min_members) priority.push_back(k);
    // "Close to threshold": the largest pools first, where a cascade is most likely to reach m_min.
    std::stable_sort(priority.begin(), priority.end(), [&](int a, int b) { return pool_size[a] > pool_size[b]; });
  }
  allocation_ = allocate_hours(budget_, s_.animator, static_cast<int>(projects_.size()), priority, needs_,
                               static_cast<int>(candidates.size()));
  // Interviews go to members chosen at random among those due (animator's stream).
  for (int c = 0; c < allocation_.interviews; ++c) {
    std::swap(candidates[c], candidates[c + animator_rng_.below(candidates.size() - c)]);
    interviewed_step_[candidates[c]] = step_;
    last_interview_[candidates[c]] = step_;
  }
  outcome_.hours_budget += budget_;
  outcome_.hours_spent += allocation_.spent();
  if (allocation_.spent() > budget_ * (1 + 1e-12) + 1e-12) outcome_.budget_respected = false;
}

// Step 2. Hazards use the state at the start of the step (synchronous update).
void Replication::decide_joiners() {
  joiners_.clear();
  const auto& j = s_.joining;
  double outreach_monthly = allocation_.outreach_hours / (12 * dt_);
  double spontaneous = spontaneous_hazard(j, outreach_monthly);
  if (network_.complete) {
    // Complete mixing: every outsider has the same hazard, so joiners are found by geometric
    // skipping over the outsiders (same law as one draw each, with one draw per joiner).
    double share = static_cast<double>(members_.size()) / n_;
    double social = word_of_mouth_hazard(j, success_stock_, share);
    double lambda = spontaneous + social;
    double p = event_probability(lambda * dt_, j.law);
    if (p <= 0) return;
    double wom = social / lambda;
    const std::size_t count = outsiders_.size();
    if (p >= 1) {
      for (std::size_t k = 0; k < count; ++k) joiners_.push_back({outsiders_[k], wom});
      return;
    }
    double log_q = std::log1p(-p);
    for (std::size_t k = 0;; ++k) {
      k += static_cast<std::size_t>(std::min(1e18, std::floor(std::log(1.0 - dynamics_.uniform()) / log_q)));
      if (k >= count) break;
      joiners_.push_back({outsiders_[k], wom});
    }
    return;
  }
  double social_rate = word_of_mouth_hazard(j, success_stock_, 1.0);
  const double p_alone = event_probability(spontaneous * dt_, j.law);  // no member among contacts
  for (int firm : outsiders_) {
    double weight = member_weight_[firm];
    if (weight <= 1e-12) {  // also absorbs rounding left by joins and exits
      if (dynamics_.uniform() < p_alone) joiners_.push_back({firm, 0.0});
      continue;
    }
    double social = social_rate * weight / network_.weight_sum[firm];
    double lambda = spontaneous + social;
    if (dynamics_.uniform() < event_probability(lambda * dt_, j.law)) joiners_.push_back({firm, social / lambda});
  }
}

// Steps 3 and 4, plus each member's spontaneous initiative (step 5's instigators).
void Replication::decide_member_events() {
  leavers_.clear();
  for (auto& list : instigators_) list.clear();
  if (needs_ == 0 && s_.exit.base == 0) return;  // nothing can happen to a member
  const double failure_decay = std::exp(-dt_ / s_.exit.failure_memory_years);
  const double p_discover = event_probability(discovery_hazard(s_.needs, false) * dt_);
  const double p_discover_interviewed = event_probability(discovery_hazard(s_.needs, true) * dt_);
  const double p_exit_base = event_probability(exit_hazard(s_.exit, 0.0) * dt_);
  for (int firm : members_) {
    double& failures = failures_[firm];
    double p_exit = failures > 0 ? event_probability(exit_hazard(s_.exit, failures) * dt_) : p_exit_base;
    if (p_exit > 0 && dynamics_.uniform() < p_exit) leavers_.push_back(firm);
    if (failures > 0) failures = failures < 1e-9 ? 0.0 : failures * failure_decay;
    double p = interviewed_step_[firm] == step_ ? p_discover_interviewed : p_discover;
    for (std::uint32_t hidden = latent_[firm] & ~expressed_[firm]; hidden; hidden &= hidden - 1)
      if (dynamics_.uniform() < p) expressed_[firm] |= hidden & -hidden;
    std::uint32_t free = expressed_[firm] & ~busy_[firm];
    if (free && initiative_propensity_[firm] > 0 && dynamics_.uniform() < initiative_propensity_[firm]) {
      // Draw the need only when there is a choice, so that with one need the initiative draws
      // stay aligned across scenarios (common random numbers).
      int choices = std::popcount(free);
      int pick = choices > 1 ? static_cast<int>(dynamics_.below(choices)) : 0;
      for (int c = 0; c < pick; ++c) free &= free - 1;
      instigators_[std::countr_zero(free)].push_back(firm);
    }
  }
}

// Leavers leave first; joiners then join one by one in the order found, each seeing the
// memberships left by the previous one (Arthur's and Pólya's sequential arrivals).
void Replication::apply_exits_and_joins() {
  for (int firm : leavers_) {
    remove_member(firm);
    for (auto& list : instigators_) std::erase(list, firm);
  }
  for (const Joiner& joiner : joiners_) {
    add_member(joiner.firm, choose_initiative(joiner));
  }
}

// Word-of-mouth joiners follow their referrer (a member contact drawn in proportion to its
// weight: a Pólya urn under complete mixing); the others pick by increasing returns (Arthur).
int Replication::choose_initiative(const Joiner& joiner) {
  const auto& c = s_.competition;
  if (c.initiatives == 1) {
    if (s_.record_joins) outcome_.joins.push_back({step_, joiner.firm, 0, false});
    return 0;
  }
  bool word_of_mouth = dynamics_.uniform() < joiner.word_of_mouth_share;
  int chosen = -1;
  if (word_of_mouth && !members_.empty()) {
    if (network_.complete) {
      chosen = initiative_[members_[dynamics_.below(members_.size())]];
    } else {
      double total = 0;
      for (auto e = network_.offset[joiner.firm]; e < network_.offset[joiner.firm + 1]; ++e)
        if (initiative_[network_.neighbour[e]] >= 0) total += network_.weight[e];
      double target = dynamics_.uniform() * total;
      for (auto e = network_.offset[joiner.firm]; e < network_.offset[joiner.firm + 1] && chosen < 0; ++e) {
        int other = network_.neighbour[e];
        if (initiative_[other] < 0) continue;
        target -= network_.weight[e];
        if (target < 0) chosen = initiative_[other];
      }
    }
  }
  if (chosen < 0) {
    std::vector<double> preference(c.initiatives, 0.0);
    const auto& given = type_a_[joiner.firm] ? c.preference_a : c.preference_b;
    for (std::size_t g = 0; g < given.size() && g < preference.size(); ++g) preference[g] = given[g];
    chosen = increasing_returns_choice(preference, c.increasing_returns, by_initiative_);
    word_of_mouth = false;
  }
  if (s_.record_joins) outcome_.joins.push_back({step_, joiner.firm, chosen, word_of_mouth});
  return chosen;
}

}  // namespace grappe::sim
