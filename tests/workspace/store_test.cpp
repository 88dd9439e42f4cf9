// The store behaves the same on SQLite and PostgreSQL: migrations, values, constraints,
// rollback, concurrent writers, grouped writes (one COMMIT for concurrent callers).
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <latch>
#include <mutex>
#include <thread>

#include "grappe/workspace/migrations.hpp"
#include "test_databases.hpp"

namespace grappe::workspace {
namespace {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    db = open_database(test::fresh_database(GetParam()), 8);
  }
  std::unique_ptr<Database> db;
};

TEST_P(StoreTest, MigrationsRunOnceAndRecordTheirVersion) {
  EXPECT_EQ(schema_version(*db), 0);
  int applied = migrate(*db, core_migrations());
  EXPECT_EQ(applied, static_cast<int>(core_migrations().size()));
  EXPECT_EQ(schema_version(*db), core_migrations().back().version);
  EXPECT_EQ(migrate(*db, core_migrations()), 0);
  // A later component appends its own migration.
  auto extended = core_migrations();
  extended.push_back({100, "test component", {"CREATE TABLE t_component (id {{id}}, label TEXT NOT NULL)"}});
  EXPECT_EQ(migrate(*db, extended), 1);
  db->write([](Transaction& tx) {
    EXPECT_EQ(tx.insert("INSERT INTO t_component (label) VALUES (?) RETURNING id", {std::string("a")}), 1);
    EXPECT_EQ(tx.insert("INSERT INTO t_component (label) VALUES (?) RETURNING id", {std::string("b")}), 2);
  });
  // The core alone now refuses the newer database.
  EXPECT_THROW(migrate(*db, core_migrations()), Error);
}

