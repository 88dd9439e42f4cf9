#pragma once
// What a call throws, for the tests of errors: the grappe::Error (or subclass E), its code, its message.
#include <optional>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::test {

// A copy of the E that f() throws; nullopt when f() returns.
template <class E = Error, class F>
std::optional<E> thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  return std::nullopt;
}

// The code, or the message, of the E that f() throws; "" when f() returns.
template <class E = Error, class F>
std::string code_of(F&& f) {
  const auto e = thrown<E>(f);
  return e ? e->code() : "";
}
template <class E = Error, class F>
std::string message_of(F&& f) {
  const auto e = thrown<E>(f);
  return e ? e->what() : "";
}

}  // namespace grappe::test
