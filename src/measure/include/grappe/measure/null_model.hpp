#pragma once
// Null model of the Monte Carlo tests: *random labelling* (dbmss "RandomLocation"; Duranton &
// Overman 2005 §4: the n establishments of a sector are put on n sites drawn at random among the
// sites of the whole economy, keeping their sizes). The marks (type, weight) of all points are
// permuted together over the fixed locations. Independent of any estimator (kd.hpp,
// mfunction.hpp) and of the envelope (envelope.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/measure/points.hpp"

namespace grappe::measure {

class RandomLabelling {
 public:
  // Locations of every site of the economy (kept by reference: they must outlive this).
  RandomLabelling(std::span<const double> x, std::span<const double> y);

  // Scratch memory of one thread: a permutation that draws restore after use (O(n) per draw).
  struct Scratch {
    std::vector<std::uint32_t> permutation;
    std::vector<std::uint32_t> positions;
  };

  // Sites for one type: a uniform random subset of weights.size() sites, in random order, the
  // k-th receiving weights[k] (so weights are assigned at random). O(n) per draw.
  void draw_sample(std::span<const double> weights, Rng& rng, Scratch& scratch, Sample& out) const;

  // The marks of every point permuted over the locations (for estimators that use all points,
  // like M): out_weight[i], out_type[i] are the marks that land on site i. O(N) per draw.
  void draw_marks(std::span<const double> weight, std::span<const std::uint32_t> type, Rng& rng,
                  std::vector<double>& out_weight, std::vector<std::uint32_t>& out_type) const;

  std::size_t sites() const { return x_.size(); }

 private:
  std::span<const double> x_, y_;
};

}  // namespace grappe::measure
