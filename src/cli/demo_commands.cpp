#include "commands.hpp"

namespace grappe::cli {

void add_demo_commands(CLI::App& app) {
  (void)app;  // filled in by the demo module
}

}  // namespace grappe::cli
