#include "commands.hpp"

namespace grappe::cli {

void add_scan_commands(CLI::App& app) {
  (void)app;  // filled in by the scan module
}

}  // namespace grappe::cli
