#pragma once
// One-use links that let a person set their own password, so no password is ever sent: the
// invitation of a member account (one per representative, tied to the representative's
// e-mail, which the animation rules use to know which firm a member acts for), the invitation
// of an account an admin creates, and the password reset. A link carries a 256-bit random
// token; the store keeps only its BLAKE2b hash, its expiry and when it was used.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

// The password hash of an account invited by link that has not set its password yet: not an
// Argon2id string, so no password verifies against it.
inline constexpr const char* kUnsetPassword = "!unset";

struct IssuedLink {
  std::string token{};    // to put in the e-mail; not stored
  std::string purpose{};  // "invitation" or "reset"
  User user{};
  std::string expires_at{};                   // ISO 8601 UTC
  std::string language = "fr";                // of the message: the representative's, or "fr"
  std::optional<std::int64_t> initiative_id{};  // the representative's initiative
};

class AccountLinks {
 public:
  static constexpr std::chrono::seconds invitation_lifetime{7 * 24 * 3600};
  static constexpr std::chrono::seconds reset_lifetime{3600};

  explicit AccountLinks(Database& db) : db_(db) {}

  // A member account for a representative: created with the representative's e-mail and name
  // and no usable password (or the existing member account with that e-mail), and a fresh
  // invitation link; earlier unused links of the account stop working. Refuses a
  // representative without e-mail (400 no_email) and an e-mail that belongs to a non-member
  // account (409 email_taken).
  IssuedLink invite_representative(const Actor& actor, std::int64_t representative_id,
                                   std::chrono::seconds lifetime = invitation_lifetime);
  // A new account of any role, invited by link instead of a generated password.
  IssuedLink invite_user(const Actor& actor, const std::string& email, const std::string& name, Role role,
                         std::chrono::seconds lifetime = invitation_lifetime);
  // A reset link for the enabled account with this e-mail; nothing when there is none (the
  // caller answers the same either way, so the reply does not tell which e-mails exist).
  std::optional<IssuedLink> request_reset(const Actor& actor, const std::string& email,
                                          std::chrono::seconds lifetime = reset_lifetime);
  // What a link is for, without using it (its purpose, account and expiry; the language and
  // initiative are not kept). 404 for an unknown token, 410 (link_expired or link_used) for a dead one.
  IssuedLink inspect(const std::string& token);
  // Sets the password through a live link (once): clears must_change_password, ends the
  // account's sessions and every other link of the account. Returns the account.
  User redeem(const std::string& token, const std::string& password);

 private:
  IssuedLink issue(Transaction& tx, const Actor& actor, const User& user, const std::string& purpose,
                   std::chrono::seconds lifetime);
  Database& db_;
};

}  // namespace grappe::workspace
