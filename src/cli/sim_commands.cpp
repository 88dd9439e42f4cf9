#include "commands.hpp"

namespace grappe::cli {

void add_sim_commands(CLI::App& app) {
  (void)app;  // filled in by the sim module
}

}  // namespace grappe::cli
