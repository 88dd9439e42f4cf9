// Steps 5–7 of docs/sim.md §3: project formation by thresholds, method search and
// implementation, autonomy and the outcomes (critical mass, collapse after withdrawal).
#include <algorithm>
#include <bit>
#include <cmath>

#include "grappe/sim/replication.hpp"

namespace grappe::sim {

// A need is tried this step when someone could start a cascade: a member taking an initiative,
// a member with φ ≤ 0, or the animator mobilising on it. Pools (members expressing k and free)
// are built in one pass, in firm order; a project on k only changes the pool of k.
void Replication::form_projects() {
  std::vector<char> triggered(needs_, 0);
  bool any = false;
  for (int k = 0; k < needs_; ++k) {
    triggered[k] = !instigators_[k].empty() || allocation_.mobilisation[k] > 0;
    for (std::size_t c = 0; c < non_positive_[k].size() && !triggered[k]; ++c) {
      int firm = non_positive_[k][c];
      triggered[k] = initiative_[firm] >= 0 && ((expressed_[firm] & ~busy_[firm]) >> k & 1u);
    }
    any |= triggered[k];
  }
  if (!any) return;
  pools_.resize(needs_);
  for (auto& pool : pools_) pool.clear();
  for (int firm = 0; firm < n_; ++firm) {
    if (initiative_[firm] < 0) continue;
    for (std::uint32_t free = expressed_[firm] & ~busy_[firm]; free; free &= free - 1) {
      int k = std::countr_zero(free);
      if (triggered[k]) pools_[k].push_back(firm);
    }
  }
  for (int k = 0; k < needs_; ++k)
    if (triggered[k]) form_project_on(k, instigators_[k]);
}

void Replication::form_project_on(int k, const std::vector<int>& instigators) {
  const std::uint32_t bit = 1u << k;
  const std::vector<int>& pool = pools_[k];
  if (pool.empty()) return;
  const double a = allocation_.mobilisation[k];
  pool_thresholds_.resize(pool.size());
  pool_seed_.assign(pool.size(), 0);
  bool member_seed = false;
  for (std::size_t p = 0; p < pool.size(); ++p) {
    pool_thresholds_[p] = mobilised_threshold(threshold_of(pool[p], k), s_.projects.mobilisation_effect, a);
    member_seed |= pool_thresholds_[p] <= 0;
  }
  for (int firm : instigators) {
    auto it = std::lower_bound(pool.begin(), pool.end(), firm);
    if (it != pool.end() && *it == firm) {
      pool_seed_[it - pool.begin()] = 1;
      member_seed = true;
    }
  }
  // The animator, mobilising with intensity a_k, recruits one random member with probability a_k.
  if (a > 0 && animator_rng_.uniform() < a) pool_seed_[animator_rng_.below(pool.size())] = 1;
  std::vector<char> committed = threshold_cascade(pool, pool_thresholds_, pool_seed_, network_, scratch_);
  int count = static_cast<int>(std::count(committed.begin(), committed.end(), 1));
  if (count > outcome_.largest_cascade) {
    outcome_.largest_cascade = count;
    outcome_.largest_cascade_pool = static_cast<int>(pool.size());
  }
  if (count < s_.projects.min_members) return;
  Project project{k, {}, false, member_seed, step_, 0.0};
  std::uint32_t held = 0;
  for (std::size_t p = 0; p < pool.size(); ++p)
    if (committed[p]) {
      project.participants.push_back(pool[p]);
      busy_[pool[p]] |= bit;
      held |= skills_[pool[p]];
    }
  project.coverage = static_cast<double>(std::popcount(held & requirements_[k])) / std::popcount(requirements_[k]);
  projects_.push_back(std::move(project));
  ++outcome_.projects_started;
  outcome_.projects_member_initiated += member_seed;
  if (started_.size() <= static_cast<std::size_t>(step_)) {
    started_.resize(step_ + 1, 0);
    started_by_members_.resize(step_ + 1, 0);
  }
  ++started_[step_];
  started_by_members_[step_] += member_seed;
}

// Step 6: geometric stage durations; projects started this step are not yet supported.
void Replication::progress_projects() {
  const auto& ps = s_.projects;
  success_stock_ *= std::exp(-dt_ / s_.joining.success_memory_years);
  const std::size_t supported = allocation_.support.size();
  std::size_t kept = 0;
  for (std::size_t p = 0; p < projects_.size(); ++p) {
    Project& project = projects_[p];
    double support = p < supported ? allocation_.support[p] : 0.0;
    if (project.start_step == step_) {
      projects_[kept++] = std::move(project);
      continue;
    }
    project.support_sum += support;
    ++project.months;
    bool done = false;
    if (!project.implementing) {
      project.implementing = dynamics_.uniform() < event_probability(method_rate(ps, support) * dt_);
    } else if (dynamics_.uniform() < event_probability(ps.implementation_rate * dt_)) {
      double mean_support = project.support_sum / project.months;
      finish_project(project, dynamics_.uniform() < success_probability(ps, project.coverage, mean_support));
      done = true;
    }
    if (!done) projects_[kept++] = std::move(project);
  }
  projects_.resize(kept);
}

// Success satisfies the need, feeds S(t), teaches initiative and pays a benefit; failure raises
// the participants' exit hazard.
void Replication::finish_project(Project& project, bool success) {
  const std::uint32_t bit = 1u << project.need;
  for (int firm : project.participants) {
    busy_[firm] &= ~bit;
    if (success) {
      latent_[firm] &= ~bit;
      expressed_[firm] &= ~bit;
      initiative_propensity_[firm] = std::min(1.0, initiative_propensity_[firm] + s_.projects.initiative_learning);
      benefit_[firm] += s_.projects.benefit_per_success;
    } else if (initiative_[firm] >= 0) {
      failures_[firm] += 1;
    }
  }
  if (success) {
    success_stock_ += 1;
    ++outcome_.successes;
  } else {
    ++outcome_.failures;
  }
}

// Step 7: A(t) over the last 24 months; autonomous from the first month of 12 consecutive months
// with A ≥ 0.6 and a member-initiated project in the trailing year. Critical mass: ≥ M* members
// and ≥ 3 successes. Collapse: members < M*/2 within the window after withdrawal.
void Replication::update_outcomes() {
  const int now = step_;
  const double t_end = (now + 1) * dt_;
  const int members = member_count();
  outcome_.members.push_back(members);
  const auto& o = s_.outcomes;
  auto steps_of = [&](double months) { return std::max(1, static_cast<int>(std::lround(months / (12 * dt_)))); };
  int window = steps_of(o.autonomy_window_months), year = steps_of(12), hold = steps_of(o.autonomy_hold_months);
  int total = 0, by_members = 0, by_members_year = 0;
  for (int s = std::max(0, now - window + 1); s <= now && s < static_cast<int>(started_.size()); ++s) {
    total += started_[s];
    by_members += started_by_members_[s];
    if (s > now - year) by_members_year += started_by_members_[s];
  }
  bool autonomous_month = total > 0 && by_members >= o.autonomy_share * total && by_members_year >= 1;
  autonomy_run_ = autonomous_month ? autonomy_run_ + 1 : 0;
  if (outcome_.autonomy_years < 0 && autonomy_run_ >= hold) outcome_.autonomy_years = (now - hold + 2) * dt_;
  if (outcome_.critical_mass_years < 0 && members >= critical_mass_ && outcome_.successes >= o.critical_mass_successes)
    outcome_.critical_mass_years = t_end;
  const auto& a = s_.animator;
  if (a.sponsor == SponsorPolicy::withdraw && a.withdrawal_years >= 0 && a.withdrawal_years < s_.horizon_years) {
    if (outcome_.collapse < 0) outcome_.collapse = 0;
    if (outcome_.critical_mass_at_withdrawal < 0 && t_end >= a.withdrawal_years - 1e-9)
      outcome_.critical_mass_at_withdrawal =
          outcome_.critical_mass_years >= 0 && outcome_.critical_mass_years <= a.withdrawal_years + 1e-9;
    bool in_window = t_end > a.withdrawal_years + 1e-9 && t_end <= a.withdrawal_years + o.collapse_window_years + 1e-9;
    if (in_window && 2 * members < critical_mass_) outcome_.collapse = 1;
  }
}

}  // namespace grappe::sim
