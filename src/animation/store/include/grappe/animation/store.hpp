#pragma once
// The animation components of an initiative in the workspace store (SQLite or PostgreSQL):
// need statements and their grouping, topics, referrals, departures; indicators, reminders
// and exports computed by the pure library (grappe_animation) from what is stored.
// Everything is taken and returned as structs (the server reads and writes their JSON); firm
// ids in the library are the workspace's member ids written in decimal. Errors: grappe::Error with its kind
// (input → 400, not_found → 404, conflict → 409 with code "topic_rule" when a topic rule refuses an
// operation).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grappe/animation/date.hpp"
#include "grappe/animation/growth.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/reminders.hpp"
#include "grappe/animation/topic.hpp"
#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/migrations.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::animation {

// Schema of the animation components (versions 101…; they follow the core ones).
const std::vector<workspace::Migration>& animation_migrations();
// The server's whole schema: the core migrations, then the animation ones.
std::vector<workspace::Migration> server_migrations();

// The arguments of a topic request (creation or one operation of the state machine); each
// operation reads the ones it needs (docs/animation.md) and refuses a missing one naming its
// field. Ids are workspace member ids; `date` is the day it happened (default today). Every
// field defaults to {}: callers name only the ones they give (designated initializers).
struct TopicRequest {
  std::optional<std::int64_t> member_id{}, owner_id{}, proposal_id{}, action_id{}, progress{},
      required_commitments{};
  std::optional<Date> date{}, closes{}, due{};
  std::optional<std::string> title{}, description{}, text{}, vote{}, comment{}, note{}, reasons{}, status{},
      outcome{}, summary{}, reason{}, minutes{};
  std::optional<std::vector<std::int64_t>> attendees{};
};

// The day (UTC) requests happen on when they name none.
Date today();
// A date field of a request: YYYY-MM-DD, from 2000-01-01 to tomorrow for `date` (the day
// something happened: a topic's history only moves forward) and to 2099-12-31 for deadlines.
Date checked_date(const std::string& text, const std::string& field);

// A referral as asked: the referring member firm (by default the one a member user represents),
// the firm referred (siret or name), the day (default today), the member firm it became.
struct ReferralRequest {
  std::optional<std::int64_t> referrer_id{};
  std::string referred{};
  std::optional<Date> date{};
  std::optional<std::int64_t> joined_member_id{};
};

// A member firm leaving on a day (default today); its record stays for history.
struct Departure {
  std::optional<std::int64_t> member_id{};
  std::optional<Date> date{};
  std::string reason{};
};

// The indicators of an initiative over a period (docs/animation.md, "Indicators").
struct Indicators {
  std::vector<IndicatorPoint> series{};  // at each month end, the last one on the day asked
  std::vector<YearCount> member_led_topics_per_year{};
  ReferralSummary referrals{};
  std::vector<FirmCentrality> firms{};  // on the last day
};

// The need statements of an initiative and their grouping (none before the first).
struct Needs {
  std::vector<NeedStatement> items{};
  std::optional<Grouping> grouping{};
};

// A need stated by a member firm (by default the one a member user represents).
struct NeedRequest {
  std::optional<std::int64_t> member_id{};
  std::string text{};
  std::string theme{};
  std::optional<Language> language{};
};

// What importing a survey's need answers did.
struct NeedsImport {
  std::size_t responses = 0, statements = 0, added = 0;
};

// An animator's edit of a collective need ("merge" with, "split" need_ids, "rename" name,
// "move" need_id) or a firm's support of it ("support" member_id); each reads its fields.
struct GroupEdit {
  std::string op{};
  std::optional<std::int64_t> member_id{};
  int with = 0;
  std::string name{}, need_id{};
  std::vector<std::string> need_ids{};
};

// Stale topics and overdue actions; the open polls of one firm when one is named.
struct Reminders {
  std::vector<StaleTopic> stale_topics{};
  std::vector<OverdueAction> overdue_actions{};
  std::optional<std::vector<OpenPoll>> open_polls{};
};

