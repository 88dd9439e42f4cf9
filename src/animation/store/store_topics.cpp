// Topics: creation, listing, and each operation of the state machine as one request.
#include <functional>
#include <map>

#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/input.hpp"
#include "store_internal.hpp"

namespace grappe::animation {

namespace {

struct Request {
  Transaction& tx;
  std::int64_t initiative;
  const json& body;
  const Caller& caller;
  Date day;
  // The firm acting (a member user: one they represent).
  std::string member() const { return acting_member_in(tx, initiative, body, "member_id", caller); }
  // A firm named by the request, e.g. an action's owner: any member of the initiative.
  std::string named_member(const std::string& field) const { return member_in(tx, initiative, body, field); }
  Actor actor() const { return actor_in(tx, initiative, body, caller); }
  // Operations that act for the whole topic (a poll, a meeting, an action) take no firm as
  // argument, but a member user must still speak for a firm of this initiative: without this
  // check a member account with no firm could forge meetings (network ties) anywhere.
  void require_acting() const { (void)actor(); }
  std::string text(const std::string& field, std::size_t max = input::kLongText) const {
    return input::text(body, field, max).value_or("");
  }
  int integer(const std::string& field, std::int64_t min, std::int64_t max) const {
    const auto value = input::integer(body, field, min, max);
    if (!value) workspace::fail_invalid(field + " is required", "missing_field");
    return static_cast<int>(*value);
  }
  std::optional<Date> optional_date(const char* field) const {
    if (!body.contains(field) || body[field].is_null()) return std::nullopt;
    return date_in(body, field);
  }
};

using Operation = std::function<void(Topic&, const Request&)>;

const std::map<std::string, Operation>& operations() {
  static const std::map<std::string, Operation> table = {
      {"support", [](Topic& t, const Request& r) { support_topic(t, r.member(), r.day); }},
      {"sense-check",
       [](Topic& t, const Request& r) {
         respond_sense_check(t, r.member(), parse_vote(input::required_text(r.body, "vote", 20)),
                             r.text("comment"), r.day);
       }},
      {"poll",
       [](Topic& t, const Request& r) {
         r.require_acting();
         open_poll(t, r.day, r.optional_date("closes"));
       }},
      {"commit", [](Topic& t, const Request& r) { commit_to_poll(t, r.member(), r.day); }},
      {"withdraw", [](Topic& t, const Request& r) { withdraw_commitment(t, r.member(), r.day); }},
      {"method", [](Topic& t, const Request& r) { start_method(t, r.actor(), r.day, r.text("note")); }},
      {"proposals",
       [](Topic& t, const Request& r) {
         add_proposal(t, r.actor(), input::required_text(r.body, "title"), r.text("text"), r.day);
       }},
      {"proposal-support",
       [](Topic& t, const Request& r) {
         support_proposal(t, r.integer("proposal_id", 1, INT32_MAX), r.member(), r.day);
       }},
      {"meetings",
       [](Topic& t, const Request& r) {
         r.require_acting();
         if (!r.body.contains("attendees") || !r.body["attendees"].is_array())
           workspace::fail_invalid("attendees must be a list of member ids", "invalid");
         std::vector<std::string> attendees;
         for (const auto& id : r.body["attendees"])
           attendees.push_back(member_in(r.tx, r.initiative, {{"id", id}}, "id"));
         record_meeting(t, r.day, input::required_text(r.body, "title"), attendees, r.text("minutes"));
       }},
      {"chosen-method",
       [](Topic& t, const Request& r) {
         const auto proposal = input::integer(r.body, "proposal_id", 1, INT32_MAX);
         choose_method(t, proposal ? std::optional<int>(static_cast<int>(*proposal)) : std::nullopt,
                       r.text("description"), r.text("reasons"), r.actor(), r.day);
       }},
      {"implementation",
       [](Topic& t, const Request& r) { start_implementation(t, r.actor(), r.day, r.text("note")); }},
      {"actions",
       [](Topic& t, const Request& r) {
         r.require_acting();
         add_action(t, input::required_text(r.body, "title"), r.named_member("owner_id"),
                    date_in(r.body, "due"), r.day);
       }},
      {"action-update",
       [](Topic& t, const Request& r) {
         r.require_acting();
         const auto progress = input::integer(r.body, "progress", 0, 100);
         update_action(t, r.integer("action_id", 1, INT32_MAX),
                       parse_action_status(input::required_text(r.body, "status", 20)),
                       progress ? static_cast<int>(*progress) : 0, r.text("outcome"), r.day);
       }},
      {"join", [](Topic& t, const Request& r) { join_working_group(t, r.member(), r.day); }},
      {"leader", [](Topic& t, const Request& r) { change_leader(t, r.actor(), r.day); }},
      {"title",
       [](Topic& t, const Request& r) {
         rename_topic(t, input::required_text(r.body, "title"), r.actor(), r.day);
       }},
      {"success",
       [](Topic& t, const Request& r) {
         close_success(t, input::required_text(r.body, "summary", input::kLongText), r.actor(), r.day);
       }},
      {"abandon",
       [](Topic& t, const Request& r) {
         abandon_topic(t, input::required_text(r.body, "reason", input::kLongText), r.actor(), r.day);
       }},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& AnimationStore::topic_operations() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, op] : operations()) out.push_back(name);
    return out;
  }();
  return names;
}

json AnimationStore::topics(std::int64_t initiative) {
  json out;
  db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    out["items"] = load_topics(tx, initiative);
    out["total"] = out["items"].size();
  });
  return out;
}

json AnimationStore::topic(std::int64_t initiative, std::int64_t topic_id) {
  json out;
  db_.read([&](Transaction& tx) { out = load_topic(tx, initiative, topic_id); });
  return out;
}

json AnimationStore::create_topic(const Caller& caller, std::int64_t initiative, const json& body) {
  input::object(body);
  json out;
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const Actor initiator = actor_in(tx, initiative, body, caller);
    const auto required = input::integer(body, "required_commitments", 1, 1000).value_or(3);
    Topic topic = open_topic("new", input::required_text(body, "title"),
                             input::text(body, "description", input::kLongText).value_or(""), initiator,
                             date_in(body), static_cast<int>(required));
    insert_topic(tx, initiative, topic);
    workspace::audit(tx, caller.actor, "topic.create", "topic:" + topic.id);
    out = topic;
  });
  return out;
}

json AnimationStore::topic_operation(const Caller& caller, std::int64_t initiative, std::int64_t topic_id,
                                     const std::string& op, const json& body) {
  const auto found = operations().find(op);
  if (found == operations().end()) workspace::fail_not_found("topic operation '" + op + "'");
  const json& checked = body.is_null() ? json::object() : input::object(body);
  json out;
  db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    Topic topic = load_topic(tx, initiative, topic_id);
    const Request request{tx, initiative, checked, caller, date_in(checked)};
    found->second(topic, request);
    update_topic(tx, topic_id, topic);
    workspace::audit(tx, caller.actor, "topic." + op, "topic:" + std::to_string(topic_id));
    out = topic;
  });
  return out;
}

}  // namespace grappe::animation
