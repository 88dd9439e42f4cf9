#include "topics_json.hpp"

#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/errors.hpp"
#include "input.hpp"

namespace grappe::server {

using nlohmann::json;

namespace {

std::optional<std::vector<std::int64_t>> member_ids(const json& body, const std::string& field) {
  if (!body.contains(field) || !body[field].is_array()) return std::nullopt;
  std::vector<std::int64_t> ids;
  for (const auto& id : body[field]) {
    const auto value = input::integer(json{{"id", id}}, "id", 1, INT64_MAX);
    if (!value) workspace::fail_invalid("id is required (a member id of the initiative)", "missing_field");
    ids.push_back(*value);
  }
  return ids;
}

}  // namespace

std::optional<animation::Date> date_from(const json& body, const std::string& field) {
  if (!body.contains(field) || body[field].is_null()) return std::nullopt;
  if (!body[field].is_string()) workspace::fail_invalid(field + " must be a date YYYY-MM-DD");
  return animation::checked_date(body[field].get<std::string>(), field);
}

animation::TopicRequest topic_request_from(const json& body) {
  if (body.is_null()) return {};
  input::object(body);
  animation::TopicRequest r;
  r.member_id = input::integer(body, "member_id", 1, INT64_MAX);
  r.owner_id = input::integer(body, "owner_id", 1, INT64_MAX);
  r.proposal_id = input::integer(body, "proposal_id", 1, INT32_MAX);
  r.action_id = input::integer(body, "action_id", 1, INT32_MAX);
  r.progress = input::integer(body, "progress", 0, 100);
  r.required_commitments = input::integer(body, "required_commitments", 1, 1000);
  r.date = date_from(body, "date");
  r.closes = date_from(body, "closes");
  r.due = date_from(body, "due");
  r.title = input::text(body, "title");
  for (auto [field, value] : {std::pair{"description", &r.description},
                              {"text", &r.text},
                              {"comment", &r.comment},
                              {"note", &r.note},
                              {"reasons", &r.reasons},
                              {"outcome", &r.outcome},
                              {"summary", &r.summary},
                              {"reason", &r.reason},
                              {"minutes", &r.minutes}})
    *value = input::text(body, field, input::kLongText);
  r.vote = input::text(body, "vote", 20);
  r.status = input::text(body, "status", 20);
  r.attendees = member_ids(body, "attendees");
  return r;
}

json topics_json(const std::vector<animation::Topic>& topics) {
  return {{"items", topics}, {"total", topics.size()}};
}

}  // namespace grappe::server
