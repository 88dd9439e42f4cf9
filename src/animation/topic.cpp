#include "grappe/animation/topic.hpp"

#include <algorithm>
#include <numeric>

#include "grappe/animation/needs.hpp"

namespace grappe::animation {
namespace {

std::string describe(const Topic& topic) { return "Topic '" + topic.id + "'"; }

[[noreturn]] void refuse(const Topic& topic, const std::string& rule) {
  throw TopicRuleError(describe(topic) + " " + rule);
}

void require_not_before(const Topic& topic, Date day) {
  if (day < topic.last_activity)
    refuse(topic, "was last changed on " + format_date(topic.last_activity) + ": a change dated " +
                      format_date(day) + " would rewrite its history.");
}

// Active (and, given the day of a change, not changed later than that day).
void require_active(const Topic& topic, std::optional<Date> day = std::nullopt) {
  if (topic.status != TopicStatus::active)
    refuse(topic, "is closed (" + std::string(status_name(topic.status)) + "): it cannot change any more.");
  if (day) require_not_before(topic, *day);
}

void require_stage(const Topic& topic, Stage stage, const std::string& what,
                   std::optional<Date> day = std::nullopt) {
  require_active(topic);
  if (topic.stage != stage)
    refuse(topic, "is at the " + std::string(stage_name(topic.stage)) + " stage: " + what + " only at the " +
                      std::string(stage_name(stage)) + " stage.");
  if (day) require_not_before(topic, *day);
}

void require_text(const Topic& topic, const std::string& text, const std::string& what) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) refuse(topic, "needs " + what + ".");
}

void require_firm(const Topic& topic, const std::string& firm) {
  if (firm.empty()) refuse(topic, "was given an empty firm id.");
}

void require_member_of_group(const Topic& topic, const std::string& firm, const std::string& what) {
  if (!topic.in_working_group(firm)) refuse(topic, "accepts " + what + " only from its working group; '" + firm + "' is not in it.");
}

bool has_firm(const std::vector<Support>& supports, const std::string& firm) {
  return std::any_of(supports.begin(), supports.end(), [&](const auto& s) { return s.firm == firm; });
}

void move_to(Topic& topic, Stage stage, const Actor& by, Date day, std::string note) {
  topic.history.push_back({day, topic.stage, stage, by, std::move(note)});
  topic.stage = stage;
  topic.last_activity = day;
}

void close(Topic& topic, TopicStatus status, std::string reason, const Actor& by, Date day) {
  topic.status = status;
  topic.outcome = Outcome{status, std::move(reason), by, day};
  topic.last_activity = day;
}

Proposal& find_proposal(Topic& topic, int id) {
  for (auto& proposal : topic.proposals)
    if (proposal.id == id) return proposal;
  refuse(topic, "has no proposal " + std::to_string(id) + ".");
}

Action& find_action(Topic& topic, int id) {
  for (auto& action : topic.actions)
    if (action.id == id) return action;
  refuse(topic, "has no action " + std::to_string(id) + ".");
}

}  // namespace

const Actor& Topic::leader_at(Date day) const {
  const LeaderChange* current = &leaders.front();
  for (const auto& change : leaders)
    if (change.date <= day) current = &change;
  return current->leader;
}

bool Topic::in_working_group(const std::string& firm) const {
  return std::find(working_group.begin(), working_group.end(), firm) != working_group.end();
}

double Topic::progress() const {
  double sum = 0;
  int counted = 0;
  for (const auto& action : actions) {
    if (action.status == ActionStatus::cancelled) continue;
    sum += action.status == ActionStatus::done ? 100 : action.progress;
    ++counted;
  }
  return counted ? sum / counted : 0.0;
}

Topic open_topic(std::string id, std::string title, std::string description, Actor initiator, Date day,
                 int required_commitments) {
  Topic topic;
  topic.id = std::move(id);
  if (topic.id.empty()) throw TopicRuleError("A topic needs an id.");
  require_text(topic, title, "a title");
  if (initiator.id.empty()) refuse(topic, "needs an initiator (a member firm or an animator).");
  if (required_commitments < 1)
    refuse(topic, "needs at least 1 committed firm to form a working group, not " + std::to_string(required_commitments) + ".");
  topic.title = std::move(title);
  topic.description = std::move(description);
  topic.initiator = initiator;
  topic.created = day;
  topic.required_commitments = required_commitments;
  topic.leaders.push_back({day, initiator});
  topic.history.push_back({day, std::nullopt, Stage::need, initiator, "opened"});
  topic.last_activity = day;
  if (initiator.kind == ActorKind::member) topic.supports.push_back({initiator.id, day});
  return topic;
}

