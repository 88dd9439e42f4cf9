#include "grappe/workspace/auth.hpp"

#include <sodium.h>

#include <ctime>

#include "grappe/workspace/errors.hpp"

namespace grappe::workspace {
namespace {

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw Error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

constexpr const char* kUserColumns = "u.id, u.email, u.name, u.role, u.disabled, u.must_change_password";

User user_from(const Row& row) {
  return User{row.integer("id"),          row.text("email"), row.text("name"),
              parse_role(row.text("role")).value_or(Role::member), row.integer("disabled") != 0,
              row.integer("must_change_password") != 0};
}

// The user whose row meets `condition` (one `?` for `key`), with their initiative roles.
std::optional<User> load_user_where(Transaction& tx, const char* condition, const Value& key) {
  auto row = tx.query_one(std::string("SELECT ") + kUserColumns + " FROM users u WHERE " + condition, {key});
  if (!row) return std::nullopt;
  User user = user_from(*row);
  load_initiative_roles(tx, user);
  return user;
}

// Whether removing `user` from the enabled admins (demote, disable, delete) leaves none.
bool is_last_admin(Transaction& tx, const User& user) {
  if (user.role != Role::admin || user.disabled) return false;
  return tx.query_one("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?",
                      {user.id})->integer("n") == 0;
}

// "animator; observer on 3; animator on 5" for the audit log.
std::string role_summary(const User& user) {
  std::string out = to_string(user.role);
  for (const auto& granted : user.initiative_roles)
    out += "; " + to_string(granted.role) + " on " + std::to_string(granted.initiative_id);
  return out;
}

[[noreturn]] void fail_last_admin() {
  fail_conflict("this is the last enabled admin account: make another account admin first", "last_admin");
}

[[noreturn]] void bad_credentials() {
  throw Error(ErrorKind::unauthorized, "bad_credentials", "wrong e-mail or password");
}

[[noreturn]] void too_many_logins() {
  throw Error(ErrorKind::too_many, "too_many_attempts",
                       "too many failed logins: wait 15 minutes before trying again");
}

}  // namespace

// E-mail addresses are compared without case: "Case@x" and "case@x" are one account (and
// one representative of one firm), so they are stored and looked up in lower case.
std::string canonical_email(std::string email) {
  for (char& c : email)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return email;
}

std::string to_string(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::animator: return "animator";
    case Role::observer: return "observer";
    case Role::member: return "member";
  }
  return "member";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::admin;
  if (text == "animator") return Role::animator;
  if (text == "observer") return Role::observer;
  if (text == "member") return Role::member;
  return std::nullopt;
}

std::optional<User> load_user(Transaction& tx, std::int64_t id) {
  return load_user_where(tx, "u.id = ?", id);
}

std::optional<User> load_user_by_email(Transaction& tx, const std::string& email) {
  return load_user_where(tx, "LOWER(u.email) = LOWER(?)", email);
}

void check_password_strength(const std::string& password) {
  if (password.size() < 10) fail_invalid("the password must have at least 10 characters", "weak_password");
  if (password.size() > 256) fail_invalid("the password must have at most 256 characters", "invalid");
}

std::string hash_token(const std::string& token) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(digest, sizeof digest);
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error("out of memory while hashing a password");
  return hash;
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void audit(Transaction& tx, const Actor& actor, std::string_view action, std::string_view target,
           std::string_view detail) {
  tx.execute("INSERT INTO audit_log (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
             {now_iso8601(), actor.user_id ? Value(*actor.user_id) : Value(nullptr), actor.label,
              std::string(action), std::string(target), std::string(detail)});
}

bool LoginThrottle::reserve(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  auto& entry = entries_[key];
  if (entry.failures == 0 || now - entry.since > window_) entry = {0, now};
  if (entry.failures >= max_failures_) return false;
  ++entry.failures;
  if (entries_.size() > 100000) entries_.clear();  // bounded memory under a spray of addresses
  return true;
}

