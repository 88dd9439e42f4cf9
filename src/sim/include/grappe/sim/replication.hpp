#pragma once
// Execution of one replication of a Scenario: the state of the firms, one step at a time
// (docs/sim.md §3, "one step"), and what the Monte Carlo needs from it.
#include <cstdint>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/sim/mechanisms.hpp"
#include "grappe/sim/network.hpp"
#include "grappe/sim/population.hpp"
#include "grappe/sim/scenario.hpp"

namespace grappe::sim {

struct JoinEvent {
  int step, firm, initiative;
  bool word_of_mouth;
};

struct ReplicationOutcome {
  std::vector<int> members;            // members after each step; [0] = at t = 0
  double critical_mass_years = -1;     // −1: not reached by the horizon (censored)
  double autonomy_years = -1;          // first month of the first qualifying 12-month run
  int collapse = -1;                   // 1/0: members < M*/2 within the window after withdrawal; −1: no withdrawal
  int critical_mass_at_withdrawal = -1;
  int projects_started = 0, projects_member_initiated = 0, successes = 0, failures = 0;
  double hours_budget = 0, hours_spent = 0;
  bool budget_respected = true;        // spent ≤ budget at every step
  int largest_cascade = 0;             // most commitments in one cascade
  int largest_cascade_pool = 0;        // its pool size
  double mean_degree = 0;              // of the contact network (N − 1 when complete)
  std::vector<int> final_by_initiative;
  std::vector<JoinEvent> joins;        // when scenario.record_joins
};

class Replication {
 public:
  // Draws the replication's firms' attributes and network from stream_seed(master, index, ·).
  Replication(const Scenario& scenario, const Population& population, std::uint64_t master_seed, std::uint64_t index);

  void step();
  bool finished() const { return step_ >= steps_; }
  ReplicationOutcome run();  // steps to the horizon

  int member_count() const { return static_cast<int>(members_.size()); }
  const ReplicationOutcome& outcome() const { return outcome_; }
  const Allocation& last_allocation() const { return allocation_; }
  double last_budget() const { return budget_; }
  const ContactNetwork& network() const { return network_; }

 private:
  struct Project {
    int need;
    std::vector<int> participants;
    bool implementing = false;
    bool member_initiated;
    int start_step;
    double coverage;
    double support_sum = 0;
    int months = 0;
  };
  struct Joiner {
    int firm;
    double word_of_mouth_share;  // λ_wom / λ: the chance this join came by word of mouth
  };

  void initialise_firms(Rng& rng);
  void choose_core(Rng& rng);
  void plan_animator();
  void decide_joiners();
  void decide_member_events();
  void apply_exits_and_joins();
  void form_projects();
  void form_project_on(int need, const std::vector<int>& instigators);
  void progress_projects();
  void finish_project(Project& project, bool success);
  void update_outcomes();
  void add_member(int firm, int initiative);
  void remove_member(int firm);
  int choose_initiative(const Joiner& joiner);
  double threshold_of(int firm, int need) const;

  const Scenario& s_;
  const Population& pop_;
  ContactNetwork network_;
  Rng dynamics_, animator_rng_;
  int n_, needs_, steps_, step_ = 0, critical_mass_;
  double dt_;

  // Firms (structure of arrays).
  std::vector<int> initiative_;       // −1: outsider
  std::vector<int> slot_;             // position in members_ or outsiders_
  std::vector<int> members_, outsiders_;
  std::vector<char> type_a_;
  std::vector<double> initiative_propensity_, failures_, benefit_, member_weight_;
  std::vector<std::uint32_t> skills_, latent_, expressed_, busy_;
  std::vector<double> thresholds_;    // firm × need
  std::vector<int> last_interview_;
  std::vector<std::uint32_t> requirements_;  // per need: skills it requires
  std::vector<std::vector<int>> non_positive_;  // per need: firms with φ ≤ 0 (instigators)
  std::vector<int> by_initiative_;

  // Step state.
  double budget_ = 0, success_stock_ = 0;
  Allocation allocation_;
  std::vector<int> interviewed_step_;
  std::vector<Joiner> joiners_;
  std::vector<int> leavers_;
  std::vector<std::vector<int>> instigators_;  // per need, this step
  std::vector<Project> projects_;
  std::vector<int> started_, started_by_members_;  // per step
  int autonomy_run_ = 0;
  CascadeScratch scratch_;
  std::vector<std::vector<int>> pools_;  // per need, this step
  std::vector<double> pool_thresholds_;
  std::vector<char> pool_seed_;
  ReplicationOutcome outcome_;
};

}  // namespace grappe::sim
