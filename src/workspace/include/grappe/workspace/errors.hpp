#pragma once
// Errors of the workspace that a user can act on: grappe::Error with its kind (which the server
// maps to an HTTP status) and a stable machine-readable code; the server sends
// {"error": {"code", "message"}}.
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::workspace {

[[noreturn]] inline void fail_invalid(const std::string& message, std::string code = "invalid") {
  throw Error(ErrorKind::input, std::move(code), message);
}
[[noreturn]] inline void fail_not_found(const std::string& what) {
  throw Error(ErrorKind::not_found, "not_found", what + " was not found");
}
[[noreturn]] inline void fail_conflict(const std::string& message, std::string code = "conflict") {
  throw Error(ErrorKind::conflict, std::move(code), message);
}

}  // namespace grappe::workspace
