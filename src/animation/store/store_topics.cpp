// Topics: creation, listing, and each operation of the state machine as one request.
#include <functional>
#include <map>

#include "store_internal.hpp"

namespace grappe::animation {

namespace {

struct Request {
  Transaction& tx;
  std::int64_t initiative;
  const TopicRequest& args;
  const Caller& caller;
  Date day;
  // The firm acting (a member user: one they represent).
  std::string member() const { return acting_member(tx, initiative, args.member_id, "member_id", caller); }
  // A firm named by the request, e.g. an action's owner: any member of the initiative.
  std::string named_member(const std::optional<std::int64_t>& id, const std::string& field) const {
    return required_member(tx, initiative, id, field);
  }
  Actor actor() const { return acting_party(tx, initiative, args.member_id, caller); }
  // Operations that act for the whole topic (a poll, a meeting, an action) take no firm as
  // argument, but a member user must still speak for a firm of this initiative: without this
  // check a member account with no firm could forge meetings (network ties) anywhere.
  void require_acting() const { (void)actor(); }
};

std::string optional_text(const std::optional<std::string>& value) { return value.value_or(""); }

// A text the operation needs: 400 naming the field when it is missing or blank.
const std::string& required_text(const std::optional<std::string>& value, const std::string& field) {
  if (!value) workspace::fail_invalid("'" + field + "' is required", "missing_field");
  if (value->find_first_not_of(" \t\r\n") == std::string::npos)
    workspace::fail_invalid("'" + field + "' must not be empty", "missing_field");
  return *value;
}

int required_integer(const std::optional<std::int64_t>& value, const std::string& field) {
  if (!value) workspace::fail_invalid(field + " is required", "missing_field");
  return static_cast<int>(*value);
}

using Operation = std::function<void(Topic&, const Request&)>;

const std::map<std::string, Operation>& operations() {
  static const std::map<std::string, Operation> table = {
      {"support", [](Topic& t, const Request& r) { support_topic(t, r.member(), r.day); }},
      {"sense-check",
       [](Topic& t, const Request& r) {
         respond_sense_check(t, r.member(), parse_vote(required_text(r.args.vote, "vote")),
                             optional_text(r.args.comment), r.day);
       }},
      {"poll",
       [](Topic& t, const Request& r) {
         r.require_acting();
         open_poll(t, r.day, r.args.closes);
       }},
      {"commit", [](Topic& t, const Request& r) { commit_to_poll(t, r.member(), r.day); }},
      {"withdraw", [](Topic& t, const Request& r) { withdraw_commitment(t, r.member(), r.day); }},
      {"method",
       [](Topic& t, const Request& r) { start_method(t, r.actor(), r.day, optional_text(r.args.note)); }},
      {"proposals",
       [](Topic& t, const Request& r) {
         add_proposal(t, r.actor(), required_text(r.args.title, "title"), optional_text(r.args.text), r.day);
       }},
      {"proposal-support",
       [](Topic& t, const Request& r) {
         support_proposal(t, required_integer(r.args.proposal_id, "proposal_id"), r.member(), r.day);
       }},
      {"meetings",
       [](Topic& t, const Request& r) {
         r.require_acting();
         if (!r.args.attendees) workspace::fail_invalid("attendees must be a list of member ids", "invalid");
         std::vector<std::string> attendees;
         for (const auto id : *r.args.attendees) attendees.push_back(r.named_member(id, "id"));
         record_meeting(t, r.day, required_text(r.args.title, "title"), attendees,
                        optional_text(r.args.minutes));
       }},
      {"chosen-method",
       [](Topic& t, const Request& r) {
         const auto& proposal = r.args.proposal_id;
         choose_method(t, proposal ? std::optional<int>(static_cast<int>(*proposal)) : std::nullopt,
                       optional_text(r.args.description), optional_text(r.args.reasons), r.actor(), r.day);
       }},
      {"implementation",
       [](Topic& t, const Request& r) {
         start_implementation(t, r.actor(), r.day, optional_text(r.args.note));
       }},
      {"actions",
       [](Topic& t, const Request& r) {
         r.require_acting();
         add_action(t, required_text(r.args.title, "title"), r.named_member(r.args.owner_id, "owner_id"),
                    r.args.due.value_or(today()), r.day);
       }},
      {"action-update",
       [](Topic& t, const Request& r) {
         r.require_acting();
         update_action(t, required_integer(r.args.action_id, "action_id"),
                       parse_action_status(required_text(r.args.status, "status")),
                       static_cast<int>(r.args.progress.value_or(0)), optional_text(r.args.outcome), r.day);
       }},
      {"join", [](Topic& t, const Request& r) { join_working_group(t, r.member(), r.day); }},
      {"leader", [](Topic& t, const Request& r) { change_leader(t, r.actor(), r.day); }},
      {"title",
       [](Topic& t, const Request& r) {
         rename_topic(t, required_text(r.args.title, "title"), r.actor(), r.day);
       }},
      {"success",
       [](Topic& t, const Request& r) {
         close_success(t, required_text(r.args.summary, "summary"), r.actor(), r.day);
       }},
      {"abandon",
       [](Topic& t, const Request& r) {
         abandon_topic(t, required_text(r.args.reason, "reason"), r.actor(), r.day);
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

std::vector<Topic> AnimationStore::topics(std::int64_t initiative) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    return load_topics(tx, initiative);
  });
}

Topic AnimationStore::topic(std::int64_t initiative, std::int64_t topic_id) {
  return db_.read([&](Transaction& tx) { return load_topic(tx, initiative, topic_id); });
}

Topic AnimationStore::create_topic(const Caller& caller, std::int64_t initiative,
                                   const TopicRequest& request) {
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const Actor initiator = acting_party(tx, initiative, request.member_id, caller);
    Topic topic = open_topic("new", required_text(request.title, "title"), optional_text(request.description),
                             initiator, request.date.value_or(today()),
                             static_cast<int>(request.required_commitments.value_or(3)));
    insert_topic(tx, initiative, topic);
    workspace::audit(tx, caller.actor, "topic.create", "topic:" + topic.id);
    return topic;
  });
}

Topic AnimationStore::topic_operation(const Caller& caller, std::int64_t initiative, std::int64_t topic_id,
                                      const std::string& op, const TopicRequest& args) {
  const auto found = operations().find(op);
  if (found == operations().end()) workspace::fail_not_found("topic operation '" + op + "'");
  return db_.write([&](Transaction& tx) {
    require_initiative(tx, initiative);
    Topic topic = load_topic(tx, initiative, topic_id);
    const Request request{tx, initiative, args, caller, args.date.value_or(today())};
    found->second(topic, request);
    update_topic(tx, topic_id, topic);
    workspace::audit(tx, caller.actor, "topic." + op, "topic:" + std::to_string(topic_id));
    return topic;
  });
}

}  // namespace grappe::animation
