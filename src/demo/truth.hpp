#pragma once
// truth.json: what a correct pipeline must find in the demo register (see docs/demo.md).
#include <filesystem>

#include "grappe/demo/demo_register.hpp"
#include "planted.hpp"

namespace grappe::demo {

void write_truth(const std::filesystem::path& path, const DemoOptions& options, const DemoSummary& summary,
                 const Planted& planted);

}  // namespace grappe::demo
