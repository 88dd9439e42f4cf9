#include "grappe/demo/siret.hpp"

#include <fmt/format.h>

namespace grappe::demo {

int luhn_check_digit(std::uint64_t payload, int payload_digits) {
  // The payload's rightmost digit sits next to the check digit, so it is doubled.
  int sum = 0;
  bool doubled = true;
  for (int i = 0; i < payload_digits; ++i) {
    int d = static_cast<int>(payload % 10);
    payload /= 10;
    if (doubled && (d *= 2) > 9) d -= 9;
    sum += d;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

std::uint32_t make_siren(std::uint32_t payload) {
  return payload * 10 + static_cast<std::uint32_t>(luhn_check_digit(payload, 8));
}

std::uint64_t make_siret(std::uint32_t siren, std::uint32_t sequence) {
  const std::uint64_t payload = static_cast<std::uint64_t>(siren) * 10000 + sequence;
  return payload * 10 + static_cast<std::uint64_t>(luhn_check_digit(payload, 13));
}

std::string format_siren(std::uint32_t siren) { return fmt::format("{:09d}", siren); }
std::string format_siret(std::uint64_t siret) { return fmt::format("{:014d}", siret); }

}  // namespace grappe::demo
