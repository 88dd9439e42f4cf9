#include "grappe/common/paths.hpp"

#include <cstdlib>
#include <system_error>

#include "grappe/common/error.hpp"

namespace grappe {

std::filesystem::path data_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("GRAPPE_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "grappe" / "data";
    if (fs::exists(installed / "naf_rev2.json")) return installed;
  }
  fs::path source = GRAPPE_SOURCE_DATA_DIR;
  if (fs::exists(source / "naf_rev2.json")) return source;
  throw Error("grappe's reference data (naf_rev2.json) was not found: set GRAPPE_DATA_DIR to the data/ folder");
}

std::string version_string() { return std::string("grappe ") + GRAPPE_VERSION; }

}  // namespace grappe
