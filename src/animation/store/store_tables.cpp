// The animation tables and the code that loads the library's inputs from them.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "grappe/animation/topic_json.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "store_internal.hpp"

namespace grappe::animation {

const std::vector<workspace::Migration>& animation_migrations() {
  // Topics are stored as one JSON document each (proposals, meetings, actions, history inside:
  // the library's state machine checks them as a whole), with their stage, status and dates
  // as columns for listing and reminders.
  static const std::vector<workspace::Migration> migrations = {
      {101,
       "animation: need statements, groupings, topics, referrals, departures",
       {"CREATE TABLE animation_needs (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES initiatives(id) "
        "ON DELETE CASCADE, need_key TEXT NOT NULL, member_id BIGINT NOT NULL REFERENCES members(id) ON "
        "DELETE CASCADE, theme TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, language TEXT, source TEXT NOT "
        "NULL, created_at TEXT NOT NULL, UNIQUE (initiative_id, need_key))",
        "CREATE TABLE animation_groupings (initiative_id BIGINT PRIMARY KEY REFERENCES initiatives(id) ON "
        "DELETE "
        "CASCADE, threshold DOUBLE PRECISION NOT NULL, document TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE TABLE animation_topics (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES initiatives(id) "
        "ON DELETE CASCADE, title TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, created TEXT NOT "
        "NULL, last_activity TEXT NOT NULL, document TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE INDEX animation_topics_by_initiative ON animation_topics(initiative_id)",
        "CREATE TABLE animation_referrals (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES "
        "initiatives(id) ON DELETE CASCADE, referrer_id BIGINT NOT NULL REFERENCES members(id) ON DELETE "
        "CASCADE, referred TEXT NOT NULL, date TEXT NOT NULL, joined_member_id BIGINT REFERENCES members(id) "
        "ON DELETE SET NULL, created_at TEXT NOT NULL)",
        "CREATE TABLE animation_departures (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES "
        "initiatives(id) ON DELETE CASCADE, member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE "
        "CASCADE, date TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"}},
      // Issue 16: the grouping was one document (25 KB at 1,000 answers) that every first
      // answer rewrote under the initiative's lock. Now one row per collective need (its
      // descriptors) and one per placed statement, so an arriving answer writes its few rows;
      // the statements' firms are read from animation_needs. Existing documents are converted.
      {102,
       "animation: the needs grouping as rows",
       {"CREATE TABLE animation_need_groups (initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON "
        "DELETE CASCADE, group_id BIGINT NOT NULL, position BIGINT NOT NULL, descriptor TEXT NOT NULL, "
        "PRIMARY KEY (initiative_id, group_id))",
        "CREATE TABLE animation_need_placements (initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON "
        "DELETE CASCADE, need_key TEXT NOT NULL, group_id BIGINT NOT NULL, ordinal BIGINT NOT NULL, PRIMARY "
        "KEY (initiative_id, need_key))",
        "ALTER TABLE animation_groupings ADD COLUMN next_id BIGINT NOT NULL DEFAULT 1"},
       store::convert_grouping_documents},
  };
  return migrations;
}

std::vector<workspace::Migration> server_migrations() {
  auto all = workspace::core_migrations();
  all.insert(all.end(), animation_migrations().begin(), animation_migrations().end());
  return all;
}

Date today() { return parse_date(workspace::now_iso8601().substr(0, 10)); }

Date checked_date(const std::string& text, const std::string& field) {
  const Date date = parse_date(text);
  // A topic's history only moves forward: one event dated 9999-12-31 would make every later
  // change "before" it (409 for ever). The day something happened is at most tomorrow (time
  // zones); deadlines (poll closing, action due) order nothing and stay in this century.
  const bool event_day = field == "date";
  const Date latest = event_day ? today() + std::chrono::days(1) : parse_date("2099-12-31");
  if (date < parse_date("2000-01-01") || date > latest)
    workspace::fail_invalid(field + " must be from 2000-01-01 to " + format_date(latest), "out_of_range");
  return date;
}

namespace store {

void require_initiative(Transaction& tx, std::int64_t initiative) {
  workspace::Initiatives::require_initiative(tx, initiative);
}

std::optional<std::string> optional_member(Transaction& tx, std::int64_t initiative,
                                           std::optional<std::int64_t> id) {
  if (!id) return std::nullopt;
  if (!tx.query_one("SELECT id FROM members WHERE id = ? AND initiative_id = ?", {*id, initiative}))
    workspace::fail_not_found("member " + std::to_string(*id) + " of initiative " +
                              std::to_string(initiative));
  return std::to_string(*id);
}

std::string required_member(Transaction& tx, std::int64_t initiative, std::optional<std::int64_t> id,
                            const std::string& field) {
  if (auto member = optional_member(tx, initiative, id)) return *member;
  workspace::fail_invalid(field + " is required (a member id of the initiative)", "missing_field");
}

void require_animator(const Caller& caller) {
  if (!caller.animator) throw Error(ErrorKind::forbidden, "forbidden", "this needs the animator role");
}

namespace {

// Member ids of the initiative whose representatives include this e-mail (case-insensitive).
std::vector<std::string> represented_members(Transaction& tx, std::int64_t initiative,
                                             const std::string& email) {
  if (email.empty()) return {};
  return workspace::map_rows(
      tx.query("SELECT DISTINCT m.id AS id FROM members m JOIN representatives r ON r.member_id = m.id "
               "WHERE m.initiative_id = ? AND LOWER(r.email) = LOWER(?) ORDER BY m.id",
               {initiative, email}),
      [](const workspace::Row& row) { return std::to_string(row.integer("id")); });
}

[[noreturn]] void fail_not_representative(const std::string& what) {
  throw Error(ErrorKind::forbidden, "not_representative",
              what + ": the animator adds your e-mail as the firm's representative");
}

}  // namespace

std::string acting_member(Transaction& tx, std::int64_t initiative, std::optional<std::int64_t> id,
                          const std::string& field, const Caller& caller) {
  const auto named = optional_member(tx, initiative, id);
  if (caller.animator) {
    if (named) return *named;
    workspace::fail_invalid(field + " is required (a member id of the initiative)", "missing_field");
  }
  // Session users carry their e-mail as the actor label (server/router.cpp).
  const auto mine = represented_members(tx, initiative, caller.actor.label);
  if (named) {
    if (std::find(mine.begin(), mine.end(), *named) == mine.end())
      fail_not_representative("you do not represent member " + *named + " of this initiative");
    return *named;
  }
  if (mine.size() == 1) return mine.front();
  if (mine.empty()) fail_not_representative("you represent no member firm of this initiative");
  workspace::fail_invalid(field + " is required: you represent several firms, name the one acting",
                          "missing_field");
}

Actor acting_party(Transaction& tx, std::int64_t initiative, std::optional<std::int64_t> member_id,
                   const Caller& caller) {
  if (!caller.animator) return Actor::member(acting_member(tx, initiative, member_id, "member_id", caller));
  if (auto named = optional_member(tx, initiative, member_id)) return Actor::member(*named);
  return Actor::animator(caller.actor.user_id ? "user:" + std::to_string(*caller.actor.user_id)
                                              : caller.actor.label);
}

std::vector<NeedStatement> load_needs(Transaction& tx, std::int64_t initiative) {
  std::vector<NeedStatement> needs;
  for (const auto& row : tx.query("SELECT need_key, member_id, theme, text, language FROM animation_needs "
                                  "WHERE initiative_id = ? ORDER BY id",
                                  {initiative})) {
    NeedStatement need{row.text("need_key"), std::to_string(row.integer("member_id")), row.text("theme"),
                       row.text("text"), std::nullopt};
    if (const auto language = row.optional_text("language"); language && !language->empty())
      need.language = parse_language(*language);
    needs.push_back(std::move(need));
  }
  return needs;
}

void lock_grouping(Transaction& tx, std::int64_t initiative) {
  // A no-op update: portable (SQLite has no SELECT … FOR UPDATE) and, as no key changes, it
  // does not block the foreign-key checks of rows inserted for the initiative.
  tx.execute("UPDATE initiatives SET name = name WHERE id = ?", {initiative});
}

NeedAnalyser& shared_analyser() {
  static NeedAnalyser analyser;
  return analyser;
}

namespace {

// A collective need's row: what the library computed, without the statements (their rows) and
// the firms (read from the statements).
std::string descriptor(const CollectiveNeed& group) {
  json out = group;
  for (const char* derived : {"need_ids", "firms", "supporting_firms"}) out.erase(derived);
  return out.dump();
}

// A grouping as its rows: group id → (position, descriptor); statement → (group id, ordinal).
struct GroupingRows {
  std::map<int, std::pair<std::int64_t, std::string>> groups;
  std::map<std::string, std::pair<int, std::int64_t>> placements;
};

GroupingRows rows_of(const std::optional<Grouping>& grouping) {
  GroupingRows rows;
  if (!grouping) return rows;
  std::int64_t position = 0;
  for (const auto& group : grouping->groups) {
    rows.groups[group.id] = {position++, descriptor(group)};
    std::int64_t ordinal = 0;
    for (const auto& id : group.need_ids) rows.placements[id] = {group.id, ordinal++};
  }
  return rows;
}

// The grouping's own rows (groups in order, without their statements), or nothing when the
// initiative was never grouped; `index` maps a group id to its place in grouping.groups.
std::optional<Grouping> load_groups(Transaction& tx, std::int64_t initiative,
                                    std::map<std::int64_t, std::size_t>& index) {
  const auto meta =
      tx.query_one("SELECT next_id FROM animation_groupings WHERE initiative_id = ?", {initiative});
  if (!meta) return std::nullopt;
  Grouping grouping;
  grouping.next_id = static_cast<int>(meta->integer("next_id"));
  for (const auto& row :
       tx.query("SELECT group_id, descriptor FROM animation_need_groups WHERE initiative_id = "
                "? ORDER BY position",
                {initiative})) {
    json group = json::parse(row.text("descriptor"));
    group["need_ids"] = json::array();
    index[row.integer("group_id")] = grouping.groups.size();
    grouping.groups.push_back(group.get<CollectiveNeed>());
  }
  return grouping;
}

// Fills the groups' statements from the placement rows, in order, and their firms from
// firm_of(need key) (nothing for a statement no longer stored).
template <typename FirmOf>
void place_rows(const workspace::Rows& placements, const std::map<std::int64_t, std::size_t>& index,
                Grouping& grouping, FirmOf firm_of) {
  std::vector<std::set<std::string>> firms(grouping.groups.size());
  for (const auto& row : placements) {
    const auto found = index.find(row.integer("group_id"));
    if (found == index.end()) continue;
    const auto key = row.text("need_key");
    if (auto firm = firm_of(row, key)) firms[found->second].insert(std::move(*firm));
    grouping.groups[found->second].need_ids.push_back(key);
  }
  for (std::size_t i = 0; i < firms.size(); ++i)
    grouping.groups[i].firms.assign(firms[i].begin(), firms[i].end());
}

}  // namespace

std::optional<Grouping> load_grouping(Transaction& tx, std::int64_t initiative) {
  std::map<std::int64_t, std::size_t> index;
  auto grouping = load_groups(tx, initiative, index);
  if (!grouping) return grouping;
  const auto placements = tx.query(
      "SELECT p.need_key, p.group_id, n.member_id FROM animation_need_placements p LEFT JOIN animation_needs "
      "n ON n.initiative_id = p.initiative_id AND n.need_key = p.need_key WHERE p.initiative_id = ? ORDER BY "
      "p.group_id, p.ordinal",
      {initiative});
  place_rows(placements, index, *grouping,
             [](const workspace::Row& row, const std::string&) -> std::optional<std::string> {
               if (row.is_null("member_id")) return std::nullopt;
               return std::to_string(row.integer("member_id"));
             });
  return grouping;
}

std::optional<Grouping> load_grouping(Transaction& tx, std::int64_t initiative,
                                      const std::vector<NeedStatement>& needs) {
  std::map<std::int64_t, std::size_t> index;
  auto grouping = load_groups(tx, initiative, index);
  if (!grouping) return grouping;
  std::unordered_map<std::string_view, const std::string*> firm_of;
  firm_of.reserve(needs.size());
  for (const auto& need : needs) firm_of.emplace(need.id, &need.firm);
  const auto placements = tx.query(
      "SELECT need_key, group_id FROM animation_need_placements WHERE initiative_id = ? ORDER BY "
      "group_id, ordinal",
      {initiative});
  place_rows(placements, index, *grouping,
             [&](const workspace::Row&, const std::string& key) -> std::optional<std::string> {
               const auto found = firm_of.find(key);
               if (found == firm_of.end()) return std::nullopt;
               return *found->second;
             });
  return grouping;
}

double stored_threshold(Transaction& tx, std::int64_t initiative) {
  const auto row =
      tx.query_one("SELECT threshold FROM animation_groupings WHERE initiative_id = ?", {initiative});
  return row ? row->real("threshold") : GroupingOptions{}.threshold;
}

void save_grouping(Transaction& tx, std::int64_t initiative, const std::optional<Grouping>& before,
                   const Grouping& after, double threshold) {
  if (!before) {
    tx.execute("DELETE FROM animation_need_placements WHERE initiative_id = ?", {initiative});
    tx.execute("DELETE FROM animation_need_groups WHERE initiative_id = ?", {initiative});
  }
  if (!before || before->next_id != after.next_id)
    tx.execute(
        "INSERT INTO animation_groupings (initiative_id, threshold, document, next_id, updated_at) VALUES "
        "(?, ?, '', ?, ?) ON CONFLICT (initiative_id) DO UPDATE SET threshold = excluded.threshold, document "
        "= '', next_id = excluded.next_id, updated_at = excluded.updated_at",
        {initiative, threshold, std::int64_t{after.next_id}, workspace::now_iso8601()});
  const auto old = rows_of(before);
  const auto now = rows_of(after);
  for (const auto& [id, row] : old.groups)
    if (!now.groups.count(id))
      tx.execute("DELETE FROM animation_need_groups WHERE initiative_id = ? AND group_id = ?",
                 {initiative, std::int64_t{id}});
  for (const auto& [key, row] : old.placements)
    if (!now.placements.count(key))
      tx.execute("DELETE FROM animation_need_placements WHERE initiative_id = ? AND need_key = ?",
                 {initiative, key});
  for (const auto& [id, row] : now.groups) {
    const auto found = old.groups.find(id);
    if (found == old.groups.end())
      tx.execute(
          "INSERT INTO animation_need_groups (initiative_id, group_id, position, descriptor) VALUES (?, ?, "
          "?, ?)",
          {initiative, std::int64_t{id}, row.first, row.second});
    else if (found->second != row)
      tx.execute(
          "UPDATE animation_need_groups SET position = ?, descriptor = ? WHERE initiative_id = ? AND "
          "group_id = ?",
          {row.first, row.second, initiative, std::int64_t{id}});
  }
  for (const auto& [key, row] : now.placements) {
    const auto found = old.placements.find(key);
    if (found == old.placements.end())
      tx.execute(
          "INSERT INTO animation_need_placements (initiative_id, need_key, group_id, ordinal) VALUES (?, "
          "?, ?, ?)",
          {initiative, key, std::int64_t{row.first}, row.second});
    else if (found->second != row)
      tx.execute(
          "UPDATE animation_need_placements SET group_id = ?, ordinal = ? WHERE initiative_id = ? AND "
          "need_key = ?",
          {std::int64_t{row.first}, row.second, initiative, key});
  }
}

void convert_grouping_documents(Transaction& tx) {
  for (const auto& row : tx.query("SELECT initiative_id, threshold, document FROM animation_groupings WHERE "
                                  "document <> '' ORDER BY initiative_id")) {
    const auto grouping = json::parse(row.text("document")).get<Grouping>();
    save_grouping(tx, row.integer("initiative_id"), std::nullopt, grouping, row.real("threshold"));
  }
}

std::vector<Topic> load_topics(Transaction& tx, std::int64_t initiative) {
  return workspace::map_rows(
      tx.query("SELECT document FROM animation_topics WHERE initiative_id = ? ORDER BY id", {initiative}),
      [](const workspace::Row& row) { return json::parse(row.text("document")).get<Topic>(); });
}

Topic load_topic(Transaction& tx, std::int64_t initiative, std::int64_t topic) {
  const auto row = tx.query_one("SELECT document FROM animation_topics WHERE id = ? AND initiative_id = ?",
                                {topic, initiative});
  if (!row)
    workspace::fail_not_found("topic " + std::to_string(topic) + " of initiative " +
                              std::to_string(initiative));
  return json::parse(row->text("document")).get<Topic>();
}

std::int64_t insert_topic(Transaction& tx, std::int64_t initiative, Topic& topic) {
  const std::int64_t id = tx.insert(
      "INSERT INTO animation_topics (initiative_id, title, stage, status, created, last_activity, document, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, '{}', ?) RETURNING id",
      {initiative, topic.title, std::string(stage_name(topic.stage)), std::string(status_name(topic.status)),
       format_date(topic.created), format_date(topic.last_activity), workspace::now_iso8601()});
  topic.id = std::to_string(id);
  update_topic(tx, id, topic);
  return id;
}

void update_topic(Transaction& tx, std::int64_t topic_id, const Topic& topic) {
  tx.execute(
      "UPDATE animation_topics SET title = ?, stage = ?, status = ?, last_activity = ?, document = ?, "
      "updated_at = ? WHERE id = ?",
      {topic.title, std::string(stage_name(topic.stage)), std::string(status_name(topic.status)),
       format_date(topic.last_activity), json(topic).dump(), workspace::now_iso8601(), topic_id});
}

InitiativeHistory load_history(Transaction& tx, std::int64_t initiative) {
  InitiativeHistory history;
  std::map<std::string, Date> left;
  for (const auto& row :
       tx.query("SELECT member_id, MIN(date) AS date FROM animation_departures WHERE initiative_id = ? "
                "GROUP BY member_id",
                {initiative}))
    left[std::to_string(row.integer("member_id"))] = parse_date(row.text("date"));
  for (const auto& row :
       tx.query("SELECT id, added_at FROM members WHERE initiative_id = ? ORDER BY id", {initiative})) {
    const std::string firm = std::to_string(row.integer("id"));
    Membership membership{firm, parse_date(row.text("added_at").substr(0, 10)), std::nullopt};
    if (left.count(firm)) membership.left = std::max(left[firm], membership.joined);
    history.memberships.push_back(std::move(membership));
  }
  for (const auto& row :
       tx.query("SELECT referrer_id, referred, date, joined_member_id FROM animation_referrals "
                "WHERE initiative_id = ? ORDER BY id",
                {initiative})) {
    Referral referral{std::to_string(row.integer("referrer_id")), row.text("referred"),
                      parse_date(row.text("date")), std::nullopt};
    if (!row.is_null("joined_member_id"))
      referral.joined_as = std::to_string(row.integer("joined_member_id"));
    history.referrals.push_back(std::move(referral));
  }
  // Ties declared in the initiative's surveys (firm picker "known_members").
  for (const auto& row :
       tx.query("SELECT r.member_id, r.answers, r.submitted_at FROM responses r JOIN surveys s ON "
                "s.id = r.survey_id JOIN components c ON c.id = s.component_id WHERE "
                "c.initiative_id = ? AND r.member_id IS NOT NULL ORDER BY r.id",
                {initiative})) {
    const json answers = json::parse(row.text("answers"), nullptr, false);
    if (!answers.is_object() || !answers.contains("known_members") || !answers["known_members"].is_array())
      continue;
    const std::string firm = std::to_string(row.integer("member_id"));
    const Date day = parse_date(row.text("submitted_at").substr(0, 10));
    for (const auto& other : answers["known_members"])
      if (other.is_number_integer() && std::to_string(other.get<long long>()) != firm)
        history.ties.push_back({firm, std::to_string(other.get<long long>()), day, "survey"});
  }
  history.topics = load_topics(tx, initiative);
  return history;
}

}  // namespace store
std::vector<workspace::Member> AnimationStore::acting_firms(const Caller& caller, std::int64_t initiative) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative);
    const auto mine = store::represented_members(tx, initiative, caller.actor.label);
    if (caller.member_role && mine.empty())
      store::fail_not_representative("you represent no member firm of initiative " +
                                     std::to_string(initiative));
    std::vector<workspace::Member> out;
    for (const auto& row :
         tx.query("SELECT id, name FROM members WHERE initiative_id = ? ORDER BY name, id", {initiative})) {
      const std::string id = std::to_string(row.integer("id"));
      if (caller.animator || std::find(mine.begin(), mine.end(), id) != mine.end())
        out.push_back({.id = row.integer("id"), .firm = {.name = row.text("name")}});
    }
    return out;
  });
}

std::vector<std::int64_t> AnimationStore::represented_initiatives(const std::string& email) {
  return db_.read([&](Transaction& tx) {
    return workspace::map_rows(
        tx.query(
            "SELECT DISTINCT m.initiative_id AS id FROM members m JOIN representatives r ON r.member_id = "
            "m.id WHERE LOWER(r.email) = LOWER(?) ORDER BY m.initiative_id",
            {email}),
        [](const workspace::Row& row) { return row.integer("id"); });
  });
}

}  // namespace grappe::animation
