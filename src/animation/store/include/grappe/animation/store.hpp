#pragma once
// The animation components of an initiative in the workspace store (SQLite or PostgreSQL):
// need statements and their grouping, topics, referrals, departures; indicators, reminders
// and exports computed by the pure library (grappe_animation) from what is stored.
// Methods take and return JSON like the workspace's services (grappe::workspace::Surveys);
// firm ids in the library are the workspace's member ids written in decimal.
// Errors: grappe::Error with its kind (input → 400, not_found → 404, conflict → 409 with code
// "topic_rule" when a topic rule refuses an operation).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/migrations.hpp"

namespace grappe::animation {

// Schema of the animation components (versions 101…; they follow the core ones).
const std::vector<workspace::Migration>& animation_migrations();

// Who calls: the logged-in user, and whether they may act as the animator.
struct Caller {
  workspace::Actor actor;
  bool animator = false;
  bool member_role = false;  // a firm's user: reads and acts only for the firms it represents
};

class AnimationStore {
 public:
  explicit AnimationStore(workspace::Database& db) : db_(db) {}

  // The firms the caller may act for in the initiative: {animator, firms: [{id, name}]}
  // (animators: every member firm). A member user who represents none of its firms is refused
  // (403 not_representative): members read only the initiatives they belong to.
  nlohmann::json acting_firms(const Caller& caller, std::int64_t initiative);
  // The initiatives in which a member user's e-mail represents a firm, by id.
  std::vector<std::int64_t> represented_initiatives(const std::string& email);

  // Need statements and collective needs.
  nlohmann::json needs(std::int64_t initiative);
  // body: {member_id, text, theme?, language?}
  nlohmann::json add_need(const Caller& caller, std::int64_t initiative, const nlohmann::json& body);
  // Imports the free-text need answers of a survey of the initiative (idempotent) and places
  // the new statements in the grouping (grouping them all when there is none yet).
  nlohmann::json import_survey(const Caller& caller, std::int64_t initiative, std::int64_t survey);
  // Called by the survey store inside its transaction: erasing a response deletes the
  // statements imported from it; anonymising a survey renames its imported statements' keys
  // so they no longer name the responses (store_survey_links.cpp).
  static void forget_survey_response(workspace::Transaction& tx, std::int64_t survey, std::int64_t response);
  static void unlink_survey_needs(workspace::Transaction& tx, std::int64_t survey);
  // Called when an answer arrives through a survey link: imports the survey's need answers
  // and places the new statements, so the Needs tab fills as answers come in.
  void absorb_answers(const std::string& token);
  // body: {threshold?}: regroups every statement (the animator's edits are replaced).
  nlohmann::json regroup(const Caller& caller, std::int64_t initiative, const nlohmann::json& body);
  // op: "merge" {with}, "split" {need_ids}, "rename" {name}, "support" {member_id}, "move" {need_id}
  nlohmann::json edit_group(const Caller& caller, std::int64_t initiative, std::int64_t group,
                            const std::string& op, const nlohmann::json& body);

  // Topics. body of create: {title, description?, member_id? (initiator firm), required_commitments?, date?}
  nlohmann::json topics(std::int64_t initiative);
  nlohmann::json topic(std::int64_t initiative, std::int64_t topic);
  nlohmann::json create_topic(const Caller& caller, std::int64_t initiative, const nlohmann::json& body);
  // body: {required_commitments?, date?}
  nlohmann::json topic_from_group(const Caller& caller, std::int64_t initiative, std::int64_t group,
                                  const nlohmann::json& body);
  // One operation of the topic state machine; see topic_operations() and docs/animation.md.
  nlohmann::json topic_operation(const Caller& caller, std::int64_t initiative, std::int64_t topic,
                                 const std::string& op, const nlohmann::json& body);
  static const std::vector<std::string>& topic_operations();

  // Growth.
  nlohmann::json referrals(std::int64_t initiative);
  // body: {referrer_id, referred, date?, joined_member_id?}
  nlohmann::json add_referral(const Caller& caller, std::int64_t initiative, const nlohmann::json& body);
  // body: {member_id, date?, reason?}: the firm left (its record stays for history).
  nlohmann::json add_departure(const Caller& caller, std::int64_t initiative, const nlohmann::json& body);

  // Indicators from `from` to `to` (month ends; defaults: first membership, today).
  nlohmann::json indicators(std::int64_t initiative, const std::string& from, const std::string& to);
  // The cooperation network on `date` (default today): {date, nodes: [{id, name, core, degree,
  // betweenness}], edges: [{source, target, kind}], density, main_core: {k, size}}; ids are
  // member ids, kinds as animation::cooperation_edges().
  nlohmann::json network(std::int64_t initiative, const std::string& date);
  // Stale topics and overdue actions; with member_id, that firm's open polls. A member-role
  // caller gets them only for a firm it represents (by default the one it represents).
  nlohmann::json reminders(const Caller& caller, std::int64_t initiative, const std::string& today,
                           std::int64_t idle_days, std::int64_t member_id);
  // "needs", "collective-needs", "topics", "actions", "indicators" as CSV.
  std::string export_csv(std::int64_t initiative, const std::string& what);

 private:
  workspace::Database& db_;
};

}  // namespace grappe::animation