Topic topic_from_collective_need(const CollectiveNeed& need, std::string id, Actor initiator, Date day,
                                 int required_commitments) {
  std::string description;
  for (const auto& text : need.sample_texts) description += (description.empty() ? "" : "\n") + text;
  Topic topic = open_topic(std::move(id), need.name, std::move(description), initiator, day, required_commitments);
  topic.collective_need_id = need.id;
  for (const auto& firm : need.supporting_firms())
    if (!has_firm(topic.supports, firm)) topic.supports.push_back({firm, day});
  return topic;
}

void support_topic(Topic& topic, const std::string& firm, Date day) {
  require_stage(topic, Stage::need, "supports are collected");
  require_firm(topic, firm);
  require_not_before(topic, day);
  if (has_firm(topic.supports, firm)) return;
  topic.supports.push_back({firm, day});
  topic.last_activity = day;
}

void respond_sense_check(Topic& topic, const std::string& firm, SenseCheckVote vote, std::string comment, Date day) {
  require_stage(topic, Stage::need, "the sense check is answered");
  require_firm(topic, firm);
  require_not_before(topic, day);
  std::erase_if(topic.sense_check, [&](const auto& r) { return r.firm == firm; });  // a firm's latest answer counts
  topic.sense_check.push_back({firm, vote, std::move(comment), day});
  topic.last_activity = day;
}

void open_poll(Topic& topic, Date day, std::optional<Date> closes) {
  require_stage(topic, Stage::need, "an opt-in poll is opened", day);
  if (topic.poll && topic.poll->open) refuse(topic, "already has an open opt-in poll.");
  if (closes && *closes < day) refuse(topic, "cannot open a poll that closes (" + format_date(*closes) + ") before it opens.");
  topic.poll = OptInPoll{day, closes, {}, true};
  topic.last_activity = day;
}

void commit_to_poll(Topic& topic, const std::string& firm, Date day) {
  require_stage(topic, Stage::need, "firms commit");
  require_firm(topic, firm);
  require_not_before(topic, day);
  if (!topic.poll || !topic.poll->open) refuse(topic, "has no open opt-in poll to commit to.");
  if (topic.poll->closes && day > *topic.poll->closes)
    refuse(topic, "closed its opt-in poll on " + format_date(*topic.poll->closes) + ".");
  if (has_firm(topic.poll->commitments, firm)) return;
  topic.poll->commitments.push_back({firm, day});
  topic.last_activity = day;
}

void withdraw_commitment(Topic& topic, const std::string& firm, Date day) {
  require_stage(topic, Stage::need, "firms withdraw a commitment", day);
  if (!topic.poll || !topic.poll->open) refuse(topic, "has no open opt-in poll.");
  if (std::erase_if(topic.poll->commitments, [&](const auto& c) { return c.firm == firm; }) == 0)
    refuse(topic, "has no commitment from '" + firm + "' to withdraw.");
  topic.last_activity = day;
}

void start_method(Topic& topic, const Actor& by, Date day, std::string note) {
  require_stage(topic, Stage::need, "the method stage is started", day);
  if (!topic.poll) refuse(topic, "needs an opt-in poll to form its working group before the method stage.");
  const int committed = static_cast<int>(topic.poll->commitments.size());
  if (committed < topic.required_commitments)
    refuse(topic, "needs " + std::to_string(topic.required_commitments) + " committed firms to form its working group; it has " +
                      std::to_string(committed) + ".");
  topic.poll->open = false;
  for (const auto& commitment : topic.poll->commitments)
    if (!topic.in_working_group(commitment.firm)) topic.working_group.push_back(commitment.firm);
  move_to(topic, Stage::method, by, day, std::move(note));
}

int add_proposal(Topic& topic, const Actor& author, std::string title, std::string text, Date day) {
  require_stage(topic, Stage::method, "proposals are collected", day);
  require_text(topic, title, "a proposal title");
  if (author.kind == ActorKind::member) require_member_of_group(topic, author.id, "proposals");
  const int id = topic.next_id++;
  topic.proposals.push_back({id, author, std::move(title), std::move(text), day, {}});
  topic.last_activity = day;
  return id;
}

void support_proposal(Topic& topic, int proposal_id, const std::string& firm, Date day) {
  require_stage(topic, Stage::method, "proposals are supported", day);
  require_member_of_group(topic, firm, "supports of proposals");
  auto& proposal = find_proposal(topic, proposal_id);
  if (has_firm(proposal.supports, firm)) return;
  proposal.supports.push_back({firm, day});
  topic.last_activity = day;
}

int record_meeting(Topic& topic, Date day, std::string title, std::vector<std::string> attendees, std::string minutes) {
  require_active(topic);
  if (topic.stage == Stage::need) refuse(topic, "has no working group yet: meetings are recorded from the method stage.");
  require_not_before(topic, day);
  require_text(topic, title, "a meeting title");
  if (attendees.empty()) refuse(topic, "needs at least one attendee for a meeting.");
  for (const auto& firm : attendees) require_firm(topic, firm);
  const int id = topic.next_id++;
  topic.meetings.push_back({id, day, std::move(title), std::move(attendees), std::move(minutes)});
  topic.last_activity = day;
  return id;
}

