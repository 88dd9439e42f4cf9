#include "commands.hpp"

namespace grappe::cli {

void add_lineage_commands(CLI::App& app) {
  (void)app;  // filled in by the lineage module
}

}  // namespace grappe::cli
