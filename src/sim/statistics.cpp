#include "grappe/sim/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace grappe::sim {

Proportion wilson_interval(int successes, int trials, double z) {
  Proportion p;
  p.successes = successes;
  p.trials = trials;
  if (trials <= 0) return p;
  double n = trials, phat = successes / n, z2 = z * z;
  double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
  double half = z / (1 + z2 / n) * std::sqrt(phat * (1 - phat) / n + z2 / (4 * n * n));
  p.estimate = phat;
  p.lower = std::max(0.0, centre - half);
  p.upper = std::min(1.0, centre + half);
  return p;
}

KaplanMeier kaplan_meier(const std::vector<double>& times, double censor_time) {
  KaplanMeier km;
  std::vector<double> events;
  for (double t : times) {
    if (t >= 0 && t <= censor_time) events.push_back(t);
    else ++km.censored;
  }
  km.events = static_cast<int>(events.size());
  std::sort(events.begin(), events.end());
  int at_risk = static_cast<int>(times.size());
  double survival = 1, greenwood = 0;
  for (std::size_t i = 0; i < events.size();) {
    std::size_t j = i;
    while (j < events.size() && events[j] == events[i]) ++j;
    int d = static_cast<int>(j - i);
    survival *= 1.0 - static_cast<double>(d) / at_risk;
    if (at_risk > d) greenwood += static_cast<double>(d) / (static_cast<double>(at_risk) * (at_risk - d));
    KaplanMeierPoint pt{events[i], at_risk, d, survival, 0, 1};
    // log(−log S) interval: stays inside [0, 1] (Kalbfleisch & Prentice 1980, §1.3).
    if (survival > 0 && survival < 1) {
      double ls = std::log(survival);
      double se = std::sqrt(greenwood) / std::fabs(ls);
      pt.lower = std::pow(survival, std::exp(1.959963984540054 * se));
      pt.upper = std::pow(survival, std::exp(-1.959963984540054 * se));
    } else {
      pt.lower = pt.upper = survival;
    }
    if (km.median < 0 && survival <= 0.5) km.median = events[i];
    km.points.push_back(pt);
    at_risk -= d;
    i = j;
  }
  return km;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile_fast(double p) {
  if (p <= 0) return -INFINITY;
  if (p >= 1) return INFINITY;
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  double x;
  if (p < low) {
    double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

double ks_p_value(double d, std::size_t n) {
  double sn = std::sqrt(static_cast<double>(n));
  double lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1.0;
  double sum = 0;
  for (int k = 1; k <= 100; ++k) {
    double term = std::exp(-2.0 * k * k * lambda * lambda);
    sum += (k % 2 ? 2.0 : -2.0) * term;
    if (term < 1e-16) break;
  }
  return std::clamp(sum, 0.0, 1.0);
}

double beta_cdf_integer(double x, int a, int b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const int n = a + b - 1;
  // Σ_{k=a}^{n} C(n,k) x^k (1−x)^(n−k), terms built in log space to avoid overflow.
  double total = 0;
  for (int k = a; k <= n; ++k) {
    double log_term = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(x) +
                      (n - k) * std::log1p(-x);
    total += std::exp(log_term);
  }
  return std::min(1.0, total);
}

}  // namespace grappe::sim
