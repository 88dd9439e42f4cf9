#pragma once
// Accounts, roles, sessions and the audit log. Passwords: Argon2id through libsodium's
// crypto_pwhash_str (interactive limits, ~34 ms and 64 MiB a hash), so at most a few hashes run
// at once. Session and survey tokens come from randombytes_buf; sessions are stored by the
// BLAKE2b hash of their token, so a copy of the database does not give live sessions.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

enum class Role { member = 0, observer = 1, animator = 2, admin = 3 };
std::string to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// A staff role (observer or animator) granted on one initiative only: the animator of one
// cluster must not read another cluster's free-text answers (docs/workspace.md, "Roles").
struct InitiativeRole {
  std::int64_t initiative_id = 0;
  Role role = Role::observer;
};

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::member;
  bool disabled = false;
  // Set on generated and initial passwords: the session may only change the password until done.
  bool must_change_password = false;
  // Staff roles on chosen initiatives, on top of the global `role` (loaded with the user).
  std::vector<InitiativeRole> initiative_roles{};
  // The role that applies inside this initiative: the global one or a higher one granted there.
  Role role_on(std::int64_t initiative) const;
  // The initiatives where a staff role was granted (observer or higher).
  std::vector<std::int64_t> staff_initiatives() const;
};

struct Session {
  std::string token;       // goes in the HttpOnly cookie; never stored in clear
  std::string csrf_token;  // echoed by the client in X-CSRF-Token on state-changing requests
  User user;
};

// Hex of `bytes` random bytes (libsodium randombytes_buf).
std::string random_token(std::size_t bytes);
std::string hash_password(const std::string& password);
// BLAKE2b-256 of a token, in hex: sessions and account links are stored by it, never in clear.
std::string hash_token(const std::string& token);
// Refuses passwords shorter than 10 or longer than 256 characters (Error weak_password).
void check_password_strength(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// An e-mail address as accounts store it (lower case): one person, one account.
std::string canonical_email(std::string email);

// The account with this id, or with this e-mail (compared without case).
std::optional<User> load_user(Transaction& tx, std::int64_t id);
std::optional<User> load_user_by_email(Transaction& tx, const std::string& email);
// Fills user.initiative_roles from the store (initiative_roles.cpp).
void load_initiative_roles(Transaction& tx, User& user);
// Replaces every initiative role of the user: each role must be observer or animator, each
// initiative must exist and appear once (400 invalid_role / duplicate_initiative, 404).
void replace_initiative_roles(Transaction& tx, std::int64_t user_id,
                              const std::vector<InitiativeRole>& roles);

// Who did something, for the audit log ("system" for the command line).
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string label;  // email, "token:…", "system"
};
void audit(Transaction& tx, const Actor& actor, std::string_view action, std::string_view target,
           std::string_view detail = "");

// Failed-login throttle: after `max_failures` failures in `window` for one e-mail address or
// one client address, further attempts are refused until the window passes.
class LoginThrottle {
 public:
  explicit LoginThrottle(int max_failures = 5, std::chrono::seconds window = std::chrono::minutes(15))
      : max_failures_(max_failures), window_(window) {}
  void succeeded(const std::string& key);
  // Counts an attempt before it is checked, atomically: false (nothing counted) when the key
  // already has its allowance, so parallel attempts cannot all pass a check made before any
  // of them fails. A successful attempt gives its reservation back (release) or clears the key.
  bool reserve(const std::string& key);
  void release(const std::string& key);

 private:
  struct Entry { int failures = 0; std::chrono::steady_clock::time_point since; };
  int max_failures_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

class Accounts {
 public:
  explicit Accounts(Database& db) : db_(db) {}

  // Creates a user; throws Error (conflict) if the e-mail is taken. `must_change`: the
  // password was generated or given by someone else and must be replaced at first login.
  User create_user(const Actor& actor, const std::string& email, const std::string& name, Role role,
                   const std::string& password, bool must_change = false);
  // Creates an admin with a fresh one-time password (returned), or resets the password of an
  // existing account with this e-mail to a fresh one (and makes it admin). Either way the
  // password must be changed at first login.
  std::string init_admin(const std::string& email);
  // Checks credentials (throttled, bounded concurrency) and opens a session.
  Session login(const std::string& email, const std::string& password, const std::string& client);
  std::optional<Session> session(const std::string& token);
  void logout(const std::string& token);
  std::vector<User> users();
  // Refuses (409 last_admin) to demote or disable the last enabled admin.
  // `initiative_roles`, when given, replaces the user's staff roles on chosen initiatives.
  User update_user(const Actor& actor, std::int64_t id, std::optional<Role> role,
                   std::optional<std::string> name, std::optional<bool> disabled,
                   std::optional<std::vector<InitiativeRole>> initiative_roles = std::nullopt);
  // The initiative a survey or a representative belongs to ("survey" / "representative"),
  // for access checks on routes that name those instead of the initiative.
  std::optional<std::int64_t> initiative_of(std::string_view kind, std::int64_t id);
  // Deletes an account and its sessions; never the last enabled admin (409 last_admin).
  void delete_user(const Actor& actor, std::int64_t id);
  // Checks the current password, stores the new one, clears must_change_password and ends every
  // other session of the user (`keep_session`: the token of the session making the change).
  void change_password(const Actor& actor, std::int64_t id, const std::string& current,
                       const std::string& replacement, const std::string& keep_session = "");

  static constexpr auto session_lifetime = std::chrono::hours(12);

 private:
  Database& db_;
  LoginThrottle throttle_;
  std::counting_semaphore<64> hashing_{2};
};

}  // namespace grappe::workspace
