// SQLite backend: WAL journal, synchronous=FULL (a commit that returned is in the WAL on disk,
// so it survives SIGKILL and power loss), foreign keys on, a pool of connections for readers
// and one writer at a time. Writes use group commit: concurrent write() calls queue up, one
// caller runs the queued batch in a single transaction (each call in its own SAVEPOINT, so one
// failing call rolls back alone) and one fsync'd COMMIT acknowledges them all.
#include <sqlite3.h>

#include <exception>
#include <string>
#include <unordered_map>

#include "commit_group.hpp"
#include "connection_pool.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {
namespace {

class SqliteConnection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Error("cannot open the SQLite database '" + path + "': " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
  }
  ~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw Error(std::string("SQLite: ") + text + " (in " + sql + ")");
    }
  }

  // Runs one statement (cached, prepared once per connection) and collects its rows.
  Rows run(std::string_view sql, const Params& params, std::int64_t* changes) {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      throw Error("internal: wrong number of SQL parameters for: " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    Rows rows;
    int columns = sqlite3_column_count(stmt);
    std::shared_ptr<std::vector<std::string>> names;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, sql);
      if (!names) {
        names = std::make_shared<std::vector<std::string>>();
        for (int c = 0; c < columns; ++c) names->emplace_back(sqlite3_column_name(stmt, c));
      }
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(column(stmt, c));
      rows.emplace_back(names, std::move(values));
    }
    if (changes) *changes = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    return rows;
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    auto found = statements_.find(key);
    if (found != statements_.end()) return found->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK)
      throw Error("SQLite: " + std::string(sqlite3_errmsg(db_)) + " (in " + key + ")");
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  static void bind(sqlite3_stmt* stmt, int index, const Value& value) {
    if (auto* i = std::get_if<std::int64_t>(&value)) sqlite3_bind_int64(stmt, index, *i);
    else if (auto* d = std::get_if<double>(&value)) sqlite3_bind_double(stmt, index, *d);
    else if (auto* s = std::get_if<std::string>(&value))
      sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    else sqlite3_bind_null(stmt, index);
  }

  static Value column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT: return sqlite3_column_double(stmt, c);
      case SQLITE_NULL: return nullptr;
      default: {
        auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
  }

  [[noreturn]] void fail(int rc, std::string_view sql) {
    std::string message = "SQLite: " + std::string(sqlite3_errmsg(db_));
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(message);
    throw Error(message + " (in " + std::string(sql) + ")");
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& c) : c_(c) {}
  Rows query(std::string_view sql, const Params& params) override { return c_.run(sql, params, nullptr); }
  std::int64_t execute(std::string_view sql, const Params& params) override {
    std::int64_t changes = 0;
    c_.run(sql, params, &changes);
    return changes;
  }

 private:
  SqliteConnection& c_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, int pool_size)
      : pool_(pool_size, [path] { return std::make_unique<SqliteConnection>(path); }),
        // One writer at a time in SQLite: one group in flight.
        group_(1, 64, [this](const auto& calls) { run_group(calls); }) {
    pool_.acquire();  // opens the file now, so a bad path fails at start
  }
  Dialect dialect() const override { return Dialect::sqlite; }

  void write(const std::function<void(Transaction&)>& fn) override { group_.run(fn); }
  void gather_next_group(std::size_t calls) override { group_.gather_next_group(calls); }
  void read(const std::function<void(Transaction&)>& fn) override { run(fn, "BEGIN"); }
  void execute_outside_transaction(std::string_view sql) override {
    auto lease = pool_.acquire();
    lease->exec(std::string(sql).c_str());
  }

 private:
  using Lease = detail::ConnectionPool<SqliteConnection>::Lease;

  void run_group(const std::vector<detail::CommitGroup::Call*>& calls) {
    auto lease = pool_.acquire();
    lease->exec("BEGIN IMMEDIATE");
    SqliteTransaction tx(*lease);
    for (detail::CommitGroup::Call* call : calls) run_in_savepoint(*lease, tx, *call);
    try {
      lease->exec("COMMIT");
    } catch (...) {
      rollback(lease);
      throw;
    }
  }

  static void run_in_savepoint(SqliteConnection& c, SqliteTransaction& tx, detail::CommitGroup::Call& call) {
    try {
      c.exec("SAVEPOINT job");
      (*call.fn)(tx);
      c.exec("RELEASE job");
    } catch (...) {
      call.error = std::current_exception();
      try {
        c.exec("ROLLBACK TO job");
        c.exec("RELEASE job");
      } catch (...) {
      }
    }
  }

  static void rollback(Lease& lease) {
    try {
      lease->exec("ROLLBACK");
    } catch (...) {
      lease.mark_broken();
    }
  }

  void run(const std::function<void(Transaction&)>& fn, const char* begin) {
    auto lease = pool_.acquire();
    lease->exec(begin);
    try {
      SqliteTransaction tx(*lease);
      fn(tx);
      lease->exec("COMMIT");
    } catch (...) {
      rollback(lease);
      throw;
    }
  }

  detail::ConnectionPool<SqliteConnection> pool_;
  detail::CommitGroup group_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
  return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace grappe::workspace
