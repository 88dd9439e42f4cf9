// Benchmark of the simulator (issue 9): 1,000 replications of a 2,000-firm, 180-month scenario
// in under 5 s on 2 cores. Prints wall time, agent-steps per second and the ratio to the target;
// the peer is the same run on one thread (parallel speed-up) and a naive O(N²) network draw.
//   sim_bench [replications] [firms] [threads]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include "grappe/common/random.hpp"
#include "grappe/sim/monte_carlo.hpp"

using namespace grappe;
using namespace grappe::sim;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the whole process (all threads): on a machine shared with other jobs, wall time
// overstates our cost, CPU time / threads is what a dedicated machine would take.
double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// The peer of draw_network: one Bernoulli draw per pair (what Miller–Hagberg skipping avoids).
std::size_t naive_edges(const Population& pop, Rng& rng) {
  std::size_t edges = 0;
  for (int i = 0; i < pop.size; ++i)
    for (auto k = pop.pair_offset[i]; k < pop.pair_offset[i + 1]; ++k) edges += rng.uniform() < pop.pairs[k].probability;
  return edges;
}

}  // namespace

int main(int argc, char** argv) {
  const int replications = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int firms = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int threads = argc > 3 ? std::atoi(argv[3]) : tbb::info::default_concurrency();
  Scenario s;
  s.name = "bench";
  s.population.firms = firms;
  s.population.radius_km = 15 * std::sqrt(firms / 200.0);  // the default density of firms
  s.animator.fte = 0.5;
  s.animator.withdrawal_years = 8;
  s.core_members = 10;

  auto start = std::chrono::steady_clock::now();
  Population population = build_population(s, 1);
  double build = seconds_since(start);

  auto run = [&](int thread_count) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, thread_count);
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_seconds();
    auto outcomes = run_replications(s, population, MonteCarloOptions{replications, 1, {}});
    double elapsed = seconds_since(t0), cpu = cpu_seconds() - c0;
    Summary summary = summarise(s, outcomes);
    return std::tuple{elapsed, cpu, summary};
  };
  auto [elapsed, cpu, summary] = run(threads);
  const double agent_steps = static_cast<double>(replications) * firms * s.step_count();
  std::printf("scenario: %d firms, %d months, %d replications, %d threads, %.1f contacts a firm\n", firms,
              s.step_count(), replications, threads, summary.mean_degree);
  std::printf("population (pairwise weights, once): %.3f s, %zu pairs kept, expected edges %.1f, dropped %.3g\n", build,
              population.pairs.size(), population.expected_edges, population.dropped_edges);
  std::printf("grappe simulate: wall %.3f s, CPU %.3f s (CPU / %d threads = %.3f s), %.3g agent-steps per CPU-second\n",
              elapsed, cpu, threads, cpu / threads, agent_steps / cpu);
  std::printf("  target < 5 s on 2 cores: wall/5 = %.2f, (CPU/2)/5 = %.2f\n", elapsed / 5.0, cpu / 2 / 5.0);
  std::printf("  P(CM by 15 y) = %.3f, mean members at horizon %.1f, projects %.1f\n",
              summary.critical_mass_by.back().probability.estimate, summary.mean_final_members, summary.mean_projects);
  if (threads > 1) {
    auto [single, single_cpu, single_summary] = run(1);
    std::printf("peer, same run on 1 thread: wall %.3f s, CPU %.3f s (wall speed-up %.2f×, identical results: %s)\n",
                single, single_cpu, single / elapsed,
                single_summary.mean_final_members == summary.mean_final_members ? "yes" : "NO");
  }
  Rng rng(3);
  // Single-threaded, so process CPU time is this thread's time.
  double t0 = cpu_seconds();
  std::size_t edges = 0;
  const int draws = 20;
  for (int k = 0; k < draws; ++k) edges += naive_edges(population, rng);
  double naive = (cpu_seconds() - t0) / draws;
  t0 = cpu_seconds();
  for (int k = 0; k < draws; ++k) edges += draw_network(population, rng).edge_count();
  double skipping = (cpu_seconds() - t0) / draws;
  std::printf("network draw (CPU): Miller–Hagberg %.3f ms vs naive pairwise %.3f ms (%.1f× faster)\n", 1e3 * skipping,
              1e3 * naive, naive / skipping);
  return edges == 0;
}
