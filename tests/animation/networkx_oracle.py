#!/usr/bin/python3
"""NetworkX oracle for grappe's cooperation-network measures.

Usage: networkx_oracle.py GRAPH.edges > GRAPH.networkx.json
GRAPH.edges: one edge "a b" or one isolated node "a" per line; '#' starts a comment.
Prints density, the main core (k, size) and, per node, core number, degree centrality and
normalised betweenness centrality, as NetworkX computes them.
"""
import json
import sys

import networkx as nx


def read(path):
    graph = nx.Graph()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split("#", 1)[0].split()
            if len(fields) == 1:
                graph.add_node(fields[0])
            elif len(fields) == 2 and fields[0] == fields[1]:
                graph.add_node(fields[0])  # self-loops ignored, the node kept (as grappe does)
            elif len(fields) == 2:
                graph.add_edge(fields[0], fields[1])
    return graph


def main():
    graph = read(sys.argv[1])
    cores = nx.core_number(graph)
    k = max(cores.values()) if cores else 0
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    out = {
        "networkx": nx.__version__,
        "density": nx.density(graph),
        "main_core": {"k": k, "size": sum(1 for c in cores.values() if c == k)},
        "nodes": {
            node: {"core": cores[node], "degree_centrality": degree[node], "betweenness": betweenness[node]}
            for node in graph.nodes
        },
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
