// grappe demo-register: a realistic synthetic SIRENE register (docs/demo.md).
#include <fmt/format.h>

#include "commands.hpp"
#include "grappe/demo/demo_register.hpp"

namespace grappe::cli {

void add_demo_commands(CLI::App& app) {
  auto* command = app.add_subcommand(
      "demo-register",
      "Write a realistic synthetic register in SIRENE 3.11 format (StockEtablissement, StockUniteLegale, "
      "StockEtablissementLiensSuccession), a founders file and truth.json naming the planted clusters "
      "and genealogies");
  auto options = std::make_shared<demo::DemoOptions>();
  auto threads = std::make_shared<ThreadsOption>();
  command->add_option("--out", options->out_dir, "Output folder (created if needed)")->required();
  command->add_option("--establishments", options->establishments, "Establishment rows to write")
      ->capture_default_str()
      ->check(CLI::Range(demo::minimum_establishments(), std::uint64_t{100'000'000}));
  command->add_option("--seed", options->seed, "Seed: the same seed gives the same files")->capture_default_str();
  add_threads_option(*command, *threads);
  command->callback([options, threads] {
    ThreadLimit limit(*threads);
    const auto summary = demo::generate_demo_register(*options);
    const auto& e = summary.ingest;
    fmt::print(stderr,
               "demo-register: {} establishment rows ({} to keep, {} closed, {} old nomenclature, {} without "
               "location, {} malformed), {} legal units, {} succession links, {} founder rows, {} planted "
               "clusters, {} genealogy edges → {}\n",
               e.rows_read, e.kept, e.skipped_closed, e.skipped_old_nomenclature, e.no_location, e.rejected.size(),
               summary.legal_units, summary.succession_links, summary.founder_rows, summary.planted_clusters,
               summary.genealogy_edges, options->out_dir.string());
  });
}

}  // namespace grappe::cli
