#pragma once
// A cooperation topic through three stages (docs/animation.md §2; patterns: Decidim processes
// with phases, proposals with supports, meetings with minutes, accountability of results;
// Loomio sense checks and opt-in polls forming a working group, outcomes):
//
//   need ──(opt-in poll reaches the required commitments)──▶ method
//   method ──(a method is chosen, with reasons)──▶ implementation
//   implementation ──(every action done or cancelled, one done)──▶ closed: success
//   any stage ──(a reason)──▶ closed: abandoned
//
// Operations are free functions that check the rules first and change nothing when a rule is
// broken: they throw TopicRuleError (a conflict: 409 "topic_rule" for the API) saying which rule.
#include <optional>
#include <string>
#include <vector>

#include "grappe/animation/date.hpp"
#include "grappe/common/error.hpp"

namespace grappe::animation {

struct CollectiveNeed;

enum class Stage { need, method, implementation };
enum class TopicStatus { active, succeeded, abandoned };
enum class ActorKind { member, animator };
enum class SenseCheckVote { agree, abstain, disagree };
enum class ActionStatus { planned, in_progress, done, cancelled };

// Who does something: a member firm (id = the firm's id) or an animator (id = the user's id).
struct Actor {
  ActorKind kind = ActorKind::animator;
  std::string id;
  static Actor member(std::string firm) { return {ActorKind::member, std::move(firm)}; }
  static Actor animator(std::string user) { return {ActorKind::animator, std::move(user)}; }
  bool operator==(const Actor&) const = default;
};

struct Support {
  std::string firm;
  Date date;
};

struct SenseCheckResponse {
  std::string firm;
  SenseCheckVote vote = SenseCheckVote::agree;
  std::string comment;
  Date date;
};

// Loomio-style opt-in poll: firms commit to join the working group.
struct OptInPoll {
  Date opened;
  std::optional<Date> closes;  // no commitment accepted after this day
  std::vector<Support> commitments;
  bool open = true;
};

struct Proposal {
  int id = 0;
  Actor author;
  std::string title;
  std::string text;
  Date date;
  std::vector<Support> supports;
};

struct Meeting {
  int id = 0;
  Date date;
  std::string title;
  std::vector<std::string> attendees;  // firm ids
  std::string minutes;
};

struct ChosenMethod {
  std::optional<int> proposal_id;  // the proposal it comes from, if any
  std::string description;
  std::string reasons;
  Actor decided_by;
  Date date;
};

struct Action {
  int id = 0;
  std::string title;
  std::string owner_firm;
  Date due;
  ActionStatus status = ActionStatus::planned;
  int progress = 0;  // percent, 0..100
  std::string outcome;
  Date updated;
};

struct StageChange {
  Date date;
  std::optional<Stage> from;  // empty for the topic's creation
  Stage to = Stage::need;
  Actor by;
  std::string note;
};

struct LeaderChange {
  Date date;
  Actor leader;
};

struct Outcome {
  TopicStatus status = TopicStatus::succeeded;
  std::string reason;  // summary of the success, or why it was abandoned
  Actor by;
  Date date;
};

struct Topic {
  std::string id;
  std::string title;
  std::string description;
  std::optional<int> collective_need_id;
  Actor initiator;
  Date created;
  int required_commitments = 3;  // firms that must commit before the method stage

  Stage stage = Stage::need;
  TopicStatus status = TopicStatus::active;
  std::vector<LeaderChange> leaders;  // back() leads now
  std::vector<Support> supports;
  std::vector<SenseCheckResponse> sense_check;
  std::optional<OptInPoll> poll;
  std::vector<std::string> working_group;  // firm ids, in joining order
  std::vector<Proposal> proposals;
  std::vector<Meeting> meetings;
  std::optional<ChosenMethod> method;
  std::vector<Action> actions;
  std::vector<StageChange> history;
  std::optional<Outcome> outcome;
  Date last_activity;
  int next_id = 1;  // ids of proposals, meetings, actions

  const Actor& leader() const { return leaders.back().leader; }
  // The leader on a given day (the first leader before the topic existed).
  const Actor& leader_at(Date day) const;
  bool in_working_group(const std::string& firm) const;
  // Mean progress of the actions that are not cancelled (done counts 100); 0 without actions.
  double progress() const;
};

class TopicRuleError : public Error {
 public:
  explicit TopicRuleError(const std::string& message) : Error(ErrorKind::conflict, "topic_rule", message) {}
};

std::string_view stage_name(Stage stage);
std::string_view status_name(TopicStatus status);
std::string_view actor_kind_name(ActorKind kind);
std::string_view vote_name(SenseCheckVote vote);
std::string_view action_status_name(ActionStatus status);
Stage parse_stage(std::string_view text);
TopicStatus parse_status(std::string_view text);
ActorKind parse_actor_kind(std::string_view text);
SenseCheckVote parse_vote(std::string_view text);
ActionStatus parse_action_status(std::string_view text);

// A new topic at the need stage, led by its initiator. required_commitments ≥ 1.
Topic open_topic(std::string id, std::string title, std::string description, Actor initiator, Date day,
                 int required_commitments);

// Turns a collective need into a topic: its name becomes the title, its stated and
// supporting firms the topic's first supports, its sample texts the description.
Topic topic_from_collective_need(const CollectiveNeed& need, std::string id, Actor initiator, Date day,
                                 int required_commitments);

// Need stage.
void support_topic(Topic& topic, const std::string& firm, Date day);  // idempotent
void respond_sense_check(Topic& topic, const std::string& firm, SenseCheckVote vote, std::string comment, Date day);
void open_poll(Topic& topic, Date day, std::optional<Date> closes);
void commit_to_poll(Topic& topic, const std::string& firm, Date day);  // idempotent
void withdraw_commitment(Topic& topic, const std::string& firm, Date day);
// Closes the poll; the committed firms form the working group.
void start_method(Topic& topic, const Actor& by, Date day, std::string note = {});

// Method stage.
int add_proposal(Topic& topic, const Actor& author, std::string title, std::string text, Date day);
void support_proposal(Topic& topic, int proposal_id, const std::string& firm, Date day);  // idempotent
int record_meeting(Topic& topic, Date day, std::string title, std::vector<std::string> attendees, std::string minutes);
void choose_method(Topic& topic, std::optional<int> proposal_id, std::string description, std::string reasons,
                   const Actor& by, Date day);
void start_implementation(Topic& topic, const Actor& by, Date day, std::string note = {});

// Implementation stage.
int add_action(Topic& topic, std::string title, const std::string& owner_firm, Date due, Date day);
// progress is 0..100; status done sets it to 100 and needs an outcome.
void update_action(Topic& topic, int action_id, ActionStatus status, int progress, std::string outcome, Date day);

// Any stage while active.
void join_working_group(Topic& topic, const std::string& firm, Date day);  // method and implementation
void change_leader(Topic& topic, const Actor& leader, Date day);
// A new title, by an animator or the member firm leading the topic.
void rename_topic(Topic& topic, std::string title, const Actor& by, Date day);
void close_success(Topic& topic, std::string summary, const Actor& by, Date day);
void abandon_topic(Topic& topic, std::string reason, const Actor& by, Date day);

}  // namespace grappe::animation
