// Times need grouping (analysis + TF-IDF + average linkage) on the labelled French statements
// repeated to n statements (each copy with its own firm ids). No packaged peer does the same
// chain (scikit-learn is not a grappe dependency), so absolute times are printed.
// Usage: bench_animation_needs [n ...]   (default: 80 400 1000 2000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "grappe/animation/csv.hpp"
#include "grappe/animation/needs.hpp"

using namespace grappe::animation;

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {80, 400, 1000, 2000};
  const std::string path = GRAPPE_SOURCE_DIR "/tests/data/animation/needs_fr.csv";
  std::ifstream in(path);
  const auto base = read_needs_csv(in, path);
  std::printf("%10s %10s %12s %12s\n", "statements", "groups", "analyse_s", "group_s");
  for (int n : sizes) {
    std::vector<NeedStatement> needs;
    for (int i = 0; i < n; ++i) {
      auto need = base[i % base.size()];
      need.id += "-" + std::to_string(i);
      need.firm += "-" + std::to_string(i / base.size());
      needs.push_back(std::move(need));
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto corpus = analyse_needs(std::move(needs));
    const auto t1 = std::chrono::steady_clock::now();
    const auto grouping = group_needs(corpus);
    const auto t2 = std::chrono::steady_clock::now();
    std::printf("%10d %10zu %12.4f %12.4f\n", n, grouping.groups.size(),
                std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count());
  }
}
