#include "commands.hpp"

namespace grappe::cli {

void add_server_commands(CLI::App& app) {
  (void)app;  // filled in by the server module
}

}  // namespace grappe::cli
