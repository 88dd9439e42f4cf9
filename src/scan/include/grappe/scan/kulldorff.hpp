#pragma once
// Kulldorff's spatial scan statistic, Bernoulli model (Kulldorff 1997, "A spatial scan
// statistic", Commun. Stat. Theory Methods 26(6), eq. for the Bernoulli likelihood):
// a window holding c cases among n points, out of C cases among N points, has
//   LLR = c ln(c/n) + (n−c) ln(1−c/n) + (C−c) ln((C−c)/(N−n)) + (N−n−C+c) ln(1−(C−c)/(N−n))
//         − [C ln(C/N) + (N−C) ln(1−C/N)]
// when its rate is higher than outside (c/n > (C−c)/(N−n)), else 0 (we look for high rates
// only). With --weighted, c, n, C and N are sums of headcounts instead of counts.
#include <cmath>

namespace grappe {

// a·ln(a/b), 0 when a = 0.
inline double xlogx_ratio(double a, double b) { return a > 0 ? a * std::log(a / b) : 0.0; }

// Log-likelihood of the null model (one rate everywhere): the constant subtracted above.
inline double bernoulli_null_loglik(double C, double N) {
  return xlogx_ratio(C, N) + xlogx_ratio(N - C, N);
}

inline double bernoulli_llr(double c, double n, double C, double N, double null_loglik) {
  const double n_out = N - n, c_out = C - c;
  if (n <= 0 || n_out <= 0 || c * n_out <= c_out * n) return 0.0;
  const double loglik = xlogx_ratio(c, n) + xlogx_ratio(n - c, n) + xlogx_ratio(c_out, n_out) +
                        xlogx_ratio(n_out - c_out, n_out);
  return loglik - null_loglik;
}

inline double bernoulli_llr(double c, double n, double C, double N) {
  return bernoulli_llr(c, n, C, N, bernoulli_null_loglik(C, N));
}

}  // namespace grappe
