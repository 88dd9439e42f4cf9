#include "grappe/measure/null_model.hpp"

#include <numeric>

#include "grappe/common/error.hpp"

namespace grappe::measure {

RandomLabelling::RandomLabelling(std::span<const double> x, std::span<const double> y) : x_(x), y_(y) {
  if (x.size() != y.size()) throw Error("RandomLabelling: x and y differ in length.");
  if (x.size() >= UINT32_MAX) throw Error("RandomLabelling: too many sites.");
}

void RandomLabelling::draw_sample(std::span<const double> weights, Rng& rng, Scratch& scratch, Sample& out) const {
  const std::size_t n = weights.size(), sites = x_.size();
  if (n > sites) throw InputError("Cannot draw more sites than the economy has.");
  auto& permutation = scratch.permutation;
  if (permutation.size() != sites) {
    permutation.resize(sites);
    std::iota(permutation.begin(), permutation.end(), 0u);
  }
  // Partial Fisher–Yates: positions 0..n−1 receive a uniform random ordered subset.
  scratch.positions.resize(n);
  out.clear();
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t pick = k + rng.below(sites - k);
    scratch.positions[k] = static_cast<std::uint32_t>(pick);
    std::swap(permutation[k], permutation[pick]);
    const std::uint32_t site = permutation[k];
    out.push_back(x_[site], y_[site], weights[k]);
  }
  // Undo the swaps in reverse so the scratch permutation is the identity again.
  for (std::size_t k = n; k-- > 0;) std::swap(permutation[k], permutation[scratch.positions[k]]);
}

void RandomLabelling::draw_marks(std::span<const double> weight, std::span<const std::uint32_t> type, Rng& rng,
                                 std::vector<double>& out_weight, std::vector<std::uint32_t>& out_type) const {
  const std::size_t sites = x_.size();
  out_weight.assign(weight.begin(), weight.end());
  out_type.assign(type.begin(), type.end());
  for (std::size_t k = sites; k > 1; --k) {  // Fisher–Yates, marks moving together
    const std::size_t pick = rng.below(k);
    std::swap(out_weight[k - 1], out_weight[pick]);
    std::swap(out_type[k - 1], out_type[pick]);
  }
}

}  // namespace grappe::measure
