#pragma once
// Internal helpers of the animation store: loading what the pure library needs from the
// workspace tables.
#include <optional>
#include <string>
#include <vector>

#include "grappe/animation/growth.hpp"
#include "grappe/animation/needs.hpp"
#include "grappe/animation/store.hpp"
#include "grappe/animation/topic.hpp"
#include "grappe/workspace/errors.hpp"

namespace grappe::animation::store {

void require_initiative(workspace::Transaction& tx, std::int64_t initiative);
// A member id of the initiative (`field` names it in errors); 404 when it is not one.
std::optional<std::string> optional_member(workspace::Transaction& tx, std::int64_t initiative,
                                           std::optional<std::int64_t> id);
// … and 400 when it is missing.
std::string required_member(workspace::Transaction& tx, std::int64_t initiative,
                            std::optional<std::int64_t> id, const std::string& field);
// The firm a caller acts for, named by `id` (`field`). Animators may name any member firm; a
// member user only a firm they represent (their login e-mail is one of its representatives' in
// this initiative), and without one the one firm they represent, if they represent one only.
std::string acting_member(workspace::Transaction& tx, std::int64_t initiative, std::optional<std::int64_t> id,
                          const std::string& field, const Caller& caller);
// The acting party: the firm named by `member_id` (as acting_member), else the user as
// animator; a member user who represents exactly one firm acts for it by default.
Actor acting_party(workspace::Transaction& tx, std::int64_t initiative, std::optional<std::int64_t> member_id,
                   const Caller& caller);
void require_animator(const Caller& caller);

std::vector<NeedStatement> load_needs(workspace::Transaction& tx, std::int64_t initiative);
// Takes the initiative's row lock until the transaction ends, before a read-modify-write of its
// grouping: PostgreSQL runs writes concurrently (SQLite has one writer; there it changes nothing).
void lock_grouping(workspace::Transaction& tx, std::int64_t initiative);
// The process's statement analyser (its memory is keyed by text, so one serves every store).
NeedAnalyser& shared_analyser();
std::optional<Grouping> load_grouping(workspace::Transaction& tx, std::int64_t initiative);
// The same when the caller has just read the initiative's statements (load_needs, in this
// transaction): their firms are taken from `needs` instead of joining the statements again.
std::optional<Grouping> load_grouping(workspace::Transaction& tx, std::int64_t initiative,
                                      const std::vector<NeedStatement>& needs);
// Writes `after` over `before`, the grouping load_grouping() returned in this transaction: only
// the rows that changed (an arriving statement: its placement row, and its group's row when
// the group's descriptors moved). Without `before`, every row is written again, and `threshold`
// is stored (with `before`, it is the stored one).
void save_grouping(workspace::Transaction& tx, std::int64_t initiative, const std::optional<Grouping>& before,
                   const Grouping& after, double threshold);
// Migration 102: the grouping documents of older databases as rows.
void convert_grouping_documents(workspace::Transaction& tx);
double stored_threshold(workspace::Transaction& tx, std::int64_t initiative);
std::vector<Topic> load_topics(workspace::Transaction& tx, std::int64_t initiative);
Topic load_topic(workspace::Transaction& tx, std::int64_t initiative, std::int64_t topic);
// Inserts a new topic row (its id becomes the topic's id) or updates it.
std::int64_t insert_topic(workspace::Transaction& tx, std::int64_t initiative, Topic& topic);
void update_topic(workspace::Transaction& tx, std::int64_t topic_id, const Topic& topic);
InitiativeHistory load_history(workspace::Transaction& tx, std::int64_t initiative);

}  // namespace grappe::animation::store

// Names every file of the store uses (this header is included by those files only).
namespace grappe::animation {
using nlohmann::json;
using workspace::Transaction;
using namespace store;
}  // namespace grappe::animation
