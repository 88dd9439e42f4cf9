#pragma once
// Errors of the workspace that a user can act on. The server maps the kind to an HTTP status
// and sends {"error": {"code", "message"}}; `code` is a stable machine-readable word.
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::workspace {

enum class ErrorKind { invalid, unauthorized, forbidden, not_found, conflict, too_many, gone };

class WorkspaceError : public Error {
 public:
  WorkspaceError(ErrorKind kind, std::string code, const std::string& message)
      : Error(message), kind_(kind), code_(std::move(code)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }

 private:
  ErrorKind kind_;
  std::string code_;
};

[[noreturn]] inline void fail_invalid(const std::string& message, std::string code = "invalid") {
  throw WorkspaceError(ErrorKind::invalid, std::move(code), message);
}
[[noreturn]] inline void fail_not_found(const std::string& what) {
  throw WorkspaceError(ErrorKind::not_found, "not_found", what + " was not found");
}
[[noreturn]] inline void fail_conflict(const std::string& message, std::string code = "conflict") {
  throw WorkspaceError(ErrorKind::conflict, std::move(code), message);
}

}  // namespace grappe::workspace
