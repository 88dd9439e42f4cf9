// DBSCAN speed: grappe's grid DBSCAN on a CSV of points (x,y), best of 3 runs, in seconds.
// Usage: dbscan_bench generate OUT.csv N SEED   |   dbscan_bench run IN.csv EPS MINPTS
// bench/scan/bench_dbscan.sh runs both this and R's dbscan on the same file and prints the ratio.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "grappe/common/random.hpp"
#include "grappe/scan/dbscan.hpp"

namespace {

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// Half the points uniform over a Lambert-93-sized box (metropolitan France), half in 300
// Gaussian clusters of 2–20 km spread: the shape of an establishment register.
void generate(const std::string& path, std::size_t n, std::uint64_t seed) {
  grappe::Rng rng(seed);
  std::vector<double> cx(300), cy(300), sd(300);
  for (int k = 0; k < 300; ++k) {
    cx[k] = 150000 + rng.uniform() * 1000000;
    cy[k] = 6150000 + rng.uniform() * 900000;
    sd[k] = 2000 + rng.uniform() * 18000;
  }
  std::ofstream out(path);
  out << "x,y\n";
  char line[64];
  for (std::size_t i = 0; i < n; ++i) {
    double x, y;
    if (i % 2 == 0) {
      x = 150000 + rng.uniform() * 1000000;
      y = 6150000 + rng.uniform() * 900000;
    } else {
      const auto k = rng.below(300);
      const double r = sd[k] * std::sqrt(-2 * std::log(1 - rng.uniform())),
                   a = 6.283185307179586 * rng.uniform();
      x = cx[k] + r * std::cos(a);
      y = cy[k] + r * std::sin(a);
    }
    std::snprintf(line, sizeof line, "%.1f,%.1f\n", x, y);
    out << line;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "generate") {
    generate(argv[2], std::stoull(argv[3]), std::stoull(argv[4]));
    return 0;
  }
  if (argc != 5 || std::string(argv[1]) != "run") {
    std::cerr << "usage: dbscan_bench generate OUT.csv N SEED | run IN.csv EPS MINPTS\n";
    return 2;
  }
  std::ifstream in(argv[2]);
  std::string line;
  std::getline(in, line);
  std::vector<double> x, y;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    x.push_back(std::stod(line.substr(0, comma)));
    y.push_back(std::stod(line.substr(comma + 1)));
  }
  const grappe::DbscanParams params{std::stod(argv[3]), std::stoi(argv[4])};
  // Best of 3, wall and CPU (all threads): on a shared machine the wall time depends on the
  // other jobs, the CPU time much less.
  double best = 1e300, best_cpu = 1e300;
  grappe::DbscanResult result;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    result = grappe::dbscan(x, y, params);
    best_cpu = std::min(best_cpu, cpu_seconds() - c0);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::size_t noise = 0;
  for (auto l : result.label) noise += (l == 0);
  std::printf("grappe dbscan: %zu points, %d clusters, %zu noise, %.3f s wall, %.3f s cpu\n", x.size(),
              result.clusters, noise, best, best_cpu);
  return 0;
}
