#include "grappe/workspace/migrations.hpp"

#include <algorithm>

namespace grappe::workspace {
namespace {

std::string expand(const std::string& ddl, const Database& db) {
  std::string out = ddl;
  const std::string marker = "{{id}}";
  for (auto at = out.find(marker); at != std::string::npos; at = out.find(marker))
    out.replace(at, marker.size(), db.id_column_type());
  return out;
}

void ensure_table(Database& db) {
  db.write([](Transaction& tx) {
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
  });
}

}  // namespace

const std::vector<Migration>& core_migrations() {
  static const std::vector<Migration> migrations = {
      {1,
       "accounts, sessions and audit log",
       {"CREATE TABLE users (id {{id}}, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', "
        "role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL, "
        "disabled BIGINT NOT NULL DEFAULT 0)",
        "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id) "
        "ON DELETE CASCADE, csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
        "CREATE TABLE audit_log (id {{id}}, at TEXT NOT NULL, user_id BIGINT, actor TEXT NOT NULL, "
        "action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '')"}},
      {2,
       "initiatives, components, member firms, representatives",
       {"CREATE TABLE initiatives (id {{id}}, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', "
        "trade TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'launch', center_lon DOUBLE PRECISION, "
        "center_lat DOUBLE PRECISION, radius_m DOUBLE PRECISION, candidate TEXT NOT NULL DEFAULT '', "
        "created_by BIGINT REFERENCES users(id) ON DELETE SET NULL, created_at TEXT NOT NULL)",
        // Decidim-like: an initiative is a space of components (survey now; needs, topics,
        // meetings, actions later), each with its own tables keyed by component id.
        "CREATE TABLE components (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES initiatives(id) "
        "ON DELETE CASCADE, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', position BIGINT NOT NULL "
        "DEFAULT 0, created_at TEXT NOT NULL)",
        "CREATE INDEX components_by_initiative ON components(initiative_id)",
        "CREATE TABLE members (id {{id}}, initiative_id BIGINT NOT NULL REFERENCES initiatives(id) "
        "ON DELETE CASCADE, siret TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', address TEXT NOT NULL "
        "DEFAULT '', commune TEXT NOT NULL DEFAULT '', headcount DOUBLE PRECISION, lon DOUBLE PRECISION, "
        "lat DOUBLE PRECISION, source TEXT NOT NULL, added_at TEXT NOT NULL, UNIQUE (initiative_id, siret))",
        "CREATE TABLE representatives (id {{id}}, member_id BIGINT NOT NULL REFERENCES members(id) "
        "ON DELETE CASCADE, name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '', role TEXT NOT NULL "
        "DEFAULT '', language TEXT NOT NULL DEFAULT 'fr', created_at TEXT NOT NULL)",
        "CREATE INDEX representatives_by_member ON representatives(member_id)"}},
      {3,
       "surveys, questions, invitations, responses",
       {"CREATE TABLE surveys (id {{id}}, component_id BIGINT NOT NULL UNIQUE REFERENCES components(id) ON "
        "DELETE CASCADE, title_fr TEXT NOT NULL, title_en TEXT NOT NULL, intro_fr TEXT NOT NULL DEFAULT '', "
        "intro_en TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'draft', anonymous BIGINT NOT NULL "
        "DEFAULT 0, anonymised BIGINT NOT NULL DEFAULT 0, opened_at TEXT, closed_at TEXT, created_at TEXT "
        "NOT NULL)",
        "CREATE TABLE questions (id {{id}}, survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE "
        "CASCADE, position BIGINT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, text_fr TEXT NOT NULL, "
        "text_en TEXT NOT NULL, options TEXT NOT NULL DEFAULT '[]', scale_min BIGINT, scale_max BIGINT, "
        "required BIGINT NOT NULL DEFAULT 0, UNIQUE (survey_id, key))",
        "CREATE TABLE invitations (id {{id}}, survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE "
        "CASCADE, token TEXT NOT NULL UNIQUE, member_id BIGINT REFERENCES members(id) ON DELETE CASCADE, "
        "representative_id BIGINT REFERENCES representatives(id) ON DELETE CASCADE, created_at TEXT NOT "
        "NULL, invited_at TEXT, reminded_at TEXT, responded_at TEXT)",
        "CREATE INDEX invitations_by_survey ON invitations(survey_id)",
        "CREATE TABLE responses (id {{id}}, survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE "
        "CASCADE, invitation_id BIGINT UNIQUE REFERENCES invitations(id) ON DELETE CASCADE, member_id BIGINT "
        "REFERENCES members(id) ON DELETE SET NULL, language TEXT NOT NULL DEFAULT 'fr', answers TEXT NOT "
        "NULL, submitted_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE INDEX responses_by_survey ON responses(survey_id)"}},
      // Contacts (issue 17): first-login password change, invitation and reset links stored by
      // the BLAKE2b hash of their token, and every e-mail composed (sent, failed, or kept in the
      // outbox when the server has no SMTP relay).
      {4,
       "must-change-password flag, account links, mail outbox",
       {"ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0",
        "CREATE TABLE account_links (id {{id}}, user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE "
        "CASCADE, purpose TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
        "expires_at TEXT NOT NULL, used_at TEXT)",
        "CREATE INDEX account_links_by_user ON account_links(user_id)",
        "CREATE TABLE mail_messages (id {{id}}, initiative_id BIGINT REFERENCES initiatives(id) ON DELETE "
        "CASCADE, kind TEXT NOT NULL, to_address TEXT NOT NULL, to_name TEXT NOT NULL DEFAULT '', language "
        "TEXT NOT NULL DEFAULT 'fr', subject TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, error "
        "TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, sent_at "
        "TEXT)",
        "CREATE INDEX mail_messages_by_initiative ON mail_messages(initiative_id)"}},
      // Issue 16: a staff role granted on chosen initiatives only. A new table: existing users
      // keep their global role, nothing is rewritten.
      {5,
       "staff roles per initiative",
       {"CREATE TABLE user_initiative_roles (user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, "
        "initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE, role TEXT NOT NULL, "
        "granted_at TEXT NOT NULL, PRIMARY KEY (user_id, initiative_id))",
        "CREATE INDEX user_initiative_roles_by_initiative ON user_initiative_roles(initiative_id)"}},
  };
  return migrations;
}

int schema_version(Database& db) {
  ensure_table(db);
  return db.read([&](Transaction& tx) {
    auto row = tx.query_one("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations");
    return row ? static_cast<int>(row->integer("v")) : 0;
  });
}

int migrate(Database& db, const std::vector<Migration>& migrations) {
  ensure_table(db);
  std::vector<const Migration*> ordered;
  for (const auto& m : migrations) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->version < b->version; });
  int applied = 0;
  const int newest_known = ordered.empty() ? 0 : ordered.back()->version;
  if (const int version = schema_version(db); version > newest_known)
    throw Error("the database schema (version " + std::to_string(version) +
                ") is newer than this grappe (version " + std::to_string(newest_known) + "): upgrade grappe");
  for (const Migration* m : ordered) {
    db.write([&](Transaction& tx) {
      // PostgreSQL: two servers starting together must not both migrate.
      if (db.dialect() == Dialect::postgres) tx.query("SELECT pg_advisory_xact_lock(7342001) AS locked");
      if (tx.query_one("SELECT version FROM schema_migrations WHERE version = ?", {std::int64_t{m->version}}))
        return;
      for (const auto& statement : m->statements) tx.execute(expand(statement, db));
      if (m->convert) m->convert(tx);
      tx.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                 {std::int64_t{m->version}, m->name, now_iso8601()});
      ++applied;
    });
  }
  return applied;
}

}  // namespace grappe::workspace
