#include "commands.hpp"

namespace grappe::cli {

void add_register_commands(CLI::App& app) {
  (void)app;  // filled in by the register module
}

}  // namespace grappe::cli
