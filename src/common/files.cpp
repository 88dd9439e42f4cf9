#include "grappe/common/files.hpp"

#include <cerrno>
#include <cstring>

#include "grappe/common/error.hpp"

namespace grappe {

std::ifstream open_input(const std::filesystem::path& path, const std::string& what, bool binary) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(SourceLocation{path.string(), 0, "", ""},
                     "cannot open the " + what + ": it is a folder");
  std::ifstream in(path, binary ? std::ios::in | std::ios::binary : std::ios::in);
  if (!in)
    throw InputError(SourceLocation{path.string(), 0, "", ""},
                     "cannot open the " + what + ": " + std::strerror(errno));
  return in;
}

std::ofstream open_output(const std::filesystem::path& path, const std::string& what, bool binary) {
  std::ofstream out(path, binary ? std::ios::out | std::ios::binary : std::ios::out);
  if (!out)
    throw Error(SourceLocation{path.string(), 0, "", ""},
                "cannot write the " + what + ": " + std::strerror(errno), ErrorKind::io);
  return out;
}

void check_written(std::ofstream& out, const std::filesystem::path& path, const std::string& what) {
  out.flush();
  if (!out)
    throw Error(SourceLocation{path.string(), 0, "", ""}, "cannot write the " + what + " (disk full?)",
                ErrorKind::io);
}

}  // namespace grappe
