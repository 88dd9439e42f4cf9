#include "grappe/common/error.hpp"

#include <fmt/format.h>

namespace grappe {

namespace {
std::string shorten(const std::string& value) {
  constexpr std::size_t kMax = 60;
  if (value.size() <= kMax) return value;
  return value.substr(0, kMax) + "…";
}

// Each kind's exit code, HTTP status and default API code, side by side.
struct KindFaces {
  int exit_code;
  int http_status;
  const char* code;
};

KindFaces faces(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::input:
      return {2, 400, "invalid"};
    case ErrorKind::unauthorized:
      return {1, 401, "unauthorized"};
    case ErrorKind::forbidden:
      return {1, 403, "forbidden"};
    case ErrorKind::not_found:
      return {2, 404, "not_found"};
    case ErrorKind::conflict:
      return {2, 409, "conflict"};
    case ErrorKind::gone:
      return {1, 410, "gone"};
    case ErrorKind::too_many:
      return {1, 429, "too_many"};
    case ErrorKind::io:
    case ErrorKind::internal:
      break;
  }
  return {1, 500, "internal"};
}

}  // namespace

int exit_code(ErrorKind kind) { return faces(kind).exit_code; }
int http_status(ErrorKind kind) { return faces(kind).http_status; }
std::string default_code(ErrorKind kind) { return faces(kind).code; }

std::string format_location(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  if (!where.column.empty()) out += fmt::format(": column '{}'", where.column);
  if (!where.value.empty()) out += fmt::format(" value '{}'", shorten(where.value));
  return out;
}

Error::Error(const std::string& message, ErrorKind kind)
    : std::runtime_error(message), kind_(kind), code_(default_code(kind)) {}

Error::Error(ErrorKind kind, std::string code, const std::string& message)
    : std::runtime_error(message), kind_(kind), code_(std::move(code)) {}

Error::Error(const SourceLocation& where, const std::string& message, ErrorKind kind)
    : std::runtime_error(format_location(where) + ": " + message),
      where_(where),
      kind_(kind),
      code_(default_code(kind)) {}

}  // namespace grappe
