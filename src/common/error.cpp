#include "grappe/common/error.hpp"

#include <fmt/format.h>

namespace grappe {

namespace {
std::string shorten(const std::string& value) {
  constexpr std::size_t kMax = 60;
  if (value.size() <= kMax) return value;
  return value.substr(0, kMax) + "…";
}
}  // namespace

std::string format_location(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  if (!where.column.empty()) out += fmt::format(": column '{}'", where.column);
  if (!where.value.empty()) out += fmt::format(" value '{}'", shorten(where.value));
  return out;
}

Error::Error(const SourceLocation& where, const std::string& message)
    : std::runtime_error(format_location(where) + ": " + message), where_(where) {}

}  // namespace grappe
