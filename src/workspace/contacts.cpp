// The contacts side of initiatives: every representative with their member account, and the
// survey links a representative added after the survey receives.
#include "grappe/workspace/account_links.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::workspace {
namespace {

std::string account_state(const Row& row) {
  if (row.is_null("user_id")) return "none";
  if (row.integer("disabled")) return "disabled";
  return row.text("password_hash") == kUnsetPassword ? "invited" : "active";
}

}  // namespace

std::vector<Contact> Initiatives::all_representatives(std::int64_t initiative_id) {
  return db_.read([&](Transaction& tx) {
    require_initiative(tx, initiative_id);
    // Member accounts are tied to a representative by e-mail (the animation rules use it).
    return map_rows(
        tx.query(
            "SELECT r.id, r.member_id, r.name, r.email, r.role, r.language, r.created_at, m.name AS firm, "
            "m.siret, u.id AS user_id, u.disabled, u.password_hash, (SELECT MAX(l.expires_at) FROM "
            "account_links l WHERE l.user_id = u.id AND l.used_at IS NULL) AS link_expires_at FROM "
            "representatives r JOIN members m ON m.id = r.member_id LEFT JOIN users u ON r.email <> '' AND "
            "LOWER(u.email) = LOWER(r.email) AND u.role = 'member' WHERE m.initiative_id = ? ORDER BY "
            "m.name, m.id, r.id",
            {initiative_id}),
        [](const Row& row) {
          return Contact{
              .representative = {row.integer("id"), row.integer("member_id"), row.text("name"),
                                 row.text("email"), row.text("role"), row.text("language"),
                                 row.text("created_at")},
              .firm = row.text("firm"),
              .siret = row.text("siret"),
              .account_state = account_state(row),
              .user_id = row.is_null("user_id") ? std::nullopt : std::optional(row.integer("user_id")),
              .link_expires_at = row.optional_text("link_expires_at")};
        });
  });
}

void Initiatives::give_survey_links(Transaction& tx, std::int64_t member_id,
                                    std::optional<std::int64_t> representative_id) {
  // The firm's own link (no representative) passes to its first representative.
  if (representative_id)
    tx.execute(
        "UPDATE invitations SET representative_id = ? WHERE member_id = ? AND representative_id IS NULL",
        {*representative_id, member_id});
  // Surveys whose links were already made (and still work) but not for this person or firm.
  const std::string missing = representative_id ? "j.representative_id = ?" : "j.member_id = ?";
  for (const Row& survey : tx.query(
           "SELECT s.id FROM surveys s JOIN components c ON c.id = s.component_id JOIN members m ON "
           "m.initiative_id = c.initiative_id WHERE m.id = ? AND s.anonymised = 0 AND EXISTS (SELECT 1 FROM "
           "invitations i WHERE i.survey_id = s.id) AND NOT EXISTS (SELECT 1 FROM invitations j WHERE "
           "j.survey_id = s.id AND " +
               missing + ")",
           {member_id, representative_id ? *representative_id : member_id}))
    tx.execute(
        "INSERT INTO invitations (survey_id, token, member_id, representative_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {survey.integer("id"), random_token(16), member_id,
         representative_id ? Value(*representative_id) : Value(nullptr), now_iso8601()});
}

}  // namespace grappe::workspace
