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

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::input:
    case ErrorKind::not_found:
    case ErrorKind::conflict:
      return 2;
    default:
      return 1;
  }
}

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::input:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::gone:
      return 410;
    case ErrorKind::too_many:
      return 429;
    case ErrorKind::io:
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

std::string default_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::input:
      return "invalid";
    case ErrorKind::unauthorized:
      return "unauthorized";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::gone:
      return "gone";
    case ErrorKind::too_many:
      return "too_many";
    case ErrorKind::io:
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

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