void LoginThrottle::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(key);
  if (found != entries_.end() && --found->second.failures <= 0) entries_.erase(found);
}

void LoginThrottle::succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

User Accounts::create_user(const Actor& actor, const std::string& given_email, const std::string& name, Role role,
                           const std::string& password, bool must_change) {
  const std::string email = canonical_email(given_email);
  check_password_strength(password);
  std::string hash = hash_password(password);
  User user{0, email, name, role, false, must_change};
  db_.write([&](Transaction& tx) {
    if (load_user_by_email(tx, email))
      fail_conflict("an account with this e-mail already exists", "email_taken");
    user.id = tx.insert(
        "INSERT INTO users (email, name, role, password_hash, created_at, must_change_password) VALUES (?, ?, ?, ?, "
        "?, ?) RETURNING id",
        {email, name, to_string(role), hash, now_iso8601(), std::int64_t{must_change}});
    audit(tx, actor, "user.create", "user:" + std::to_string(user.id), to_string(role));
  });
  return user;
}

std::string Accounts::init_admin(const std::string& given_email) {
  const std::string email = canonical_email(given_email);
  std::string password = random_token(12);
  std::string hash = hash_password(password);
  db_.write([&](Transaction& tx) {
    auto existing = tx.query_one("SELECT id FROM users WHERE email = ?", {email});
    if (existing) {
      tx.execute("UPDATE users SET password_hash = ?, role = 'admin', disabled = 0, must_change_password = 1 WHERE "
                 "id = ?",
                 {hash, existing->integer("id")});
      tx.execute("DELETE FROM sessions WHERE user_id = ?", {existing->integer("id")});
    } else {
      tx.insert("INSERT INTO users (email, name, role, password_hash, created_at, must_change_password) VALUES (?, "
                "?, 'admin', ?, ?, 1) RETURNING id",
                {email, std::string("Administrator"), hash, now_iso8601()});
    }
    audit(tx, Actor{std::nullopt, "system"}, "user.init_admin", email);
  });
  return password;
}

Session Accounts::login(const std::string& given_email, const std::string& password,
                        const std::string& client) {
  const std::string email = canonical_email(given_email);
  const std::string email_key = "email:" + email, client_key = "client:" + client;
  // Reserved before hashing: 40 parallel wrong passwords get 5 checks, not 40.
  if (!throttle_.reserve(email_key)) too_many_logins();
  if (!throttle_.reserve(client_key)) {
    throttle_.release(email_key);
    too_many_logins();
  }
  const auto row = db_.read([&](Transaction& tx) {
    return tx.query_one(
        std::string("SELECT ") + kUserColumns + ", u.password_hash FROM users u WHERE u.email = ?", {email});
  });
  bool ok = false;
  {
    // Argon2id takes 64 MiB: a burst of logins must not exhaust memory or starve the pool.
    hashing_.acquire();
    struct Release { std::counting_semaphore<64>& s; ~Release() { s.release(); } } release{hashing_};
    // An unknown e-mail costs one verification against a fixed hash, as a known one does
    // (hashing then verifying took twice as long and told unknown e-mails apart).
    static const std::string unknown_hash = hash_password(random_token(16));
    ok = verify_password(row ? row->text("password_hash") : unknown_hash, password) && row.has_value();
  }
  if (!ok || row->integer("disabled")) {
    db_.write([&](Transaction& tx) { audit(tx, Actor{std::nullopt, client}, "login.failed", email); });
    bad_credentials();
  }
  throttle_.succeeded(email_key);
  throttle_.release(client_key);
  Session session{random_token(32), random_token(32), user_from(*row)};
  db_.write([&](Transaction& tx) {
    tx.execute("DELETE FROM sessions WHERE expires_at < ?", {now_iso8601()});
    tx.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
               {hash_token(session.token), session.user.id, session.csrf_token, now_iso8601(),
                iso8601_after(std::chrono::duration_cast<std::chrono::seconds>(session_lifetime))});
    audit(tx, Actor{session.user.id, session.user.email}, "login", "user:" + std::to_string(session.user.id));
    load_initiative_roles(tx, session.user);
  });
  return session;
}

