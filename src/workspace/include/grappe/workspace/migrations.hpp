#pragma once
// Versioned schema migrations, run at server start inside one transaction each and recorded in
// `schema_migrations`. A component (survey, and later needs/topics/meetings…) appends its own
// migrations with distinct versions; the DDL may use {{id}} for an auto-increment primary key.
#include <functional>
#include <string>
#include <vector>

#include "grappe/workspace/database.hpp"

namespace grappe::workspace {

struct Migration {
  int version = 0;           // strictly increasing, never reused
  std::string name;
  std::vector<std::string> statements;  // portable DDL; {{id}} → dialect's identity column
  // Run after the statements, in the same transaction: converts existing data (documents to
  // rows, …) in C++ where portable SQL cannot.
  std::function<void(Transaction&)> convert{};
};

// The core workspace schema: accounts, sessions, audit, initiatives and their components,
// member firms, representatives, surveys.
const std::vector<Migration>& core_migrations();

// Applies the missing migrations in version order; returns how many were applied. Throws
// grappe::Error if the database is newer than this program (an unknown version is present).
int migrate(Database& db, const std::vector<Migration>& migrations);

// Highest applied version (0 for an empty database).
int schema_version(Database& db);

}  // namespace grappe::workspace