TEST_P(StoreTest, ValuesRoundTripAsInertText) {
  migrate(*db, core_migrations());
  const std::string hostile = "Robert'); DROP TABLE users;-- <script>alert(1)</script> é ü 漢字 🍇";
  db->write([&](Transaction& tx) {
    tx.execute("INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
               {std::string("x@y.fr"), hostile, std::string("member"), std::string("h"), now_iso8601()});
    tx.execute("INSERT INTO initiatives (name, center_lon, radius_m, created_at) VALUES (?, ?, ?, ?)",
               {hostile, 1.7345678901234, nullptr, now_iso8601()});
  });
  db->read([&](Transaction& tx) {
    auto user = tx.query_one("SELECT name, id FROM users WHERE email = ?", {std::string("x@y.fr")});
    ASSERT_TRUE(user);
    EXPECT_EQ(user->text("name"), hostile);
    auto initiative = tx.query_one("SELECT center_lon, radius_m FROM initiatives");
    EXPECT_DOUBLE_EQ(initiative->real("center_lon"), 1.7345678901234);
    EXPECT_TRUE(initiative->is_null("radius_m"));
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM users")->integer("n"), 1);
    auto big = tx.query_one("SELECT CAST(? AS BIGINT) AS v", {std::int64_t{9'007'199'254'740'993}});
    EXPECT_EQ(big->integer("v"), 9'007'199'254'740'993);
  });
}

TEST_P(StoreTest, ConstraintViolationsAreReportedAndRolledBack) {
  migrate(*db, core_migrations());
  auto add = [&](Transaction& tx) {
    tx.execute("INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, '', 'admin', 'h', ?)",
               {std::string("same@x.fr"), now_iso8601()});
  };
  db->write(add);
  EXPECT_THROW(db->write(add), ConstraintError);
  EXPECT_THROW(db->write([&](Transaction& tx) {
    tx.execute("INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('other@x.fr', '', 'admin', 'h', ?)",
               {now_iso8601()});
    throw std::runtime_error("abort");
  }), std::runtime_error);
  db->read([](Transaction& tx) { EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM users")->integer("n"), 1); });
  // Foreign keys hold on both stores.
  EXPECT_THROW(db->write([](Transaction& tx) {
    tx.execute("INSERT INTO members (initiative_id, siret, source, added_at) VALUES (999, '1', 'x', 'now')");
  }), ConstraintError);
}

// PostgreSQL: a statement is prepared on its connection in the pipeline of its first run; when
// that run fails, the statement is still prepared, and its name must stay taken.
TEST_P(StoreTest, AStatementWhoseFirstRunFailsRunsAgainOnTheSameConnection) {
  migrate(*db, core_migrations());
  const char* orphan =
      "INSERT INTO members (initiative_id, siret, source, added_at) VALUES (?, '2', 'x', 'now')";
  // One caller at a time: the pool hands out the connection returned last, so all run on one.
  for (int run = 0; run < 2; ++run)
    EXPECT_THROW(db->write([&](Transaction& tx) { tx.execute(orphan, {std::int64_t{999}}); }),
                 ConstraintError)
        << "run " << run;
  db->read([](Transaction& tx) {
    EXPECT_EQ(
        tx.query_one("SELECT COUNT(*) AS n FROM members WHERE siret = ?", {std::string("2")})->integer("n"),
        0);
  });
}

// execute_later: PostgreSQL sends the write with the next statement (which sees it) or with
// the COMMIT; the same statement twice before its first round trip is prepared once.
TEST_P(StoreTest, DeferredWritesAreSeenByLaterStatementsAndCommitted) {
  migrate(*db, core_migrations());
  const char* add = "INSERT INTO audit_log (at, actor, action) VALUES ('t', 'x', ?)";
  db->write([&](Transaction& tx) {
    tx.execute_later(add, {std::string("a")});
    tx.execute_later(add, {std::string("b")});
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM audit_log")->integer("n"), 2);
    tx.execute_later(add, {std::string("c")});  // goes with the COMMIT alone
  });
  db->write([&](Transaction& tx) { tx.execute_later(add, {std::string("d")}); });  // BEGIN, it, COMMIT
  db->read([](Transaction& tx) {
    Rows rows = tx.query("SELECT action FROM audit_log ORDER BY id");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(
        rows[0].text("action") + rows[1].text("action") + rows[2].text("action") + rows[3].text("action"),
        "abcd");
  });
}

// A deferred write that fails fails its transaction where it is sent: the statement after it
// does not run, nothing of the transaction stays, and the error is the write's own.
TEST_P(StoreTest, AFailedDeferredWriteRollsBackTheWholeTransaction) {
  migrate(*db, core_migrations());
  const char* orphan =
      "INSERT INTO members (initiative_id, siret, source, added_at) VALUES (?, '3', 'x', 'now')";
  const char* add = "INSERT INTO audit_log (at, actor, action) VALUES ('t', 'x', ?)";
  bool reached_commit = false;
  EXPECT_THROW(db->write([&](Transaction& tx) {
    tx.execute(add, {std::string("before")});
    tx.execute_later(orphan, {std::int64_t{999}});
    reached_commit = true;  // PostgreSQL: the orphan is sent with the COMMIT
  }),
               ConstraintError);
  EXPECT_EQ(reached_commit, GetParam() == "postgres");
  bool next_ran = false;
  EXPECT_THROW(db->write([&](Transaction& tx) {
    tx.execute_later(orphan, {std::int64_t{999}});
    tx.execute(add, {std::string("after")});
    next_ran = true;
  }),
               ConstraintError);
  EXPECT_FALSE(next_ran);
  db->read([](Transaction& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM audit_log")->integer("n"), 0);
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM members")->integer("n"), 0);
  });
  // The connection serves the next transaction.
  db->write([&](Transaction& tx) { tx.execute_later(add, {std::string("fine")}); });
  db->read([](Transaction& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM audit_log")->integer("n"), 1);
  });
}

// Grouped writes (write_grouped): calls gathered into one group share one transaction and one
// COMMIT. The tests gather a group with gather_next_group, so the grouping does not depend on
// the machine's speed.
const char* const kAdd = "INSERT INTO audit_log (at, actor, action) VALUES ('t', 'x', ?)";
const char* const kOrphan =
    "INSERT INTO members (initiative_id, siret, source, added_at) VALUES (999, '4', 'x', 'now')";

// Runs each call from its own thread, gathered into one group; returns what each threw ("" for
// nothing, "constraint" for a ConstraintError, else its message).
std::vector<std::string> run_as_one_group(Database& db,
                                          const std::vector<std::function<void(Transaction&)>>& calls) {
  db.gather_next_group(calls.size());
  std::vector<std::string> errors(calls.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < calls.size(); ++i)
    threads.emplace_back([&, i] {
      try {
        db.write_grouped(calls[i]);
      } catch (const ConstraintError&) {
        errors[i] = "constraint";
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  return errors;
}

std::string actions(Database& db) {
  std::string out;
  db.read([&](Transaction& tx) {
    for (const Row& row : tx.query("SELECT action FROM audit_log ORDER BY action")) out += row.text("action");
  });
  return out;
}

TEST_P(StoreTest, AGroupedCallThatFailsIsRolledBackAloneAndTheOthersCommitTogether) {
  migrate(*db, core_migrations());
  std::vector<std::int64_t> transactions;  // PostgreSQL: the transaction of each call that commits
  std::mutex mutex;
  auto note_transaction = [&](Transaction& tx) {
    if (db->dialect() != Dialect::postgres) return;
    std::lock_guard lock(mutex);
    transactions.push_back(tx.query_one("SELECT txid_current() AS t")->integer("t"));
  };
  const std::vector<std::string> errors = run_as_one_group(
      *db, {[&](Transaction& tx) {
              tx.execute(kAdd, {std::string("a")});
              note_transaction(tx);
            },
            [&](Transaction& tx) {  // a failed statement (PostgreSQL: the transaction is aborted)
              tx.execute(kAdd, {std::string("x1")});
              tx.execute(kOrphan);
            },
            [&](Transaction& tx) {  // a deferred write that fails: its error is this call's
              tx.execute(kAdd, {std::string("x2")});
              tx.execute_later(kOrphan);
            },
            [&](Transaction& tx) {  // an exception of the caller's own, a deferred write pending
              tx.execute(kAdd, {std::string("x3")});
              tx.execute_later(kAdd, {std::string("x4")});
              throw std::runtime_error("refused");
            },
            [&](Transaction&) { throw std::runtime_error("refused before any statement"); },
            [&](Transaction& tx) { tx.execute_later(kAdd, {std::string("b")}); },
            [&](Transaction& tx) {
              tx.execute(kAdd, {std::string("c")});
              note_transaction(tx);
            }});
  EXPECT_EQ(errors, (std::vector<std::string>{"", "constraint", "constraint", "refused",
                                              "refused before any statement", "", ""}));
  EXPECT_EQ(actions(*db), "abc");
  if (db->dialect() == Dialect::postgres) {
    ASSERT_EQ(transactions.size(), 2u);
    EXPECT_EQ(transactions[0], transactions[1]) << "the calls did not share one transaction";
  }
}

// A COMMIT that fails (here a deferred foreign key, checked only then) fails every call of its
// group: none was acknowledged, none is stored.
TEST_P(StoreTest, AFailedCommitFailsEveryCallOfItsGroup) {
  migrate(*db, core_migrations());
  db->write([](Transaction& tx) {
    tx.execute("CREATE TABLE t_parent (id BIGINT PRIMARY KEY)");
    tx.execute(
        "CREATE TABLE t_child (parent_id BIGINT REFERENCES t_parent (id) DEFERRABLE INITIALLY DEFERRED)");
  });
  const std::vector<std::string> errors = run_as_one_group(
      *db, {[](Transaction& tx) { tx.execute(kAdd, {std::string("a")}); },
            [](Transaction& tx) { tx.execute("INSERT INTO t_child (parent_id) VALUES (999)"); },
            [](Transaction& tx) { tx.execute(kAdd, {std::string("b")}); }});
  for (const std::string& error : errors) EXPECT_NE(error, "") << "a call was acknowledged";
  EXPECT_EQ(actions(*db), "");
  db->read(
      [](Transaction& tx) { EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM t_child")->integer("n"), 0); });
  db->write_grouped([](Transaction& tx) { tx.execute(kAdd, {std::string("after")}); });
  EXPECT_EQ(actions(*db), "after");
}

// 8 threads × 25 writes, plain then grouped: each of the 200 of a round is stored, once.
TEST_P(StoreTest, ConcurrentWritersLoseNothing) {
  migrate(*db, core_migrations());
  for (const bool grouped : {false, true}) {
    SCOPED_TRACE(grouped ? "write_grouped" : "write");
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 25; ++i) {
          const std::int64_t action = (grouped ? 1000 : 0) + t * 100 + i;
          auto add = [&](Transaction& tx) { tx.execute(kAdd, {action}); };
          if (grouped)
            db->write_grouped(add);
          else
            db->write(add);
        }
      });
    for (auto& th : threads) th.join();
    db->read([&](Transaction& tx) {  // each stored once
      auto counts = tx.query_one("SELECT COUNT(*) AS n, COUNT(DISTINCT action) AS d FROM audit_log");
      EXPECT_EQ(counts->integer("n"), grouped ? 400 : 200);
      EXPECT_EQ(counts->integer("d"), counts->integer("n"));
    });
  }
}

// PostgreSQL runs several groups at once, and a group holds its row locks until its COMMIT: two
// groups can wait for each other. The call PostgreSQL picks as the deadlock's victim is rolled
// back alone and run again on its own once the other group is done.
TEST_P(StoreTest, ACallCaughtInADeadlockBetweenTwoGroupsRunsAgainAlone) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite runs one group at a time";
  migrate(*db, core_migrations());
  db->write([](Transaction& tx) {
    tx.execute("CREATE TABLE t_lock (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
    tx.execute("INSERT INTO t_lock (id, n) VALUES (1, 0), (2, 0)");
  });
  // In each group, the first call locks the group's row and waits until the other group's
  // first call holds its own; the second call then wants the other group's row.
  std::latch first_group_runs(1), both_hold(2);
  std::atomic<bool> first_call[2] = {true, true};
  auto call = [&](int group) {
    return [&, group](Transaction& tx) {
      const std::int64_t mine = group + 1, other = 2 - group;
      if (first_call[group].exchange(false)) {
        tx.execute("UPDATE t_lock SET n = n + 1 WHERE id = ?", {mine});
        if (group == 0) first_group_runs.count_down();
        both_hold.arrive_and_wait();
      } else {
        tx.execute("UPDATE t_lock SET n = n + 1 WHERE id = ?", {other});
      }
    };
  };
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  auto start_group = [&](int group) {
    db->gather_next_group(2);
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, group] {
        try {
          db->write_grouped(call(group));
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failed;
        }
      });
  };
  start_group(0);
  first_group_runs.wait();
  start_group(1);
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed, 0);
  db->read(
      [](Transaction& tx) { EXPECT_EQ(tx.query_one("SELECT SUM(n) AS n FROM t_lock")->integer("n"), 4); });
}

GRAPPE_ON_EVERY_STORE(StoreTest);

}  // namespace
}  // namespace grappe::workspace