void choose_method(Topic& topic, std::optional<int> proposal_id, std::string description, std::string reasons,
                   const Actor& by, Date day) {
  require_stage(topic, Stage::method, "a method is chosen", day);
  if (proposal_id) {
    const auto& proposal = find_proposal(topic, *proposal_id);
    if (description.empty()) description = proposal.title;
  }
  require_text(topic, description, "a description of the chosen method");
  require_text(topic, reasons, "the reasons for the chosen method");
  if (by.kind == ActorKind::member) require_member_of_group(topic, by.id, "the choice of a method");
  topic.method = ChosenMethod{proposal_id, std::move(description), std::move(reasons), by, day};
  topic.last_activity = day;
}

void start_implementation(Topic& topic, const Actor& by, Date day, std::string note) {
  require_stage(topic, Stage::method, "the implementation stage is started", day);
  if (!topic.method) refuse(topic, "needs a chosen method (with its reasons) before the implementation stage.");
  move_to(topic, Stage::implementation, by, day, std::move(note));
}

int add_action(Topic& topic, std::string title, const std::string& owner_firm, Date due, Date day) {
  require_stage(topic, Stage::implementation, "actions are planned", day);
  require_text(topic, title, "an action title");
  require_member_of_group(topic, owner_firm, "action owners");
  const int id = topic.next_id++;
  topic.actions.push_back({id, std::move(title), owner_firm, due, ActionStatus::planned, 0, {}, day});
  topic.last_activity = day;
  return id;
}

void update_action(Topic& topic, int action_id, ActionStatus status, int progress, std::string outcome, Date day) {
  require_stage(topic, Stage::implementation, "actions are updated", day);
  auto& action = find_action(topic, action_id);
  if (progress < 0 || progress > 100)
    refuse(topic, "takes an action's progress in percent (0 to 100), not " + std::to_string(progress) + ".");
  if (status == ActionStatus::done) {
    require_text(topic, outcome, "the outcome of a finished action");
    progress = 100;
  }
  action.status = status;
  action.progress = progress;
  if (!outcome.empty()) action.outcome = std::move(outcome);
  action.updated = day;
  topic.last_activity = day;
}

void join_working_group(Topic& topic, const std::string& firm, Date day) {
  require_active(topic);
  require_firm(topic, firm);
  require_not_before(topic, day);
  if (topic.stage == Stage::need) refuse(topic, "forms its working group through the opt-in poll at the need stage.");
  if (topic.in_working_group(firm)) return;
  topic.working_group.push_back(firm);
  topic.last_activity = day;
}

void change_leader(Topic& topic, const Actor& leader, Date day) {
  require_active(topic, day);
  if (leader.id.empty()) refuse(topic, "needs a leader id (a member firm or an animator).");
  if (leader.kind == ActorKind::member && topic.stage != Stage::need)
    require_member_of_group(topic, leader.id, "leaders among member firms");
  topic.leaders.push_back({day, leader});
  topic.last_activity = day;
}

void rename_topic(Topic& topic, std::string title, const Actor& by, Date day) {
  require_active(topic, day);
  require_text(topic, title, "a title");
  // A member firm's word on a shared topic is its leader's: others propose through it.
  if (by.kind == ActorKind::member && topic.leader() != by)
    refuse(topic, "can be renamed by its leader or an animator only; '" + by.id + "' does not lead it.");
  topic.title = std::move(title);
  topic.last_activity = day;
}

void close_success(Topic& topic, std::string summary, const Actor& by, Date day) {
  require_stage(topic, Stage::implementation, "a topic is closed as a success", day);
  require_text(topic, summary, "a summary of its outcome");
  const bool all_settled = std::all_of(topic.actions.begin(), topic.actions.end(), [](const auto& a) {
    return a.status == ActionStatus::done || a.status == ActionStatus::cancelled;
  });
  const bool one_done = std::any_of(topic.actions.begin(), topic.actions.end(),
                                    [](const auto& a) { return a.status == ActionStatus::done; });
  if (!one_done) refuse(topic, "has no finished action: it cannot be closed as a success (abandon it with a reason instead).");
  if (!all_settled) refuse(topic, "still has open actions: mark each one done or cancelled before closing it as a success.");
  close(topic, TopicStatus::succeeded, std::move(summary), by, day);
}

void abandon_topic(Topic& topic, std::string reason, const Actor& by, Date day) {
  require_active(topic, day);
  require_text(topic, reason, "a reason to be abandoned");
  close(topic, TopicStatus::abandoned, std::move(reason), by, day);
}

}  // namespace grappe::animation
