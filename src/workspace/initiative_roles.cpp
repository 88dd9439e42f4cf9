// Staff roles granted on chosen initiatives (table user_initiative_roles, migration 5). A
// user's global role still applies everywhere; a role granted on an initiative raises it there
// only, so the animator of one cluster does not read the others' free-text answers.
#include <algorithm>
#include <set>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/errors.hpp"

namespace grappe::workspace {

Role User::role_on(std::int64_t initiative) const {
  Role best = role;
  for (const auto& granted : initiative_roles)
    if (granted.initiative_id == initiative) best = std::max(best, granted.role);
  return best;
}

std::vector<std::int64_t> User::staff_initiatives() const {
  std::vector<std::int64_t> ids;
  for (const auto& granted : initiative_roles)
    if (granted.role >= Role::observer) ids.push_back(granted.initiative_id);
  return ids;
}

void load_initiative_roles(Transaction& tx, User& user) {
  user.initiative_roles.clear();
  for (const Row& row : tx.query(
           "SELECT initiative_id, role FROM user_initiative_roles WHERE user_id = ? ORDER BY initiative_id",
           {user.id}))
    user.initiative_roles.push_back(
        {row.integer("initiative_id"), parse_role(row.text("role")).value_or(Role::member)});
}

void replace_initiative_roles(Transaction& tx, std::int64_t user_id,
                              const std::vector<InitiativeRole>& roles) {
  std::set<std::int64_t> seen;
  for (const auto& granted : roles) {
    if (granted.role != Role::observer && granted.role != Role::animator)
      fail_invalid("an initiative role must be observer or animator", "invalid_role");
    if (!seen.insert(granted.initiative_id).second)
      fail_invalid(
          "initiative " + std::to_string(granted.initiative_id) + " is listed twice in 'initiative_roles'",
          "duplicate_initiative");
    if (!tx.query_one("SELECT id FROM initiatives WHERE id = ?", {granted.initiative_id}))
      fail_not_found("initiative " + std::to_string(granted.initiative_id));
  }
  tx.execute("DELETE FROM user_initiative_roles WHERE user_id = ?", {user_id});
  for (const auto& granted : roles)
    tx.execute(
        "INSERT INTO user_initiative_roles (user_id, initiative_id, role, granted_at) VALUES (?, ?, ?, ?)",
        {user_id, granted.initiative_id, to_string(granted.role), now_iso8601()});
}

std::optional<std::int64_t> Accounts::initiative_of(std::string_view kind, std::int64_t id) {
  const char* sql = kind == "survey"
                        ? "SELECT c.initiative_id AS i FROM surveys s JOIN components c ON c.id = "
                          "s.component_id WHERE s.id = ?"
                    : kind == "representative"
                        ? "SELECT m.initiative_id AS i FROM representatives r JOIN members m ON m.id = "
                          "r.member_id WHERE r.id = ?"
                        : nullptr;
  if (!sql) return std::nullopt;
  return db_.read([&](Transaction& tx) {
    auto row = tx.query_one(sql, {id});
    return row ? std::optional(row->integer("i")) : std::nullopt;
  });
}

}  // namespace grappe::workspace