std::optional<Session> Accounts::session(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  return db_.read([&](Transaction& tx) -> std::optional<Session> {
    auto row = tx.query_one(
        std::string("SELECT ") + kUserColumns +
            ", s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        {hash_token(token), now_iso8601()});
    if (!row) return std::nullopt;
    Session session{token, row->text("csrf_token"), user_from(*row)};
    load_initiative_roles(tx, session.user);
    return session;
  });
}

void Accounts::logout(const std::string& token) {
  db_.write([&](Transaction& tx) { tx.execute("DELETE FROM sessions WHERE token_hash = ?", {hash_token(token)}); });
}

std::vector<User> Accounts::users() {
  return db_.read([&](Transaction& tx) {
    auto users =
        map_rows(tx.query(std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.id"), user_from);
    for (User& user : users) load_initiative_roles(tx, user);
    return users;
  });
}

User Accounts::update_user(const Actor& actor, std::int64_t id, std::optional<Role> role,
                           std::optional<std::string> name, std::optional<bool> disabled,
                           std::optional<std::vector<InitiativeRole>> initiative_roles) {
  return db_.write([&](Transaction& tx) {
    auto before = load_user(tx, id);
    if (!before) fail_not_found("user " + std::to_string(id));
    if (((role && *role != Role::admin) || disabled.value_or(false)) && is_last_admin(tx, *before))
      fail_last_admin();
    if (role) tx.execute("UPDATE users SET role = ? WHERE id = ?", {to_string(*role), id});
    if (name) tx.execute("UPDATE users SET name = ? WHERE id = ?", {*name, id});
    if (disabled) {
      tx.execute("UPDATE users SET disabled = ? WHERE id = ?", {std::int64_t{*disabled}, id});
      if (*disabled) tx.execute("DELETE FROM sessions WHERE user_id = ?", {id});
    }
    if (initiative_roles) replace_initiative_roles(tx, id, *initiative_roles);
    User user = *load_user(tx, id);
    audit(tx, actor, "user.update", "user:" + std::to_string(id), role_summary(user));
    return user;
  });
}

void Accounts::delete_user(const Actor& actor, std::int64_t id) {
  db_.write([&](Transaction& tx) {
    auto user = load_user(tx, id);
    if (!user) fail_not_found("user " + std::to_string(id));
    if (is_last_admin(tx, *user)) fail_last_admin();
    tx.execute("DELETE FROM sessions WHERE user_id = ?", {id});
    tx.execute("DELETE FROM users WHERE id = ?", {id});
    audit(tx, actor, "user.delete", "user:" + std::to_string(id), user->email);
  });
}

void Accounts::change_password(const Actor& actor, std::int64_t id, const std::string& current,
                               const std::string& replacement, const std::string& keep_session) {
  check_password_strength(replacement);
  if (current == replacement) fail_invalid("the new password must differ from the current one", "same_password");
  // Wrong current passwords count as failed logins: a stolen session must not guess freely.
  const std::string key = "password:" + std::to_string(id);
  if (!throttle_.reserve(key)) too_many_logins();
  const auto stored = db_.read([&](Transaction& tx) {
    auto row = tx.query_one("SELECT password_hash FROM users WHERE id = ?", {id});
    if (!row) fail_not_found("user " + std::to_string(id));
    return row->text("password_hash");
  });
  hashing_.acquire();
  bool ok = verify_password(stored, current);
  std::string hash = ok ? hash_password(replacement) : "";
  hashing_.release();
  if (!ok) bad_credentials();
  throttle_.succeeded(key);
  db_.write([&](Transaction& tx) {
    tx.execute("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", {hash, id});
    // A password change ends the sessions someone else may hold (a stolen or shared one).
    tx.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {id, hash_token(keep_session)});
    audit(tx, actor, "user.password", "user:" + std::to_string(id));
  });
}

}  // namespace grappe::workspace
