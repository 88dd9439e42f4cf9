#include "commands.hpp"

namespace grappe::cli {

void add_measure_commands(CLI::App& app) {
  (void)app;  // filled in by the measure module
}

}  // namespace grappe::cli
