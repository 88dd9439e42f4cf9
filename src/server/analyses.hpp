#pragma once
// Internal: the analyses the API offers the web app (K-density, lineage, simulations). The
// statistics live in src/measure, src/lineage and src/sim; here they get what a server needs:
// a gate bounding how many CPU-heavy runs go at once and on how many threads, a cache of
// K-density curves, one lineage service per register, and the JSON the web app draws.
#include <tbb/task_arena.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grappe/candidate/candidate.hpp"
#include "grappe/lineage/lineage_service.hpp"
#include "grappe/measure/register_kd.hpp"
#include "grappe/register/register.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::server {

// At most `jobs` runs at once, all on one arena of `threads` threads; at most `queue` requests
// wait for their turn, more are refused at once (429 "busy") so a burst cannot pile up work.
class ComputeGate {
 public:
  ComputeGate(int jobs, int threads, int queue);
  template <class F>
  auto run(F&& f) -> decltype(f()) {
    Slot slot(*this);
    decltype(f()) result;
    arena_.execute([&] { result = f(); });
    return result;
  }
  int waiting() {  // requests waiting for a slot now
    std::lock_guard lock(mutex_);
    return waiting_;
  }

 private:
  struct Slot {
    explicit Slot(ComputeGate& gate);
    ~Slot();
    ComputeGate& gate;
  };
  std::mutex mutex_;
  std::condition_variable freed_;
  int free_, waiting_ = 0, queue_;
  tbb::task_arena arena_;
};

// The request `grappe kd --register R --trade T` makes, so that a curve here equals the
// command's (checked by tests/server/analyses_test.cpp).
using KdSettings = measure::KdRequest;

// K-density of a candidate's trade (Duranton & Overman 2005) with its local and global
// envelopes, computed once per trade and kept: concurrent requests for a curve being computed
// wait for that computation instead of starting another.
class KdService {
 public:
  KdService(const Register& reg, KdSettings settings, ComputeGate& gate);
  // {r, kd, lower, upper, global_lower, global_upper (per metre), group: {kind, code, label,
  // establishments, points}, simulations, seed, confidence, bandwidth_m, gamma, psi, localised}
  nlohmann::json curve(const Candidate& candidate);

 private:
  nlohmann::json compute(const Candidate& candidate);
  const measure::RegisterSites& sites();

  const Register& register_;
  KdSettings settings_;
  ComputeGate& gate_;
  std::mutex mutex_;
  std::map<std::string, std::shared_future<nlohmann::json>> cache_;  // by trade or codes
  std::once_flag sites_once_;
  measure::RegisterSites sites_;
};

// The trade of a candidate as the cache key and the group to measure: its trade id when the
// catalogue (data/trades.json) has it, else its NAF codes. 409 "no_trade" when it has neither.
std::string kd_group_key(const Candidate& candidate);

// POST /api/v1/simulations: the request → a scenario (validated, bounded), the run, and the
// result the web app draws. `candidates` are the server's scan candidates; `initiative_members`
// returns an initiative's members for `initiative_id`. `client_gone` is asked between
// replications: once it says true, the run stops (a line on stderr says after how many) and
// the request ends in an error nobody reads.
struct SimulationLimits {
  int max_replications = 5000;
  double max_work = 1e8;  // firms × replications × months
};
using InitiativeMembers = std::function<std::vector<workspace::Member>(std::int64_t)>;
nlohmann::json run_simulation(const nlohmann::json& body, const std::vector<Candidate>& candidates,
                              const InitiativeMembers& initiative_members, const SimulationLimits& limits,
                              ComputeGate& gate, const std::function<bool()>& client_gone = {});

}  // namespace grappe::server
