#pragma once
// Reading fields of stored JSON documents with errors that name the field and the record
// (shared by the JSON (de)serialisers of growth, needs and topics).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::animation::json_fields {

template <typename T>
T field(const nlohmann::json& j, const char* key, const char* what) {
  if (!j.is_object() || !j.contains(key))
    throw InputError(std::string("A ") + what + " in JSON lacks its '" + key + "' field.");
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw InputError(std::string("The '") + key + "' field of a " + what + " in JSON has the wrong type.");
  }
}

template <typename T>
std::optional<T> optional_field(const nlohmann::json& j, const char* key, const char* what) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return field<T>(j, key, what);
}

template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace grappe::animation::json_fields
