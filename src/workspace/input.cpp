#include "grappe/workspace/input.hpp"

#include <cmath>

#include "grappe/workspace/errors.hpp"

namespace grappe::workspace::input {

const nlohmann::json& object(const nlohmann::json& body, const std::string& what) {
  if (!body.is_object()) fail_invalid(what + " must be a JSON object");
  return body;
}

std::string checked_text(const nlohmann::json& value, const std::string& what, std::size_t max_length) {
  if (!value.is_string()) fail_invalid("'" + what + "' must be a string");
  check_text(value.get_ref<const std::string&>(), what, max_length);
  return value.get<std::string>();
}

std::optional<std::string> text(const nlohmann::json& body, const std::string& field, std::size_t max_length) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  return checked_text(*found, field, max_length);
}

std::string required_text(const nlohmann::json& body, const std::string& field, std::size_t max_length) {
  auto value = text(body, field, max_length);
  if (!value) fail_invalid("'" + field + "' is required", "missing_field");
  bool blank = true;
  for (char c : *value) blank &= (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (blank) fail_invalid("'" + field + "' must not be empty", "missing_field");
  return *value;
}

std::optional<std::int64_t> integer(const nlohmann::json& body, const std::string& field, std::int64_t min,
                                    std::int64_t max) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  std::string range = " (from " + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (found->is_number_integer()) {
    if (found->is_number_unsigned() && found->get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      fail_invalid("'" + field + "' is out of range" + range, "out_of_range");
    auto v = found->get<std::int64_t>();
    if (v < min || v > max) fail_invalid("'" + field + "' is out of range" + range, "out_of_range");
    return v;
  }
  if (found->is_number_float()) fail_invalid("'" + field + "' must be a whole number" + range, "out_of_range");
  fail_invalid("'" + field + "' must be a number");
}

std::optional<double> number(const nlohmann::json& body, const std::string& field, double min, double max) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_number()) fail_invalid("'" + field + "' must be a number");
  double v = found->get<double>();
  if (!std::isfinite(v) || v < min || v > max)
    fail_invalid("'" + field + "' is out of range (from " + std::to_string(min) + " to " + std::to_string(max) + ")",
                 "out_of_range");
  return v;
}

std::optional<bool> boolean(const nlohmann::json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_boolean()) fail_invalid("'" + field + "' must be true or false");
  return found->get<bool>();
}

std::string email(const nlohmann::json& body, const std::string& field, bool required) {
  auto value = required ? required_text(body, field, 254) : text(body, field, 254).value_or("");
  if (value.empty()) return value;
  auto at = value.find('@');
  bool ok = at != std::string::npos && at > 0 && value.find('@', at + 1) == std::string::npos &&
            value.find('.', at) != std::string::npos && value.back() != '.' &&
            value.find_first_of(" \t\r\n<>\"',;") == std::string::npos;
  if (!ok) fail_invalid("'" + field + "' is not an e-mail address", "invalid_email");
  for (char& c : value)  // compared without case everywhere (accounts, representatives)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return value;
}

std::string siret(const nlohmann::json& value, const std::string& what) {
  std::string digits;
  if (value.is_number_unsigned()) {
    digits = std::to_string(value.get<std::uint64_t>());  // a number loses leading zeros
    if (digits.size() < 14) digits.insert(0, 14 - digits.size(), '0');
  } else if (value.is_string())
    for (char c : value.get_ref<const std::string&>()) {
      if (c == ' ') continue;
      if (c < '0' || c > '9') fail_invalid("'" + what + "' must be 14 digits", "invalid_siret");
      digits += c;
    }
  else fail_invalid("'" + what + "' must be 14 digits", "invalid_siret");
  if (digits.size() != 14) fail_invalid("'" + what + "' must be 14 digits", "invalid_siret");
  return digits;
}

}  // namespace grappe::workspace::input
