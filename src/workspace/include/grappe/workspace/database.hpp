#pragma once
// The workspace store: one small interface over SQLite (default, a file) and PostgreSQL
// (a postgresql:// URL). SQL is written once with `?` placeholders and a portable subset
// (TEXT, BIGINT, DOUBLE PRECISION, INSERT … RETURNING, ON CONFLICT); the PostgreSQL backend
// renumbers placeholders to $1, $2, …. Every query is parameterised: values never reach SQL text.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "grappe/common/error.hpp"

namespace grappe::workspace {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// One result row: values by column position, names shared by the result.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  const Value& at(std::string_view column) const;
  bool is_null(std::string_view column) const;
  std::int64_t integer(std::string_view column) const;   // NULL → 0
  double real(std::string_view column) const;            // NULL → NaN
  std::string text(std::string_view column) const;       // NULL → ""
  std::optional<std::string> optional_text(std::string_view column) const;
  std::size_t size() const { return values_.size(); }

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};
using Rows = std::vector<Row>;

// Each row through `convert`: `map_rows(tx.query(…), member_of)`.
template <class F>
auto map_rows(const Rows& rows, F&& convert) {
  std::vector<std::invoke_result_t<F&, const Row&>> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(convert(row));
  return out;
}

// A failed constraint (unique key, foreign key): the caller usually turns it into a 409.
class ConstraintError : public Error {
 public:
  using Error::Error;
};

// Two transactions waited for each other (PostgreSQL: a deadlock or a serialization failure):
// the statement that met it failed, and the work may succeed when run again.
class TransactionConflict : public Error {
 public:
  using Error::Error;
};

enum class Dialect { sqlite, postgres };

// One transaction on one pooled connection. Not thread-safe; lives inside Database::read/write.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Statement without result rows; returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // A write whose result nobody reads. PostgreSQL sends it with the transaction's next statement
  // or with its COMMIT, in the same round trip (one fewer per such write); an error of it is
  // thrown from there (the later statement does not run) and the transaction rolls back, so a
  // caller must not defer a write whose failure it means to catch. SQLite runs it at once.
  virtual void execute_later(std::string_view sql, const Params& params = {}) { execute(sql, params); }
  // First row or nothing.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // `INSERT … RETURNING id` shortcut.
  std::int64_t insert(std::string_view sql, const Params& params);
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs fn in a read-write transaction and commits it: when write() returns, the commit is
  // durable (SQLite: WAL + synchronous=FULL; PostgreSQL: synchronous_commit). If fn throws,
  // the transaction is rolled back and the exception propagates.
  virtual void write(const std::function<void(Transaction&)>& fn) = 0;
  // The same, but concurrent callers share one transaction and one COMMIT (one flush of the
  // write-ahead log for all, where a commit per caller waits for a flush each): fn runs in its
  // own savepoint, so a call that throws is rolled back alone and gets its exception; the call
  // returns only once the shared COMMIT is durable, and a failed COMMIT fails every call of
  // the group. A lone call is a group at once (no timer). fn may run twice: a call that met a
  // TransactionConflict with another group runs again alone, so fn must not add to state outside
  // the transaction (assign its results, do not append). SQLite's write() is already grouped.
  virtual void write_grouped(const std::function<void(Transaction&)>& fn) { write(fn); }
  // Tests: the next group waits until `calls` grouped writes are queued, so they form one group
  // whatever the machine's speed.
  virtual void gather_next_group(std::size_t calls) = 0;
  // Runs fn in a read-only snapshot.
  virtual void read(const std::function<void(Transaction&)>& fn) = 0;
  // The same with fn's result: `auto users = db.read([&](Transaction& tx) { return …; });`.
  template <class Fn, class R = std::invoke_result_t<Fn&, Transaction&>>
  requires(!std::is_void_v<R>) R write(Fn&& fn) {
    std::optional<R> out;
    write([&](Transaction& tx) { out.emplace(fn(tx)); });
    return std::move(*out);
  }
  template <class Fn, class R = std::invoke_result_t<Fn&, Transaction&>>
  requires(!std::is_void_v<R>) R read(Fn&& fn) {
    std::optional<R> out;
    read([&](Transaction& tx) { out.emplace(fn(tx)); });
    return std::move(*out);
  }
  // A statement outside any transaction (PostgreSQL: CREATE DATABASE; SQLite: PRAGMA).
  virtual void execute_outside_transaction(std::string_view sql) = 0;
  // Text used in DDL for an auto-increment 64-bit primary key.
  std::string_view id_column_type() const;
};

// "postgresql://…" or "postgres://…" → PostgreSQL; anything else is a SQLite file path
// (":memory:" is refused: the server needs one database shared by its connections).
// pool_size bounds the open connections. Throws grappe::Error naming the database.
std::unique_ptr<Database> open_database(const std::string& url, int pool_size = 16);

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size);
std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size);

// Current UTC time as ISO 8601 "2026-11-27T21:05:44Z" (what the store keeps for dates).
std::string now_iso8601();
// The same `from_now` later (or earlier, when negative): expiry dates compare as text.
std::string iso8601_after(std::chrono::seconds from_now);

}  // namespace grappe::workspace
