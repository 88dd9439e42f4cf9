#include "grappe/scan/trade_discovery.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "grappe/common/error.hpp"
#include "grappe/common/random.hpp"
#include "grappe/scan/bernoulli_scan.hpp"
#include "grappe/scan/kulldorff.hpp"

namespace grappe {

namespace {

constexpr std::uint64_t kDiscoveryPurpose = 0xd15c;
constexpr int kBatch = 32;

// The windows around a seed and the points that can fall in them (indices of the ladder).
struct Family {
  std::vector<std::int32_t> windows;
  std::vector<std::uint32_t> region;                // points within reach of a window
  std::vector<std::vector<std::uint32_t>> members;  // per window: indices into region
};

Family window_family(const WindowLadder& ladder, std::int32_t seed_window) {
  const auto cx = ladder.centre_x(), cy = ladder.centre_y();
  const auto level = ladder.centre_level();
  const auto levels = ladder.levels();
  const int l0 = level[seed_window];
  const double x0 = cx[seed_window], y0 = cy[seed_window], r0 = levels[l0].radius;
  Family f;
  double reach = 0;
  for (std::size_t w = 0; w < ladder.centre_count(); ++w) {
    if (std::abs(static_cast<int>(level[w]) - l0) > 1) continue;
    if (std::hypot(cx[w] - x0, cy[w] - y0) > r0) continue;
    f.windows.push_back(static_cast<std::int32_t>(w));
    reach = std::max(reach, levels[level[w]].radius);
  }
  const auto x = ladder.x(), y = ladder.y();
  const double reach2 = (r0 + reach) * (r0 + reach);
  for (std::size_t p = 0; p < ladder.point_count(); ++p) {
    const double dx = x[p] - x0, dy = y[p] - y0;
    if (dx * dx + dy * dy <= reach2) f.region.push_back(static_cast<std::uint32_t>(p));
  }
  for (std::int32_t w : f.windows) {
    const double r2 = levels[level[w]].radius * levels[level[w]].radius;
    std::vector<std::uint32_t> inside;
    for (std::uint32_t i = 0; i < f.region.size(); ++i) {
      const double dx = x[f.region[i]] - cx[w], dy = y[f.region[i]] - cy[w];
      if (dx * dx + dy * dy <= r2) inside.push_back(i);
    }
    f.members.push_back(std::move(inside));
  }
  return f;
}

// The union statistic of one labelling of the region (labels[i] for region point i).
class UnionScorer {
 public:
  UnionScorer(const WindowLadder& ladder, const CodeLabels& labels, std::int32_t seed_code,
              const DiscoveryOptions& options)
      : ladder_(ladder),
        total_(labels.total),
        seed_(seed_code),
        options_(options),
        N_(static_cast<double>(ladder.point_count())) {
    null_.resize(total_.size());
    for (std::size_t k = 0; k < total_.size(); ++k) null_[k] = bernoulli_null_loglik(total_[k], N_);
  }

  Discovery best(const Family& family, const std::vector<std::int32_t>& labels) const {
    Discovery best;
    std::vector<std::uint32_t> count(total_.size(), 0);
    std::vector<std::int32_t> present;
    for (std::size_t i = 0; i < family.windows.size(); ++i) {
      const std::int32_t w = family.windows[i];
      for (std::uint32_t j : family.members[i])
        if (const std::int32_t k = labels[j]; k >= 0 && count[k]++ == 0) present.push_back(k);
      score_window(w, count, present, best);
      for (std::int32_t k : present) count[k] = 0;
      present.clear();
    }
    return best;
  }

 private:
  void score_window(std::int32_t w, const std::vector<std::uint32_t>& count,
                    const std::vector<std::int32_t>& present, Discovery& best) const {
    const double n = ladder_.window_count()[w];
    if (n > options_.max_population_share * N_) return;
    std::vector<std::int32_t> joining;
    for (std::int32_t k : present) {
      if (k == seed_ || count[k] < static_cast<std::uint32_t>(options_.min_code_cases) ||
          total_[k] < static_cast<std::uint32_t>(options_.min_code_total))
        continue;
      if (bernoulli_llr(count[k], n, total_[k], N_, null_[k]) >= options_.min_code_llr) joining.push_back(k);
    }
    double c = count[seed_], C = total_[seed_];
    if (c >= options_.min_cases)
      best.seed_llr = std::max(best.seed_llr, bernoulli_llr(c, n, C, N_, null_[seed_]));
    std::sort(joining.begin(), joining.end(), [&](std::int32_t a, std::int32_t b) {
      const double ra = static_cast<double>(count[a]) * total_[b],
                   rb = static_cast<double>(count[b]) * total_[a];
      return ra != rb ? ra > rb : a < b;
    });
    for (std::size_t j = 0; j < joining.size(); ++j) {
      c += count[joining[j]];
      C += total_[joining[j]];
      if (c < options_.min_cases) continue;
      const double llr = bernoulli_llr(c, n, C, N_);
      if (llr <= best.llr) continue;
      best.llr = llr;
      best.window = w;
      best.cases = static_cast<std::uint32_t>(c);
      best.codes.assign(1, seed_);
      best.codes.insert(best.codes.end(), joining.begin(),
                        joining.begin() + static_cast<std::ptrdiff_t>(j + 1));
    }
  }

