// PostgreSQL backend, on libpq itself: a pool of connections, statements prepared once per
// connection, `?` placeholders renumbered to $n. A commit that returned is durable
// (synchronous_commit=on, PostgreSQL's default, which also groups concurrent commits).
//
// Round trips are what a submission costs most on PostgreSQL (each one is a sleep and a wake-up
// of the server's thread and of the backend: bench/server/RESULTS.md), so a transaction sends
// its BEGIN in the same pipeline (libpq ≥ 14) as its first statement, a statement seen for
// the first time on a connection is prepared in the same pipeline as its first run, and the
// writes whose result nobody reads (execute_later) wait for the next statement or the COMMIT
// and go in its pipeline. A transaction that ran no statement sends nothing at all.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

#include "commit_group.hpp"
#include "connection_pool.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {
namespace {

// "a = ? AND b = ?" → "a = $1 AND b = $2" (the store's SQL never has '?' inside literals).
std::string renumber_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

// The connection is gone (or in a state nothing can be sent on): the lease drops it.
struct BrokenConnection : Error {
  using Error::Error;
};

struct PgResult {
  explicit PgResult(PGresult* r = nullptr) : result(r) {}
  PgResult(PgResult&& other) noexcept : result(other.result) { other.result = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept {
    std::swap(result, other.result);
    return *this;
  }
  ~PgResult() { PQclear(result); }
  ExecStatusType status() const { return PQresultStatus(result); }
  PGresult* result;
};

Value field_value(const PGresult* r, int row, int col, Oid type) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* text = PQgetvalue(r, row, col);
  const char* end = text + PQgetlength(r, row, col);
  switch (type) {
    case 20:
    case 21:
    case 23: {  // int8, int2, int4
      std::int64_t v = 0;
      std::from_chars(text, end, v);
      return v;
    }
    case 700:
    case 701:
    case 1700: {  // float4, float8, numeric
      double v = 0;
      std::from_chars(text, end, v);
      return v;
    }
    case 16:
      return static_cast<std::int64_t>(text[0] == 't');  // bool
    default:
      return std::string(text, end);
  }
}

Rows rows_of(const PGresult* r) {
  const int columns = PQnfields(r);
  auto names = std::make_shared<std::vector<std::string>>();
  std::vector<Oid> types;
  for (int col = 0; col < columns; ++col) {
    names->emplace_back(PQfname(r, col));
    types.push_back(PQftype(r, col));
  }
  Rows rows;
  const int count = PQntuples(r);
  rows.reserve(static_cast<std::size_t>(count));
  for (int row = 0; row < count; ++row) {
    std::vector<Value> values;
    values.reserve(types.size());
    for (int col = 0; col < columns; ++col) values.push_back(field_value(r, row, col, types[col]));
    rows.emplace_back(names, std::move(values));
  }
  return rows;
}

// A write waiting for the transaction's next round trip (Transaction::execute_later), or a
// command without parameters (a group's SAVEPOINT and RELEASE), sent unprepared.
struct Pending {
  std::string sql;
  Params params;
  bool command = false;
};

class PgConnection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw Error("cannot connect to PostgreSQL: " + why);
    }
    // Notices (CREATE TABLE IF NOT EXISTS of a migration run again…) are not errors: libpq
    // would print them on stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  // One round trip: `begin` (when not null), the `pending` writes, then `sql` (run with
  // `params`, or a bare command such as COMMIT when `params` is null), in one pipeline. A
  // statement seen for the first time on this connection is prepared in the same pipeline.
  // Returns the last command's result. Throws the first error (ConstraintError for a failed
  // constraint, Error for another failure): the commands after it did not run.
  PgResult pipeline(const char* begin, const std::vector<Pending>& pending, std::string_view sql,
                    const Params* params) {
    if (PQenterPipelineMode(conn_) != 1) lost("cannot enter pipeline mode");
    Batch batch;
    bool sent = begin == nullptr || send_command(begin, batch);
    for (const Pending& p : pending)
      sent =
          sent && (p.command ? send_command(p.sql.c_str(), batch) : send_statement(p.sql, p.params, batch));
    sent = sent &&
           (params ? send_statement(sql, *params, batch) : send_command(std::string(sql).c_str(), batch));
    if (!sent || PQpipelineSync(conn_) != 1) lost("cannot send a statement");
    // One result per command (each followed by a null), then the sync's.
    PgResult failed, last;
    for (int preparing : batch.results) {
      PgResult r(PQgetResult(conn_));
      if (r.result == nullptr) lost("no result");
      while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
      // A statement prepared stays prepared even if its run fails or its transaction rolls
      // back (names are never given twice).
      if (preparing >= 0 && r.status() == PGRES_COMMAND_OK) prepared_.insert(batch.preparing[preparing]);
      if (r.status() == PGRES_FATAL_ERROR && failed.result == nullptr)
        failed = std::move(r);
      else
        last = std::move(r);
    }
    PgResult sync(PQgetResult(conn_));
    if (sync.status() != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn_) != 1)
      lost("the pipeline did not end");
    if (failed.result) fail(failed.result);
    return last;
  }

  // A command without parameters, alone (ROLLBACK, outside-transaction statements).
  void command(const std::string& sql) {
    PgResult r(PQexec(conn_, sql.c_str()));
    if (r.result == nullptr) lost("no result");
    if (r.status() != PGRES_COMMAND_OK && r.status() != PGRES_TUPLES_OK) fail(r.result);
  }

 private:
  static void text_params(const Params& params, std::vector<std::string>& storage,
                          std::vector<const char*>& pointers) {
    storage.reserve(params.size());
    for (const Value& v : params) {
      if (auto* s = std::get_if<std::string>(&v))
        storage.push_back(*s);
      else if (auto* i = std::get_if<std::int64_t>(&v))
        storage.push_back(std::to_string(*i));
      else if (auto* d = std::get_if<double>(&v)) {
        char buffer[32];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, *d).ptr;  // shortest exact form
        storage.emplace_back(buffer, end);
      }
    }
    std::size_t next = 0;
    for (const Value& v : params)
      pointers.push_back(std::holds_alternative<std::nullptr_t>(v) ? nullptr : storage[next++].c_str());
  }

  // What one pipeline sent: per result to read, the index in `preparing` of the statement it
  // prepares, or -1 for a statement's or command's own result.
  struct Batch {
    std::vector<std::pair<std::string, std::string>> preparing;  // SQL → name, new on this connection
    std::vector<int> results;
  };

  bool send_command(const char* command, Batch& batch) {
    batch.results.push_back(-1);
    return PQsendQueryParams(conn_, command, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
  }

  bool send_statement(std::string_view sql, const Params& params, Batch& batch) {
    std::string name;
    if (auto found = prepared_.find(std::string(sql)); found != prepared_.end()) {
      name = found->second;
    } else if (auto same = std::find_if(batch.preparing.begin(), batch.preparing.end(),
                                        [&](const auto& p) { return p.first == sql; });
               same != batch.preparing.end()) {
      name = same->second;  // prepared earlier in this pipeline
    } else {
      name = "s" + std::to_string(next_name_++);
      batch.preparing.emplace_back(std::string(sql), name);
      batch.results.push_back(static_cast<int>(batch.preparing.size() - 1));
      if (PQsendPrepare(conn_, name.c_str(), renumber_placeholders(sql).c_str(), 0, nullptr) != 1)
        return false;
    }
    std::vector<std::string> storage;
    std::vector<const char*> pointers;
    text_params(params, storage, pointers);
    batch.results.push_back(-1);
    return PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(pointers.size()), pointers.data(),
                               nullptr, nullptr, 0) == 1;
  }

  [[noreturn]] void lost(const char* what) const {
    throw BrokenConnection(std::string("PostgreSQL: ") + what + ": " + PQerrorMessage(conn_));
  }
  [[noreturn]] void fail(const PGresult* r) const {
    if (broken()) lost("connection lost");
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string message = std::string("PostgreSQL: ") + PQresultErrorMessage(r);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (state && std::strncmp(state, "23", 2) == 0) throw ConstraintError(message);  // integrity constraint
    // Deadlock, serialization failure: the work may succeed when run again.
    if (state && (std::strcmp(state, "40P01") == 0 || std::strcmp(state, "40001") == 0))
      throw TransactionConflict(message);
    throw Error(message);
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
  std::uint64_t next_name_ = 0;
};

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PgConnection& c, const char* begin) : c_(c), begin_(begin) {}

  Rows query(std::string_view sql, const Params& params) override {
    return rows_of(run(sql, &params).result);
  }
  std::int64_t execute(std::string_view sql, const Params& params) override {
    PgResult r = run(sql, &params);
    const char* changed = PQcmdTuples(r.result);
    return *changed ? std::stoll(changed) : 0;
  }
  void execute_later(std::string_view sql, const Params& params) override {
    pending_.push_back({std::string(sql), params});
  }
  bool begun() const { return begun_; }

  // A group's savepoints (PgDatabase::run_group): commands sent with the next round trip.
  void command_later(const char* sql) { pending_.push_back({sql, {}, true}); }
  // The pending commands and writes, then `command`, in one round trip.
  void command_now(const char* command) { run(command, nullptr); }
  bool has_pending_writes() const {
    return std::any_of(pending_.begin(), pending_.end(), [](const Pending& p) { return !p.command; });
  }
  // A failed call's deferred writes are not sent; the group's commands stay.
  void drop_pending_writes() {
    std::erase_if(pending_, [](const Pending& p) { return !p.command; });
  }
  // Unsends the last pending command if it is `sql` (a savepoint nothing was sent after).
  bool cancel_last_command(const char* sql) {
    if (pending_.empty() || !pending_.back().command || pending_.back().sql != sql) return false;
    pending_.pop_back();
    return true;
  }

  // COMMIT, with the writes still pending; a transaction that sent nothing sends nothing.
  void commit() {
    if (!begun_ && pending_.empty()) return;
    PgResult r = run("COMMIT", nullptr);
    // COMMIT of a transaction in which a statement failed says ROLLBACK without an error.
    if (std::strcmp(PQcmdStatus(r.result), "COMMIT") != 0)
      throw Error(std::string("PostgreSQL: COMMIT ended as ") + PQcmdStatus(r.result));
  }

 private:
  PgResult run(std::string_view sql, const Params* params) {
    const char* begin = begun_ ? nullptr : begin_;
    begun_ = true;  // even if a statement fails: its BEGIN ran, a ROLLBACK is due
    std::vector<Pending> pending;
    pending.swap(pending_);
    return c_.pipeline(begin, pending, sql, params);
  }

  PgConnection& c_;
  const char* begin_;
  bool begun_ = false;
  std::vector<Pending> pending_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, int pool_size)
      : pool_(pool_size, [url] { return std::make_unique<PgConnection>(url); }),
        group_(groups_in_flight, group_size, [this](const auto& calls) { run_group(calls); }) {
    pool_.acquire();  // connects now, so a bad URL fails at start
  }
  Dialect dialect() const override { return Dialect::postgres; }
  void write(const std::function<void(Transaction&)>& fn) override { run(fn, "BEGIN"); }
  void write_grouped(const std::function<void(Transaction&)>& fn) override {
    try {
      group_.run(fn);
    } catch (const TransactionConflict&) {
      write(fn);  // it waited for another group that waited for its own: alone this time
    }
  }
  void gather_next_group(std::size_t calls) override { group_.gather_next_group(calls); }
  // Read committed, as libpqxx's read_transaction was.
  void read(const std::function<void(Transaction&)>& fn) override { run(fn, "BEGIN READ ONLY"); }
  void execute_outside_transaction(std::string_view sql) override {
    auto lease = pool_.acquire();
    guarded(lease, [&] { lease->command(std::string(sql)); });
  }

 private:
  using Lease = detail::ConnectionPool<PgConnection>::Lease;

  void run(const std::function<void(Transaction&)>& fn, const char* begin) {
    auto lease = pool_.acquire();
    PgTransaction tx(*lease, begin);
    guarded(lease, [&] {
      try {
        fn(tx);
        tx.commit();
      } catch (...) {
        rollback(lease, tx);
        throw;
      }
    });
  }

  // Groups run at once, each on its own connection: while one waits for its COMMIT's flush,
  // the next gathers and runs the calls that arrived meanwhile. More would only hold more row
  // locks across groups (a first answer holds its initiative's lock until the COMMIT).
  static constexpr int groups_in_flight = 3;
  // A call takes one subtransaction (two with the needs' own savepoint); PostgreSQL keeps 64
  // per transaction in shared memory before every snapshot must look them up on disk
  // (PGPROC_MAX_CACHED_SUBXIDS).
  static constexpr std::size_t group_size = 24;

  void run_group(const std::vector<detail::CommitGroup::Call*>& calls) {
    auto lease = pool_.acquire();
    PgTransaction tx(*lease, "BEGIN");
    guarded(lease, [&] {
      try {
        for (detail::CommitGroup::Call* call : calls) run_in_savepoint(tx, *call);
        tx.commit();
      } catch (...) {
        rollback(lease, tx);
        throw;
      }
    });
  }

  // SAVEPOINT and RELEASE go with the call's own round trips. Its deferred writes are sent
  // before the next call starts, so that their errors are its own.
  static void run_in_savepoint(PgTransaction& tx, detail::CommitGroup::Call& call) {
    tx.command_later("SAVEPOINT grouped");
    try {
      (*call.fn)(tx);
      if (tx.has_pending_writes())
        tx.command_now("RELEASE SAVEPOINT grouped");
      else
        tx.command_later("RELEASE SAVEPOINT grouped");
    } catch (const BrokenConnection&) {
      throw;  // the whole group is lost
    } catch (...) {
      call.error = std::current_exception();
      tx.drop_pending_writes();
      if (tx.cancel_last_command("SAVEPOINT grouped")) return;  // it sent nothing
      tx.command_later("ROLLBACK TO SAVEPOINT grouped");
      tx.command_now("RELEASE SAVEPOINT grouped");  // a failure here fails the group
    }
  }

  // After a failure in fn: a connection whose transaction cannot be rolled back is not reused.
  static void rollback(Lease& lease, const PgTransaction& tx) {
    if (!tx.begun() || lease->broken()) return;
    try {
      lease->command("ROLLBACK");
    } catch (...) {
      lease.mark_broken();
    }
  }

  // A connection found broken leaves the pool, and the caller hears that it was lost.
  template <class F>
  static void guarded(Lease& lease, F&& f) {
    try {
      f();
    } catch (const BrokenConnection&) {
      lease.mark_broken();
      throw Error("the connection to PostgreSQL was lost");
    } catch (...) {
      if (lease->broken()) {
        lease.mark_broken();
        throw Error("the connection to PostgreSQL was lost");
      }
      throw;
    }
  }

  detail::ConnectionPool<PgConnection> pool_;
  detail::CommitGroup group_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  return std::make_unique<PgDatabase>(url, pool_size);
}

}  // namespace grappe::workspace
