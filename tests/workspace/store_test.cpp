// The store behaves the same on SQLite and PostgreSQL: migrations, values, constraints,
// rollback, concurrent writers.
#include <gtest/gtest.h>

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

TEST_P(StoreTest, ConcurrentWritersLoseNothing) {
  migrate(*db, core_migrations());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        db->write([&](Transaction& tx) { tx.execute("INSERT INTO audit_log (at, actor, action) VALUES ('t', 'x', ?)", {std::int64_t{t * 100 + i}}); });
    });
  for (auto& th : threads) th.join();
  db->read([](Transaction& tx) { EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM audit_log")->integer("n"), 200); });
}

GRAPPE_ON_EVERY_STORE(StoreTest);

}  // namespace
}  // namespace grappe::workspace
