#include "grappe/sim/mechanisms.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace grappe::sim {

double sponsor_hours(const AnimatorSpec& a, double t) {
  double h0 = a.fte * a.hours_per_fte_month;
  if (a.sponsor == SponsorPolicy::decay) return h0 * std::exp(-t / a.decay_years);
  bool withdrawn = a.withdrawal_years >= 0 && t >= a.withdrawal_years - 1e-9;
  return withdrawn ? 0.0 : h0;
}

Allocation allocate_hours(double budget, const AnimatorSpec& a, int running_projects,
                          const std::vector<int>& needs_by_priority, int needs, int interview_candidates) {
  Allocation out;
  double left = std::max(0.0, budget);
  auto take = [&](double wanted) {
    double got = std::min(wanted, left);
    left -= got;
    return got;
  };
  out.support.assign(running_projects, 0.0);
  for (auto& s : out.support) {
    double h = take(a.support_hours_per_project);
    out.support_hours += h;
    s = h / a.support_hours_per_project;
  }
  out.mobilisation.assign(needs, 0.0);
  for (int k : needs_by_priority) {
    double h = take(a.mobilisation_hours_per_need);
    out.mobilisation_hours += h;
    out.mobilisation[k] = h / a.mobilisation_hours_per_need;
  }
  out.interviews = std::min(interview_candidates, static_cast<int>(std::floor(left / a.interview_hours + 1e-12)));
  out.interview_hours = take(out.interviews * a.interview_hours);
  out.outreach_hours = take(a.max_outreach_hours);
  return out;
}

double spontaneous_hazard(const JoiningSpec& j, double outreach_hours) {
  return j.p0 + j.p_outreach * (outreach_hours / j.outreach_reference_hours);
}

double word_of_mouth_hazard(const JoiningSpec& j, double success_stock, double member_share) {
  return j.q * (1 + j.beta * success_stock) * member_share;
}

int increasing_returns_choice(const std::vector<double>& preference, double g, const std::vector<int>& members) {
  int best = 0;
  double best_value = preference[0] + g * members[0];
  for (std::size_t k = 1; k < members.size(); ++k) {
    double v = preference[k] + g * members[k];
    if (v > best_value) {
      best_value = v;
      best = static_cast<int>(k);
    }
  }
  return best;
}

double exit_hazard(const ExitSpec& e, double recent_failures) { return e.base + e.per_failure * recent_failures; }

double discovery_hazard(const NeedsSpec& n, bool interviewed) {
  return n.discovery_base + (interviewed ? n.discovery_interview : 0.0);
}

double method_rate(const ProjectSpec& p, double support) { return p.method_rate * (1 + p.support_effect * support); }

double success_probability(const ProjectSpec& p, double coverage, double support) {
  return std::clamp(p.success_base + p.success_coverage * coverage + p.success_support * support, 0.0, 1.0);
}

double mobilised_threshold(double threshold, double gamma, double mobilisation) {
  double factor = std::clamp(1 - gamma * mobilisation, 0.0, 1.0);
  return threshold > 0 ? threshold * factor : threshold;
}

namespace {

// Complete mixing: commitment is monotone in the committed count, so the final state is found by
// sweeping non-seeds in increasing threshold order (Granovetter's x_{t+1} = F(x_t) fixed point).
std::vector<char> complete_cascade(const std::vector<double>& thresholds, const std::vector<char>& seed,
                                   CascadeScratch& s) {
  const std::size_t n = thresholds.size();
  std::vector<char> committed(seed.begin(), seed.end());
  std::size_t count = std::count(seed.begin(), seed.end(), 1);
  s.order.clear();
  for (std::size_t p = 0; p < n; ++p)
    if (!seed[p]) s.order.push_back(static_cast<int>(p));
  std::sort(s.order.begin(), s.order.end(), [&](int a, int b) {
    return thresholds[a] != thresholds[b] ? thresholds[a] < thresholds[b] : a < b;
  });
  const double size = static_cast<double>(n);
  for (int p : s.order) {
    if (thresholds[p] > static_cast<double>(count) / size) break;
    committed[p] = 1;
    ++count;
  }
  return committed;
}

// Network: Watts (2002) — breadth-first activation; a member commits when its active share of
// pool contacts reaches its threshold (members without pool contacts commit only if φ ≤ 0).
std::vector<char> network_cascade(const std::vector<int>& pool, const std::vector<double>& thresholds,
                                  const std::vector<char>& seed, const ContactNetwork& net, CascadeScratch& s) {
  const std::size_t n = pool.size();
  for (std::size_t p = 0; p < n; ++p) s.pool_position[pool[p]] = static_cast<int>(p);
  s.active_contacts.assign(n, 0);
  s.pool_degree.assign(n, -1);  // computed when first needed: cascades usually stay local
  auto pool_degree = [&](int p) {
    if (s.pool_degree[p] < 0) {
      int d = 0;
      for (auto e = net.offset[pool[p]]; e < net.offset[pool[p] + 1]; ++e) d += s.pool_position[net.neighbour[e]] >= 0;
      s.pool_degree[p] = d;
    }
    return s.pool_degree[p];
  };
  std::vector<char> committed(n, 0);
  s.queue.clear();
  for (std::size_t p = 0; p < n; ++p)
    if (seed[p] || thresholds[p] <= 0) {
      committed[p] = 1;
      s.queue.push_back(static_cast<int>(p));
    }
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    int firm = pool[s.queue[head]];
    for (auto e = net.offset[firm]; e < net.offset[firm + 1]; ++e) {
      int q = s.pool_position[net.neighbour[e]];
      if (q < 0 || committed[q]) continue;
      ++s.active_contacts[q];
      if (static_cast<double>(s.active_contacts[q]) / pool_degree(q) >= thresholds[q]) {
        committed[q] = 1;
        s.queue.push_back(q);
      }
    }
  }
  for (int firm : pool) s.pool_position[firm] = -1;
  return committed;
}

}  // namespace

std::vector<char> threshold_cascade(const std::vector<int>& pool, const std::vector<double>& thresholds,
                                    const std::vector<char>& seed, const ContactNetwork& network,
                                    CascadeScratch& scratch) {
  if (network.complete) return complete_cascade(thresholds, seed, scratch);
  if (scratch.pool_position.size() < static_cast<std::size_t>(network.size))
    scratch.pool_position.assign(network.size, -1);
  return network_cascade(pool, thresholds, seed, network, scratch);
}

}  // namespace grappe::sim
