#include "outcome_sharing.hpp"

#include <type_traits>

#include "grappe/parallel/bytes.hpp"

namespace grappe::sim {

namespace {

// Every field is copied: a field added to ReplicationOutcome must be added here too (the MPI
// test compares a 3-rank `simulate` with a single process byte for byte).
static_assert(std::is_trivially_copyable_v<JoinEvent>);

void write_outcome(parallel::ByteWriter& w, const ReplicationOutcome& o) {
  w.put_vector(o.members);
  w.put(o.critical_mass_years);
  w.put(o.autonomy_years);
  w.put(o.collapse);
  w.put(o.critical_mass_at_withdrawal);
  w.put(o.projects_started);
  w.put(o.projects_member_initiated);
  w.put(o.successes);
  w.put(o.failures);
  w.put(o.hours_budget);
  w.put(o.hours_spent);
  w.put(o.budget_respected);
  w.put(o.largest_cascade);
  w.put(o.largest_cascade_pool);
  w.put(o.mean_degree);
  w.put_vector(o.final_by_initiative);
  w.put_vector(o.joins);
}

ReplicationOutcome read_outcome(parallel::ByteReader& r) {
  ReplicationOutcome o;
  o.members = r.get_vector<int>();
  o.critical_mass_years = r.get<double>();
  o.autonomy_years = r.get<double>();
  o.collapse = r.get<int>();
  o.critical_mass_at_withdrawal = r.get<int>();
  o.projects_started = r.get<int>();
  o.projects_member_initiated = r.get<int>();
  o.successes = r.get<int>();
  o.failures = r.get<int>();
  o.hours_budget = r.get<double>();
  o.hours_spent = r.get<double>();
  o.budget_respected = r.get<bool>();
  o.largest_cascade = r.get<int>();
  o.largest_cascade_pool = r.get<int>();
  o.mean_degree = r.get<double>();
  o.final_by_initiative = r.get_vector<int>();
  o.joins = r.get_vector<JoinEvent>();
  return o;
}

}  // namespace

void share_outcomes(const parallel::Team* team, std::vector<ReplicationOutcome>& outcomes) {
  parallel::share_items(team, outcomes, write_outcome, read_outcome);
}

}  // namespace grappe::sim