// Who calls: the logged-in user, and whether they may act as the animator.
struct Caller {
  workspace::Actor actor;
  bool animator = false;
  bool member_role = false;  // a firm's user: reads and acts only for the firms it represents
};

class AnimationStore {
 public:
  explicit AnimationStore(workspace::Database& db) : db_(db) {}

  // The member firms the caller may act for in the initiative, by name (animators: every member
  // firm; only the id and the firm's name are read). A member user who represents none of its
  // firms is refused (403 not_representative): members read only the initiatives they belong to.
  std::vector<workspace::Member> acting_firms(const Caller& caller, std::int64_t initiative);
  // The initiatives in which a member user's e-mail represents a firm, by id.
  std::vector<std::int64_t> represented_initiatives(const std::string& email);

  // Need statements and collective needs.
  Needs needs(std::int64_t initiative);
  // Stores the statement (a fresh id) and places it in the grouping.
  NeedStatement add_need(const Caller& caller, std::int64_t initiative, const NeedRequest& request);
  // Imports the free-text need answers of a survey of the initiative (idempotent) and places
  // the new statements in the grouping (grouping them all when there is none yet).
  NeedsImport import_survey(const Caller& caller, std::int64_t initiative, std::int64_t survey);
  // Called by the survey store inside its transaction: erasing a response deletes the
  // statements imported from it; anonymising a survey renames its imported statements' keys
  // so they no longer name the responses (store_survey_links.cpp).
  static void forget_survey_response(workspace::Transaction& tx, std::int64_t survey, std::int64_t response);
  static void unlink_survey_needs(workspace::Transaction& tx, std::int64_t survey);
  // Called by the survey store inside the transaction saving an answer that arrived through a
  // survey link: imports its need answers and places the new statements, so the Needs tab
  // fills as answers come in. A replaced answer whose statements are known costs one query.
  static void absorb_response(workspace::Transaction& tx, const workspace::Surveys::SavedResponse& saved);
  // Regroups every statement (the animator's edits are replaced); threshold in [0, 1].
  Grouping regroup(const Caller& caller, std::int64_t initiative, std::optional<double> threshold);
  Grouping edit_group(const Caller& caller, std::int64_t initiative, std::int64_t group,
                      const GroupEdit& edit);

  // Topics. Create: {title, description?, member_id? (initiator firm), required_commitments?, date?}
  std::vector<Topic> topics(std::int64_t initiative);
  Topic topic(std::int64_t initiative, std::int64_t topic);
  Topic create_topic(const Caller& caller, std::int64_t initiative, const TopicRequest& request);
  // From a collective need: {required_commitments?, member_id?, date?}
  Topic topic_from_group(const Caller& caller, std::int64_t initiative, std::int64_t group,
                         const TopicRequest& request);
  // One operation of the topic state machine; see topic_operations() and docs/animation.md.
  Topic topic_operation(const Caller& caller, std::int64_t initiative, std::int64_t topic,
                        const std::string& op, const TopicRequest& request);
  static const std::vector<std::string>& topic_operations();

  // Growth: memberships, referrals, declared ties and topics (referrals and the cooperation
  // network are computed from it by the library).
  InitiativeHistory history(std::int64_t initiative);
  Referral add_referral(const Caller& caller, std::int64_t initiative, const ReferralRequest& request);
  // Animators only; returns the departure with its day.
  Departure add_departure(const Caller& caller, std::int64_t initiative, Departure departure);

  // Indicators from `from` to `to` (month ends; defaults: first membership, today).
  Indicators indicators(std::int64_t initiative, std::optional<Date> from, std::optional<Date> to);
  // On `today` (default today). With member_id, that firm's open polls. A member-role caller
  // gets them only for a firm it represents (by default the one it represents).
  Reminders reminders(const Caller& caller, std::int64_t initiative, std::optional<Date> today, int idle_days,
                      std::optional<std::int64_t> member_id);
  // "needs", "collective-needs", "topics", "actions", "indicators" as CSV.
  std::string export_csv(std::int64_t initiative, const std::string& what);

 private:
  workspace::Database& db_;
};

}  // namespace grappe::animation
