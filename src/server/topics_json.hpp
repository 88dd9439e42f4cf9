#pragma once
// The JSON of topic requests (docs/animation.md, "API"): each field checked for its type,
// length or range (400 naming it); the operation then asks for the fields it needs.
#include <nlohmann/json.hpp>

#include "grappe/animation/store.hpp"

namespace grappe::server {

// body[field] as a date (YYYY-MM-DD, in checked_date's range), none when absent or null.
std::optional<animation::Date> date_from(const nlohmann::json& body, const std::string& field);
// An empty or null body is an empty request.
animation::TopicRequest topic_request_from(const nlohmann::json& body);
// {"items": [...], "total": n}
nlohmann::json topics_json(const std::vector<animation::Topic>& topics);

}  // namespace grappe::server