  const WindowLadder& ladder_;
  const std::vector<std::uint32_t>& total_;
  std::int32_t seed_;
  const DiscoveryOptions& options_;
  double N_;
  std::vector<double> null_;
};

// Draws without replacement from an urn of labelled balls (a Fenwick tree over the labels).
class Urn {
 public:
  explicit Urn(const std::vector<std::uint64_t>& counts) : tree_(counts.size() + 1, 0) {
    for (std::size_t i = 0; i < counts.size(); ++i) add(i, static_cast<std::int64_t>(counts[i]));
    for (auto c : counts) left_ += c;
    top_ = 1;
    while (top_ * 2 < tree_.size()) top_ *= 2;
  }
  std::size_t draw(Rng& rng) {
    std::uint64_t u = rng.below(left_);
    std::size_t pos = 0;  // largest prefix whose sum ≤ u
    for (std::size_t step = top_; step > 0; step /= 2)
      if (pos + step < tree_.size() && static_cast<std::uint64_t>(tree_[pos + step]) <= u) {
        pos += step;
        u -= static_cast<std::uint64_t>(tree_[pos]);
      }
    add(pos, -1);
    --left_;
    return pos;
  }

 private:
  void add(std::size_t i, std::int64_t v) {
    for (++i; i < tree_.size(); i += i & (~i + 1)) tree_[i] += v;
  }
  std::vector<std::int64_t> tree_;
  std::uint64_t left_ = 0;
  std::size_t top_ = 1;
};

// Monte Carlo p-value of result.llr with Besag–Clifford stopping; below 1/(simulations+1), as in
// the scan, the Gumbel tail of the simulated maxima (bernoulli_scan.hpp), which also stops the
// simulations once the expected number of exceedances left is below 0.01.
template <class Simulate>
void run_simulations(const DiscoveryOptions& options, Discovery& result, Simulate&& simulate) {
  std::vector<double> maxima;
  int beaten = 0;
  bool stopped = false;
  GumbelFit gumbel;
  for (int start = 0; start < options.simulations && !stopped; start += kBatch) {
    const int end = std::min(options.simulations, start + kBatch);
    std::vector<double> batch(static_cast<std::size_t>(end - start));
    tbb::parallel_for(start, end,
                      [&](int sim) { batch[static_cast<std::size_t>(sim - start)] = simulate(sim); });
    for (double m : batch) {  // in simulation order: the stopping point does not depend on threads
      maxima.push_back(m);
      if (m >= result.llr * (1 - 1e-12) && ++beaten >= options.early_stop && options.early_stop > 0) {
        stopped = true;
        break;
      }
    }
    if (stopped || beaten > 0 || options.early_stop == 0) continue;
    gumbel = fit_gumbel_maxima(maxima);
    if (gumbel.fitted() &&
        gumbel.p_value(result.llr) * (options.simulations - static_cast<double>(maxima.size())) < 0.01)
      break;
  }
  result.simulations_run = static_cast<int>(maxima.size());
  const double k = result.simulations_run;
  result.p_value = stopped ? std::min(1.0, beaten / k) : (beaten + 1.0) / (k + 1.0);
  if (!stopped) gumbel = fit_gumbel_maxima(maxima);
  if (beaten == 0 && gumbel.fitted()) result.p_value = gumbel.p_value(result.llr);
}

}  // namespace

Discovery discover_trade(const WindowLadder& ladder, const CodeLabels& labels, std::int32_t seed_code,
                         std::int32_t seed_window, const DiscoveryOptions& options) {
  if (labels.code.size() != ladder.point_count() || seed_code < 0 ||
      static_cast<std::size_t>(seed_code) >= labels.total.size() || seed_window < 0 ||
      static_cast<std::size_t>(seed_window) >= ladder.centre_count())
    throw Error("discover_trade: labels, seed code or seed window out of range.");
  const Family family = window_family(ladder, seed_window);
  const UnionScorer scorer(ladder, labels, seed_code, options);
  std::vector<std::int32_t> observed(family.region.size());
  for (std::size_t i = 0; i < observed.size(); ++i) observed[i] = labels.code[family.region[i]];
  Discovery result = scorer.best(family, observed);
  const bool worth_testing = options.test_every_union ? result.codes.size() > 1 : result.better_than_parts();
  if (!worth_testing || options.simulations <= 0) return result;

  // The null urn: every label but the seed code's, "none" last.
  const std::size_t none = labels.total.size();
  std::vector<std::uint64_t> urn(none + 1, 0);
  std::uint64_t labelled = 0;
  for (std::size_t k = 0; k < none; ++k)
    if (static_cast<std::int32_t>(k) != seed_code) {
      urn[k] = labels.total[k];
      labelled += labels.total[k];
    }
  urn[none] = ladder.point_count() - labelled - labels.total[seed_code];
  auto simulate = [&](int sim) {
    Rng rng(stream_seed(options.seed, static_cast<std::uint64_t>(sim), kDiscoveryPurpose));
    Urn draws(urn);
    std::vector<std::int32_t> drawn(observed.size());
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      if (observed[i] == seed_code) {
        drawn[i] = seed_code;
        continue;
      }
      const std::size_t k = draws.draw(rng);
      drawn[i] = k == none ? -1 : static_cast<std::int32_t>(k);
    }
    return scorer.best(family, drawn).llr;
  };
  run_simulations(options, result, simulate);
  return result;
}

}  // namespace grappe
