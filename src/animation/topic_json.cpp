// Names of the topic enums and JSON (de)serialisation of topics, so the workspace can store a
// topic as one JSON document or as rows (each part has its own to_json/from_json).
#include <array>
#include <utility>

#include "grappe/animation/topic_json.hpp"
#include "json_fields.hpp"

namespace grappe::animation {
namespace {

template <typename Enum, std::size_t N>
Enum parse_enum(std::string_view text, const std::array<std::pair<Enum, std::string_view>, N>& names, const char* what) {
  std::string expected;
  for (const auto& [value, name] : names) {
    if (name == text) return value;
    expected += (expected.empty() ? "'" : ", '") + std::string(name) + "'";
  }
  throw InputError("Unknown " + std::string(what) + " '" + std::string(text) + "': expected one of " + expected + ".");
}

template <typename Enum, std::size_t N>
std::string_view enum_name(Enum value, const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "?";
}

constexpr std::array<std::pair<Stage, std::string_view>, 3> kStages{
    {{Stage::need, "need"}, {Stage::method, "method"}, {Stage::implementation, "implementation"}}};
constexpr std::array<std::pair<TopicStatus, std::string_view>, 3> kStatuses{
    {{TopicStatus::active, "active"}, {TopicStatus::succeeded, "succeeded"}, {TopicStatus::abandoned, "abandoned"}}};
constexpr std::array<std::pair<ActorKind, std::string_view>, 2> kActorKinds{
    {{ActorKind::member, "member"}, {ActorKind::animator, "animator"}}};
constexpr std::array<std::pair<SenseCheckVote, std::string_view>, 3> kVotes{
    {{SenseCheckVote::agree, "agree"}, {SenseCheckVote::abstain, "abstain"}, {SenseCheckVote::disagree, "disagree"}}};
constexpr std::array<std::pair<ActionStatus, std::string_view>, 4> kActionStatuses{{{ActionStatus::planned, "planned"},
                                                                                    {ActionStatus::in_progress, "in_progress"},
                                                                                    {ActionStatus::done, "done"},
                                                                                    {ActionStatus::cancelled, "cancelled"}}};

using json_fields::field;
using json_fields::optional_field;
using json_fields::optional_json;

}  // namespace

std::string_view stage_name(Stage stage) { return enum_name(stage, kStages); }
std::string_view status_name(TopicStatus status) { return enum_name(status, kStatuses); }
std::string_view actor_kind_name(ActorKind kind) { return enum_name(kind, kActorKinds); }
std::string_view vote_name(SenseCheckVote vote) { return enum_name(vote, kVotes); }
std::string_view action_status_name(ActionStatus status) { return enum_name(status, kActionStatuses); }
Stage parse_stage(std::string_view text) { return parse_enum(text, kStages, "topic stage"); }
TopicStatus parse_status(std::string_view text) { return parse_enum(text, kStatuses, "topic status"); }
ActorKind parse_actor_kind(std::string_view text) { return parse_enum(text, kActorKinds, "actor kind"); }
SenseCheckVote parse_vote(std::string_view text) { return parse_enum(text, kVotes, "sense-check vote"); }
ActionStatus parse_action_status(std::string_view text) { return parse_enum(text, kActionStatuses, "action status"); }

void to_json(nlohmann::json& j, const Actor& actor) { j = {{"kind", actor_kind_name(actor.kind)}, {"id", actor.id}}; }
void from_json(const nlohmann::json& j, Actor& actor) {
  actor.kind = parse_actor_kind(field<std::string>(j, "kind", "actor"));
  actor.id = field<std::string>(j, "id", "actor");
}

void to_json(nlohmann::json& j, const Support& support) { j = {{"firm", support.firm}, {"date", support.date}}; }
void from_json(const nlohmann::json& j, Support& support) {
  support.firm = field<std::string>(j, "firm", "support");
  support.date = field<Date>(j, "date", "support");
}

void to_json(nlohmann::json& j, const SenseCheckResponse& r) {
  j = {{"firm", r.firm}, {"vote", vote_name(r.vote)}, {"comment", r.comment}, {"date", r.date}};
}
void from_json(const nlohmann::json& j, SenseCheckResponse& r) {
  r.firm = field<std::string>(j, "firm", "sense-check response");
  r.vote = parse_vote(field<std::string>(j, "vote", "sense-check response"));
  r.comment = optional_field<std::string>(j, "comment", "sense-check response").value_or("");
  r.date = field<Date>(j, "date", "sense-check response");
}

void to_json(nlohmann::json& j, const OptInPoll& poll) {
  j = {{"opened", poll.opened}, {"closes", optional_json(poll.closes)}, {"commitments", poll.commitments}, {"open", poll.open}};
}
void from_json(const nlohmann::json& j, OptInPoll& poll) {
  poll.opened = field<Date>(j, "opened", "opt-in poll");
  poll.closes = optional_field<Date>(j, "closes", "opt-in poll");
  poll.commitments = field<std::vector<Support>>(j, "commitments", "opt-in poll");
  poll.open = field<bool>(j, "open", "opt-in poll");
}

void to_json(nlohmann::json& j, const Proposal& p) {
  j = {{"id", p.id}, {"author", p.author}, {"title", p.title}, {"text", p.text}, {"date", p.date}, {"supports", p.supports}};
}
void from_json(const nlohmann::json& j, Proposal& p) {
  p.id = field<int>(j, "id", "proposal");
  p.author = field<Actor>(j, "author", "proposal");
  p.title = field<std::string>(j, "title", "proposal");
  p.text = optional_field<std::string>(j, "text", "proposal").value_or("");
  p.date = field<Date>(j, "date", "proposal");
  p.supports = optional_field<std::vector<Support>>(j, "supports", "proposal").value_or(std::vector<Support>{});
}

void to_json(nlohmann::json& j, const Meeting& m) {
  j = {{"id", m.id}, {"date", m.date}, {"title", m.title}, {"attendees", m.attendees}, {"minutes", m.minutes}};
}
void from_json(const nlohmann::json& j, Meeting& m) {
  m.id = field<int>(j, "id", "meeting");
  m.date = field<Date>(j, "date", "meeting");
  m.title = field<std::string>(j, "title", "meeting");
  m.attendees = field<std::vector<std::string>>(j, "attendees", "meeting");
  m.minutes = optional_field<std::string>(j, "minutes", "meeting").value_or("");
}

void to_json(nlohmann::json& j, const ChosenMethod& m) {
  j = {{"proposal_id", optional_json(m.proposal_id)}, {"description", m.description}, {"reasons", m.reasons},
       {"decided_by", m.decided_by}, {"date", m.date}};
}
void from_json(const nlohmann::json& j, ChosenMethod& m) {
  m.proposal_id = optional_field<int>(j, "proposal_id", "chosen method");
  m.description = field<std::string>(j, "description", "chosen method");
  m.reasons = field<std::string>(j, "reasons", "chosen method");
  m.decided_by = field<Actor>(j, "decided_by", "chosen method");
  m.date = field<Date>(j, "date", "chosen method");
}

void to_json(nlohmann::json& j, const Action& a) {
  j = {{"id", a.id}, {"title", a.title}, {"owner_firm", a.owner_firm}, {"due", a.due},
       {"status", action_status_name(a.status)}, {"progress", a.progress}, {"outcome", a.outcome}, {"updated", a.updated}};
}
void from_json(const nlohmann::json& j, Action& a) {
  a.id = field<int>(j, "id", "action");
  a.title = field<std::string>(j, "title", "action");
  a.owner_firm = field<std::string>(j, "owner_firm", "action");
  a.due = field<Date>(j, "due", "action");
  a.status = parse_action_status(field<std::string>(j, "status", "action"));
  a.progress = field<int>(j, "progress", "action");
  if (a.progress < 0 || a.progress > 100)
    throw InputError("An action in JSON has progress " + std::to_string(a.progress) + "%, outside 0 to 100.");
  a.outcome = optional_field<std::string>(j, "outcome", "action").value_or("");
  a.updated = field<Date>(j, "updated", "action");
}

void to_json(nlohmann::json& j, const StageChange& c) {
  j = {{"date", c.date}, {"from", c.from ? nlohmann::json(stage_name(*c.from)) : nlohmann::json()},
       {"to", stage_name(c.to)}, {"by", c.by}, {"note", c.note}};
}
void from_json(const nlohmann::json& j, StageChange& c) {
  c.date = field<Date>(j, "date", "stage change");
  const auto from = optional_field<std::string>(j, "from", "stage change");
  c.from = from ? std::optional(parse_stage(*from)) : std::nullopt;
  c.to = parse_stage(field<std::string>(j, "to", "stage change"));
  c.by = field<Actor>(j, "by", "stage change");
  c.note = optional_field<std::string>(j, "note", "stage change").value_or("");
}

void to_json(nlohmann::json& j, const LeaderChange& c) { j = {{"date", c.date}, {"leader", c.leader}}; }
void from_json(const nlohmann::json& j, LeaderChange& c) {
  c.date = field<Date>(j, "date", "leader change");
  c.leader = field<Actor>(j, "leader", "leader change");
}

void to_json(nlohmann::json& j, const Outcome& o) {
  j = {{"status", status_name(o.status)}, {"reason", o.reason}, {"by", o.by}, {"date", o.date}};
}
void from_json(const nlohmann::json& j, Outcome& o) {
  o.status = parse_status(field<std::string>(j, "status", "outcome"));
  o.reason = field<std::string>(j, "reason", "outcome");
  o.by = field<Actor>(j, "by", "outcome");
  o.date = field<Date>(j, "date", "outcome");
}

void to_json(nlohmann::json& j, const Topic& t) {
  j = {{"id", t.id}, {"title", t.title}, {"description", t.description},
       {"collective_need_id", optional_json(t.collective_need_id)}, {"initiator", t.initiator},
       {"created", t.created}, {"required_commitments", t.required_commitments},
       {"stage", stage_name(t.stage)}, {"status", status_name(t.status)}, {"leader", t.leader()},
       {"leaders", t.leaders}, {"supports", t.supports}, {"sense_check", t.sense_check},
       {"poll", optional_json(t.poll)}, {"working_group", t.working_group}, {"proposals", t.proposals},
       {"meetings", t.meetings}, {"method", optional_json(t.method)}, {"actions", t.actions},
       {"progress", t.progress()}, {"history", t.history}, {"outcome", optional_json(t.outcome)},
       {"last_activity", t.last_activity}, {"next_id", t.next_id}};
}

void from_json(const nlohmann::json& j, Topic& t) {
  const char* what = "topic";
  t.id = field<std::string>(j, "id", what);
  t.title = field<std::string>(j, "title", what);
  t.description = optional_field<std::string>(j, "description", what).value_or("");
  t.collective_need_id = optional_field<int>(j, "collective_need_id", what);
  t.initiator = field<Actor>(j, "initiator", what);
  t.created = field<Date>(j, "created", what);
  t.required_commitments = field<int>(j, "required_commitments", what);
  t.stage = parse_stage(field<std::string>(j, "stage", what));
  t.status = parse_status(field<std::string>(j, "status", what));
  t.leaders = field<std::vector<LeaderChange>>(j, "leaders", what);
  if (t.leaders.empty()) throw InputError("Topic '" + t.id + "' in JSON has no leader.");
  t.supports = optional_field<std::vector<Support>>(j, "supports", what).value_or(std::vector<Support>{});
  t.sense_check = optional_field<std::vector<SenseCheckResponse>>(j, "sense_check", what).value_or(std::vector<SenseCheckResponse>{});
  t.poll = optional_field<OptInPoll>(j, "poll", what);
  t.working_group = optional_field<std::vector<std::string>>(j, "working_group", what).value_or(std::vector<std::string>{});
  t.proposals = optional_field<std::vector<Proposal>>(j, "proposals", what).value_or(std::vector<Proposal>{});
  t.meetings = optional_field<std::vector<Meeting>>(j, "meetings", what).value_or(std::vector<Meeting>{});
  t.method = optional_field<ChosenMethod>(j, "method", what);
  t.actions = optional_field<std::vector<Action>>(j, "actions", what).value_or(std::vector<Action>{});
  t.history = optional_field<std::vector<StageChange>>(j, "history", what).value_or(std::vector<StageChange>{});
  t.outcome = optional_field<Outcome>(j, "outcome", what);
  t.last_activity = field<Date>(j, "last_activity", what);
  t.next_id = field<int>(j, "next_id", what);
  if ((t.status == TopicStatus::active) == t.outcome.has_value())
    throw InputError("Topic '" + t.id + "' in JSON is " + std::string(status_name(t.status)) +
                     (t.outcome ? " but has an outcome." : " but has no outcome."));
}

}  // namespace grappe::animation
