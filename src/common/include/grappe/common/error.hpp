#pragma once
// Errors that reach the user as one clear sentence naming the place (file, line, column, value).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace grappe {

// Where a problem was found in an input. Lines are 1-based, the header being line 1.
struct SourceLocation {
  std::string file;
  std::uint64_t line = 0;        // 0: unknown
  std::string column;            // column name (SIRENE header) or empty
  std::string value;             // offending value, shortened by the formatter
};

// Base class of every error grappe reports to a user. what() is a complete sentence.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  Error(const SourceLocation& where, const std::string& message);
  const std::optional<SourceLocation>& where() const { return where_; }

 private:
  std::optional<SourceLocation> where_;
};

// Bad input from the user (files, options): exit code 2 at the command line.
class InputError : public Error {
 public:
  using Error::Error;
};

// "file:line: column 'x' value '…': message" (parts that are unknown are left out).
std::string format_location(const SourceLocation& where);

}  // namespace grappe
