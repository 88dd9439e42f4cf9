// grappe: find, launch and grow business clusters.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/common/progress.hpp"

int main(int argc, char** argv) {
  CLI::App app{"grappe — find, launch and grow business clusters (grappes d'entreprises)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", grappe::version_string());
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "No progress output on stderr");
  app.parse_complete_callback([&] { grappe::Progress::set_enabled(!quiet); });

  grappe::cli::add_register_commands(app);
  grappe::cli::add_demo_commands(app);
  grappe::cli::add_measure_commands(app);
  grappe::cli::add_scan_commands(app);
  grappe::cli::add_lineage_commands(app);
  grappe::cli::add_sim_commands(app);
  grappe::cli::add_animation_commands(app);
#ifdef GRAPPE_WITH_SERVER
  grappe::cli::add_server_commands(app);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help) and returns its own codes (105, 106…); a bad
    // command line is a usage error like any bad input, so every failure to parse exits 2.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const grappe::Error& e) {
    std::fprintf(stderr, "grappe: error: %s\n", e.what());
    return grappe::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grappe: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
