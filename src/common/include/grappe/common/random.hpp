#pragma once
// Randomness only through explicit seeded streams: one stream per (master seed, replication,
// purpose), so that any thread count or MPI layout gives identical results (docs/architecture.md).
#include <cstdint>
#include <limits>

namespace grappe {

// SplitMix64 (Steele, Lea & Flood 2014): used to derive independent stream seeds.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Seed of stream `index` (a replication, a sector…) for `purpose` (init, dynamics…).
constexpr std::uint64_t stream_seed(std::uint64_t master, std::uint64_t index, std::uint64_t purpose = 0) {
  std::uint64_t s = master;
  std::uint64_t a = splitmix64(s);
  s = a ^ (index * 0xD1B54A32D192ED03ULL);
  std::uint64_t b = splitmix64(s);
  s = b ^ (purpose * 0x8CB92BA72F3D8DD7ULL);
  return splitmix64(s);
}

// xoshiro256** (Blackman & Vigna 2018): fast, good quality; satisfies UniformRandomBitGenerator.
class Rng {
 public:
  using result_type = std::uint64_t;
  explicit Rng(std::uint64_t seed) {
    std::uint64_t s = seed;
    for (auto& word : state_) word = splitmix64(s);
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  // Uniform double in [0, 1).
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n), unbiased (Lemire 2019).
  std::uint64_t below(std::uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>((*this)()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>((*this)()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

}  // namespace grappe
