// The compute gate and the K-density of a candidate's trade (GET /api/v1/candidates/{i}/kd).
#include <algorithm>
#include <thread>

#include "analyses.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/measure/analysis.hpp"
#include "grappe/measure/distance_grid.hpp"
#include "grappe/measure/groups.hpp"
#include "grappe/workspace/errors.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

int all_cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// The catalogue's trade with this id, if any (never a file path taken from a candidate).
std::optional<Trade> catalogue_trade(const std::string& id) {
  static const std::vector<Trade> trades = [] {
    try {
      return trade_catalogue();
    } catch (const std::exception&) {
      return std::vector<Trade>{};
    }
  }();
  for (const auto& t : trades)
    if (t.id == id) return t;
  return std::nullopt;
}

std::vector<std::string> candidate_codes(const Candidate& candidate) {
  std::vector<std::string> codes;
  for (const auto& c : candidate.codes)
    if (!c.empty() && c.size() <= 10) codes.push_back(c);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

measure::EstablishmentGroup group_of(const Register& reg, const Candidate& candidate) {
  if (auto trade = catalogue_trade(candidate.trade)) return measure::trade_group(reg, *trade);
  auto codes = candidate_codes(candidate);
  if (codes.size() == 1) return measure::sector_group(reg, codes.front());
  Trade trade{"codes", "", codes, {}, {}, {}};
  for (const auto& c : codes) trade.name += (trade.name.empty() ? "" : ", ") + c;
  return measure::trade_group(reg, trade);
}

}  // namespace

ComputeGate::ComputeGate(int jobs, int threads, int queue)
    : free_(std::max(1, jobs)), queue_(std::max(0, queue)), arena_(threads > 0 ? threads : all_cores()) {}

ComputeGate::Slot::Slot(ComputeGate& g) : gate(g) {
  std::unique_lock lock(gate.mutex_);
  if (gate.free_ == 0 && gate.waiting_ >= gate.queue_)
    throw Error(ErrorKind::too_many, "busy", "the server is computing other analyses; try again in a minute");
  ++gate.waiting_;
  gate.freed_.wait(lock, [&] { return gate.free_ > 0; });
  --gate.waiting_;
  --gate.free_;
}

ComputeGate::Slot::~Slot() {
  {
    std::lock_guard lock(gate.mutex_);
    ++gate.free_;
  }
  gate.freed_.notify_one();
}

std::string kd_group_key(const Candidate& candidate) {
  if (catalogue_trade(candidate.trade)) return "trade:" + candidate.trade;
  auto codes = candidate_codes(candidate);
  if (codes.empty())
    workspace::fail_conflict("this candidate names no trade of the catalogue and no NAF codes to measure",
                             "no_trade");
  std::string key = "codes:";
  for (const auto& c : codes) key += c + ",";
  return key;
}

KdService::KdService(const Register& reg, KdSettings settings, ComputeGate& gate)
    : register_(reg), settings_(settings), gate_(gate) {}

const measure::RegisterSites& KdService::sites() {
  std::call_once(sites_once_, [this] { sites_ = measure::located_sites(register_); });
  return sites_;
}

json KdService::curve(const Candidate& candidate) {
  const std::string key = kd_group_key(candidate);
  std::shared_future<json> result;
  std::promise<json> promise;
  bool mine = false;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      result = promise.get_future().share();
      cache_.emplace(key, result);
      mine = true;
    } else {
      result = it->second;
    }
  }
  if (mine) {
    try {
      promise.set_value(gate_.run([&] { return compute(candidate); }));
    } catch (...) {
      {
        std::lock_guard lock(mutex_);
        cache_.erase(key);  // a refused or failed run is not cached: the next request tries again
      }
      promise.set_exception(std::current_exception());
    }
  }
  return result.get();
}

json KdService::compute(const Candidate& candidate) {
  measure::EstablishmentGroup group;
  try {
    group = group_of(register_, candidate);
  } catch (const InputError& e) {  // a NAF code of the candidates file the register does not know
    workspace::fail_conflict(std::string("the candidate's trade cannot be measured: ") + e.what(),
                             "no_trade");
  }
  const measure::GroupKd kd = measure::group_kd(sites(), group, settings_);  // 409 too_few_points
  const measure::CurveAnalysis& a = kd.analysis;
  json out = {{"r", a.r},
              {"kd", a.observed},
              {"group",
               {{"kind", group.kind},
                {"code", group.code},
                {"label", group.label},
                {"establishments", group.rows.size()},
                {"points", kd.points}}},
              {"simulations", settings_.simulations},
              {"seed", settings_.seed},
              {"confidence", settings_.confidence},
              {"bandwidth_m", a.kd_details.bandwidth},
              {"gamma", a.test.gamma},
              {"psi", a.test.psi},
              {"localised", a.test.is_localised()},
              {"dispersed", a.test.is_dispersed()}};
  if (a.envelope) {
    out["lower"] = a.envelope->lo_local;
    out["upper"] = a.envelope->hi_local;
    out["global_lower"] = a.envelope->lo_global;
    out["global_upper"] = a.envelope->hi_global;
  }
  return out;
}

}  // namespace grappe::server
