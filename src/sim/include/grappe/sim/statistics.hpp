#pragma once
// Estimators for the Monte Carlo outputs and the tests: Wilson intervals, Kaplan–Meier with
// Greenwood intervals, the normal quantile, the Kolmogorov–Smirnov test.
#include <cstdint>
#include <vector>

namespace grappe::sim {

struct Proportion {
  int successes = 0, trials = 0;
  double estimate = 0, lower = 0, upper = 1;  // Wilson (1927) score interval
};
// Wilson score interval at confidence level given by z (1.959964 for 95%).
Proportion wilson_interval(int successes, int trials, double z = 1.959963984540054);

// Kaplan & Meier (1958) survival S(t) with Greenwood (1926) variance; `times` < 0 = censored at
// `censor_time`. The curve is the cumulative incidence 1 − S(t) at each distinct event time.
struct KaplanMeierPoint {
  double time;
  int at_risk, events;
  double survival, lower, upper;  // 95% pointwise, log(−log) transformed (Kalbfleisch & Prentice)
};
struct KaplanMeier {
  std::vector<KaplanMeierPoint> points;
  double median = -1;  // first time with S ≤ 0.5, −1 when not reached
  int events = 0, censored = 0;
};
KaplanMeier kaplan_meier(const std::vector<double>& times, double censor_time);

// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9), for
// drawing many variates, and CDF.
double normal_quantile_fast(double p);
double normal_cdf(double x);

// One-sample Kolmogorov–Smirnov: D = sup |F_n − F| and its asymptotic p-value
// (Kolmogorov distribution with Stephens' 1970 small-sample correction).
template <class Cdf>
double ks_statistic(std::vector<double> sample, Cdf cdf);
double ks_p_value(double d, std::size_t n);
// Regularised incomplete beta I_x(a, b) for integer a, b ≥ 1 (CDF of Beta(a, b)) through the
// binomial identity I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a).
double beta_cdf_integer(double x, int a, int b);

}  // namespace grappe::sim

#include <algorithm>
#include <cmath>

template <class Cdf>
double grappe::sim::ks_statistic(std::vector<double> sample, Cdf cdf) {
  std::sort(sample.begin(), sample.end());
  const double n = static_cast<double>(sample.size());
  double d = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    double f = cdf(sample[i]);
    d = std::max({d, (i + 1) / n - f, f - i / n});
  }
  return d;
}
