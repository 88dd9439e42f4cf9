#pragma once
// Checked reading of JSON request bodies: every field has a type, a length or range, and a
// clear message naming the field when it is wrong. Strings come out valid UTF-8 (the JSON
// parser rejects ill-formed UTF-8) without NUL or other C0 controls except tab and newlines.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "grappe/workspace/errors.hpp"

namespace grappe::workspace::input {

using workspace::kLongText;
using workspace::kShortText;

// The body must be a JSON object (throws invalid otherwise).
const nlohmann::json& object(const nlohmann::json& body, const std::string& what = "the request body");

std::optional<std::string> text(const nlohmann::json& body, const std::string& field,
                                std::size_t max_length = kShortText);
std::string required_text(const nlohmann::json& body, const std::string& field,
                          std::size_t max_length = kShortText);
std::optional<std::int64_t> integer(const nlohmann::json& body, const std::string& field,
                                    std::int64_t min, std::int64_t max);
std::optional<double> number(const nlohmann::json& body, const std::string& field, double min, double max);
std::optional<bool> boolean(const nlohmann::json& body, const std::string& field);

// A string value (not a field): checks length and characters; `what` names it in errors.
std::string checked_text(const nlohmann::json& value, const std::string& what, std::size_t max_length);
// Loose e-mail shape check: one '@', no spaces, a dot in the domain.
std::string email(const nlohmann::json& body, const std::string& field, bool required);
// A SIRET: 14 digits (spaces allowed in input, removed).
std::string siret(const nlohmann::json& value, const std::string& what = "siret");

}  // namespace grappe::workspace::input
