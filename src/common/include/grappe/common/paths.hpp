#pragma once
#include <filesystem>
#include <string>

namespace grappe {

// Folder of grappe's reference data (NAF, communes, départements, trades). Looked up in order:
// $GRAPPE_DATA_DIR, <exe>/../share/grappe/data, the source tree's data/ (for builds in place).
std::filesystem::path data_dir();

// "grappe 0.1.0"
std::string version_string();

}  // namespace grappe
