#pragma once
// Errors that reach the user as one clear sentence naming the place (file, line, column, value),
// with a kind that decides, in one place each, the exit code and the HTTP status.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace grappe {

// Where a problem was found in an input. Lines are 1-based, the header being line 1.
struct SourceLocation {
  std::string file;
  std::uint64_t line = 0;        // 0: unknown
  std::string column;            // column name (SIRENE header), field path, or empty
  std::string value;             // offending value, shortened by the formatter
};

// What went wrong, as the faces report it: exit_code() at the command line, http_status() in
// the server (docs/errors.md).
enum class ErrorKind {
  input,         // bad input from the user: a file, an option, a request field (exit 2, HTTP 400)
  unauthorized,  // no valid session (HTTP 401)
  forbidden,     // not allowed for this role (HTTP 403)
  not_found,     // a thing the user named does not exist (exit 2, HTTP 404)
  conflict,      // valid, but not in the present state (exit 2, HTTP 409)
  gone,          // existed once (HTTP 410)
  too_many,      // rate or capacity limit (HTTP 429)
  io,            // reading or writing failed: disk, permissions (exit 1, HTTP 500)
  internal,      // a fault of grappe or of its installation (exit 1, HTTP 500)
};

int exit_code(ErrorKind kind);
int http_status(ErrorKind kind);
// The API's default machine-readable code of a kind ("invalid", "not_found", …).
std::string default_code(ErrorKind kind);

// Base class of every error grappe reports to a user. what() is a complete sentence; code() a
// stable word for API clients ("invalid_siret"), the kind's default_code() unless given.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ErrorKind kind = ErrorKind::internal);
  Error(ErrorKind kind, std::string code, const std::string& message);
  Error(const SourceLocation& where, const std::string& message, ErrorKind kind = ErrorKind::internal);
  const std::optional<SourceLocation>& where() const { return where_; }
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }

 private:
  std::optional<SourceLocation> where_;
  ErrorKind kind_;
  std::string code_;
};

// Bad input from the user (files, options, request fields).
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message, ErrorKind::input) {}
  InputError(const SourceLocation& where, const std::string& message)
      : Error(where, message, ErrorKind::input) {}
};

// "file:line: column 'x' value '…': message" (parts that are unknown are left out).
std::string format_location(const SourceLocation& where);

}  // namespace grappe
