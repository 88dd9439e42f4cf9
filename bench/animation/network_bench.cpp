// Times grappe's cooperation-network measures (core numbers, degree and betweenness
// centrality) and NetworkX's on the same random graphs G(n, p) (seeded), and prints the ratio.
// Usage: bench_animation_network [n ...]   (default: 200 500 1000; mean degree ≈ 8)
// NetworkX is run through /usr/bin/python3 and tests/animation/networkx_oracle.py's reader.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "grappe/animation/network.hpp"
#include "grappe/common/random.hpp"

using namespace grappe::animation;
namespace fs = std::filesystem;

namespace {

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {200, 500, 1000};
  const fs::path edges = fs::temp_directory_path() / "grappe_bench_network.edges";
  std::printf("%8s %8s %12s %12s %12s %12s %8s %8s\n", "nodes", "edges", "grappe_s", "grappe_cpu",
              "networkx_s", "networkx_cpu", "ratio", "cpu_ratio");
  for (int n : sizes) {
    grappe::Rng rng(grappe::stream_seed(2026, static_cast<std::uint64_t>(n), 0));
    const double p = 8.0 / (n - 1);
    Graph graph;
    std::ofstream out(edges);
    for (int v = 0; v < n; ++v) {
      graph.add_node("n" + std::to_string(v));
      out << "n" << v << "\n";
    }
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b)
        if (rng.uniform() < p) {
          graph.add_edge("n" + std::to_string(a), "n" + std::to_string(b));
          out << "n" << a << " n" << b << "\n";
        }
    out.close();
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    volatile double sink = density(graph) + main_core(core_numbers(graph)).k + degree_centrality(graph)[0] +
                           betweenness_centrality(graph)[0];
    (void)sink;
    const double ours = seconds_since(start), ours_cpu = cpu_seconds() - cpu_start;
    const std::string script =
        "import sys,time; sys.path.insert(0,'" GRAPPE_SOURCE_DIR
        "/tests/animation'); import networkx as nx; "
        "import networkx_oracle as o; g=o.read('" +
        edges.string() +
        "'); t=time.perf_counter(); "
        "c=time.process_time(); nx.density(g); nx.core_number(g); nx.degree_centrality(g); "
        "nx.betweenness_centrality(g); print(time.perf_counter()-t, time.process_time()-c)";
    const std::string command = "/usr/bin/python3 -c \"" + script + "\"";
    double theirs = -1, theirs_cpu = -1;
    if (FILE* pipe = popen(command.c_str(), "r")) {
      if (std::fscanf(pipe, "%lf %lf", &theirs, &theirs_cpu) != 2) theirs = -1;
      pclose(pipe);
    }
    if (theirs > 0)
      std::printf("%8d %8zu %12.4f %12.4f %12.4f %12.4f %8.1f %8.1f\n", n, graph.edge_count(), ours, ours_cpu,
                  theirs, theirs_cpu, theirs / ours, theirs_cpu / ours_cpu);
    else
      std::printf("%8d %8zu %12.4f %12.4f %12s %12s %8s %8s\n", n, graph.edge_count(), ours, ours_cpu, "n/a",
                  "n/a", "n/a", "n/a");
  }
  fs::remove(edges);
}
