#include "grappe/workspace/account_links.hpp"

#include "grappe/workspace/errors.hpp"

namespace grappe::workspace {
namespace {

// The live link of this token, or the reason it is dead.
Row live_link(Transaction& tx, const std::string& token) {
  if (token.size() != 64) fail_not_found("link");
  auto link = tx.query_one(
      "SELECT l.id, l.user_id, l.purpose, l.expires_at, l.used_at, u.email, u.name, u.disabled FROM "
      "account_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?",
      {hash_token(token)});
  if (!link) fail_not_found("link");
  if (!link->is_null("used_at"))
    throw Error(ErrorKind::gone, "link_used", "this link was already used: ask for a new one");
  if (link->text("expires_at") <= now_iso8601() || link->integer("disabled"))
    throw Error(ErrorKind::gone, "link_expired", "this link has expired: ask for a new one");
  return *link;
}

}  // namespace

IssuedLink AccountLinks::issue(Transaction& tx, const Actor& actor, const User& user,
                               const std::string& purpose, std::chrono::seconds lifetime) {
  IssuedLink link{random_token(32), purpose, user, iso8601_after(lifetime)};
  // One live link per account: a new one (a resent invitation, a second reset) replaces it.
  tx.execute("UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
             {now_iso8601(), user.id});
  tx.execute(
      "INSERT INTO account_links (user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, "
      "?)",
      {user.id, purpose, hash_token(link.token), now_iso8601(), link.expires_at});
  audit(tx, actor, "account_link." + purpose, "user:" + std::to_string(user.id));
  return link;
}

IssuedLink AccountLinks::invite_representative(const Actor& actor, std::int64_t representative_id,
                                               std::chrono::seconds lifetime) {
  return db_.write([&](Transaction& tx) {
    auto rep = tx.query_one(
        "SELECT r.name, r.email, r.language, m.initiative_id FROM representatives r JOIN members m ON m.id = "
        "r.member_id WHERE r.id = ?",
        {representative_id});
    if (!rep) fail_not_found("representative " + std::to_string(representative_id));
    const std::string email = canonical_email(rep->text("email"));
    if (email.empty()) fail_invalid("this representative has no e-mail address: add one first", "no_email");
    auto existing = load_user_by_email(tx, email);
    User user;
    if (existing) {
      user = *existing;
      if (user.role != Role::member)
        fail_conflict("an account with this e-mail already exists (" + to_string(user.role) + ")",
                      "email_taken");
    } else {
      user = User{0, email, rep->text("name"), Role::member, false, false};
      user.id = tx.insert(
          "INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, 'member', "
          "?, ?) RETURNING id",
          {email, user.name, std::string(kUnsetPassword), now_iso8601()});
      audit(tx, actor, "user.create", "user:" + std::to_string(user.id),
            "member for representative:" + std::to_string(representative_id));
    }
    IssuedLink link = issue(tx, actor, user, "invitation", lifetime);
    link.language = rep->text("language");
    link.initiative_id = rep->integer("initiative_id");
    return link;
  });
}

IssuedLink AccountLinks::invite_user(const Actor& actor, const std::string& given_email,
                                     const std::string& name, Role role, std::chrono::seconds lifetime) {
  const std::string email = canonical_email(given_email);
  return db_.write([&](Transaction& tx) {
    if (load_user_by_email(tx, email))
      fail_conflict("an account with this e-mail already exists", "email_taken");
    User user{0, email, name, role, false, false};
    user.id = tx.insert(
        "INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        {email, name, to_string(role), std::string(kUnsetPassword), now_iso8601()});
    audit(tx, actor, "user.create", "user:" + std::to_string(user.id), to_string(role) + ", invited by link");
    return issue(tx, actor, user, "invitation", lifetime);
  });
}

std::optional<IssuedLink> AccountLinks::request_reset(const Actor& actor, const std::string& email,
                                                      std::chrono::seconds lifetime) {
  return db_.write([&](Transaction& tx) -> std::optional<IssuedLink> {
    auto user = load_user_by_email(tx, email);
    if (!user || user->disabled) {
      audit(tx, actor, "account_link.reset_unknown", email);
      return std::nullopt;
    }
    return issue(tx, actor, *user, "reset", lifetime);
  });
}

IssuedLink AccountLinks::inspect(const std::string& token) {
  return db_.read([&](Transaction& tx) {
    Row link = live_link(tx, token);
    return IssuedLink{token, link.text("purpose"), *load_user(tx, link.integer("user_id")),
                      link.text("expires_at")};
  });
}

User AccountLinks::redeem(const std::string& token, const std::string& password) {
  check_password_strength(password);
  const auto user_id = db_.read([&](Transaction& tx) { return live_link(tx, token).integer("user_id"); });
  // Hash outside the write transaction (a third of a second); the link is checked again inside.
  std::string hash = hash_password(password);
  return db_.write([&](Transaction& tx) {
    Row link = live_link(tx, token);
    if (link.integer("user_id") != user_id) fail_not_found("link");
    tx.execute("UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
               {now_iso8601(), user_id});
    tx.execute("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", {hash, user_id});
    tx.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
    audit(tx, Actor{user_id, link.text("email")}, "user.password_by_link", "user:" + std::to_string(user_id),
          link.text("purpose"));
    return *load_user(tx, user_id);
  });
}

}  // namespace grappe::workspace
