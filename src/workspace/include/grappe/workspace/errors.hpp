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
inline constexpr std::size_t kShortText = 200;  // names, e-mails, titles
inline constexpr std::size_t kLongText = 4000;  // free-text answers, descriptions

// A text of at most `max_length` characters (UTF-8) without NUL or other C0 controls except
// tab and newlines; `what` names it in the error.
inline void check_text(const std::string& text, const std::string& what, std::size_t max_length) {
  std::size_t length = 0;
  for (unsigned char c : text) length += (c & 0xC0) != 0x80;
  if (length > max_length)
    fail_invalid("'" + what + "' is too long (at most " + std::to_string(max_length) + " characters)",
                 "too_long");
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
      fail_invalid("'" + what + "' contains a control character");
}
[[noreturn]] inline void fail_conflict(const std::string& message, std::string code = "conflict") {
  throw Error(ErrorKind::conflict, std::move(code), message);
}

}  // namespace grappe::workspace
