// Network measures against NetworkX: values NetworkX 2.8.8 computed once, checked in next to each
// test graph (tests/data/animation/graphs/*.networkx.json), and, when /usr/bin/python3 has
// networkx, a fresh run of tests/animation/networkx_oracle.py.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "grappe/animation/network.hpp"

using namespace grappe::animation;
namespace fs = std::filesystem;

namespace {

const fs::path kGraphs = fs::path(GRAPPE_SOURCE_DIR) / "tests/data/animation/graphs";
const fs::path kOracle = fs::path(GRAPPE_SOURCE_DIR) / "tests/animation/networkx_oracle.py";
const char* const kGraphNames[] = {"cluster", "star_path", "karate", "random40"};

Graph read_edges(const fs::path& file) {
  std::ifstream in(file);
  Graph graph;
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream fields(line);
    std::string a, b;
    if (!(fields >> a)) continue;
    if (fields >> b) {
      graph.add_edge(a, b);
    } else {
      graph.add_node(a);
    }
  }
  return graph;
}

void expect_agrees(const Graph& graph, const nlohmann::json& oracle, const std::string& name) {
  SCOPED_TRACE(name);
  ASSERT_EQ(oracle["nodes"].size(), graph.node_count());
  EXPECT_NEAR(density(graph), oracle["density"].get<double>(), 1e-12);
  const auto cores = core_numbers(graph);
  const auto degree = degree_centrality(graph);
  const auto betweenness = betweenness_centrality(graph);
  const auto core = main_core(cores);
  EXPECT_EQ(core.k, oracle["main_core"]["k"].get<int>());
  EXPECT_EQ(core.size, oracle["main_core"]["size"].get<std::size_t>());
  for (std::size_t v = 0; v < graph.node_count(); ++v) {
    const auto& expected = oracle["nodes"][graph.nodes()[v]];
    SCOPED_TRACE(graph.nodes()[v]);
    EXPECT_EQ(cores[v], expected["core"].get<int>());
    EXPECT_NEAR(degree[v], expected["degree_centrality"].get<double>(), 1e-12);
    EXPECT_NEAR(betweenness[v], expected["betweenness"].get<double>(), 1e-12);
  }
}

bool networkx_available() {
  return fs::exists("/usr/bin/python3") && std::system("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") == 0;
}

}  // namespace

TEST(Network, AgreesWithCheckedInNetworkXValues) {
  for (const char* name : kGraphNames) {
    std::ifstream in(kGraphs / (std::string(name) + ".networkx.json"));
    ASSERT_TRUE(in) << name;
    expect_agrees(read_edges(kGraphs / (std::string(name) + ".edges")), nlohmann::json::parse(in), name);
  }
}

TEST(Network, AgreesWithNetworkXRunNow) {
  if (!networkx_available()) GTEST_SKIP() << "/usr/bin/python3 with networkx is not installed";
  const fs::path out = fs::temp_directory_path() / ("grappe_networkx_" + std::to_string(::getpid()) + ".json");
  for (const char* name : kGraphNames) {
    const auto edges = kGraphs / (std::string(name) + ".edges");
    const std::string command = "/usr/bin/python3 '" + kOracle.string() + "' '" + edges.string() + "' > '" + out.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(out);
    expect_agrees(read_edges(edges), nlohmann::json::parse(in), name);
  }
  fs::remove(out);
}

TEST(Network, SmallCasesAndHandValues) {
  Graph empty;
  EXPECT_EQ(density(empty), 0.0);
  EXPECT_EQ(main_core(core_numbers(empty)).k, 0);
  Graph one;
  one.add_node("a");
  EXPECT_EQ(degree_centrality(one), std::vector<double>{1.0});
  EXPECT_EQ(betweenness_centrality(one), std::vector<double>{0.0});
  Graph path;  // a - b - c: b lies on the only path between a and c
  path.add_edge("a", "b");
  path.add_edge("b", "c");
  path.add_edge("b", "a");
  EXPECT_EQ(path.edge_count(), 2u);
  EXPECT_EQ(betweenness_centrality(path, false), (std::vector<double>{0.0, 1.0, 0.0}));
  EXPECT_EQ(betweenness_centrality(path, true), (std::vector<double>{0.0, 1.0, 0.0}));
  EXPECT_EQ(core_numbers(path), (std::vector<int>{1, 1, 1}));
}
