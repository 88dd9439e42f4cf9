// Passwords (Argon2id), tokens, sessions and the login throttle.
#include "grappe/workspace/auth.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../thrown.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/migrations.hpp"
#include "test_databases.hpp"

namespace grappe::workspace {
namespace {

TEST(Passwords, Argon2idHashVerifiesOnlyTheRightPassword) {
  std::string hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password("garbage", "x"));
  EXPECT_NE(hash, hash_password("correct horse battery"));  // salted
}

TEST(Tokens, AreHexOfTheRequestedSizeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = random_token(16);
    ASSERT_EQ(t.size(), 32u);
    ASSERT_EQ(t.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(LoginThrottle, BlocksAfterRepeatedFailuresAndForgetsAfterSuccess) {
  LoginThrottle throttle(3, std::chrono::seconds(60));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(throttle.reserve("k"));  // three failed attempts
  EXPECT_FALSE(throttle.reserve("k"));
  EXPECT_TRUE(throttle.reserve("other"));
  throttle.release("other");  // a successful attempt gives its reservation back
  throttle.succeeded("k");
  EXPECT_TRUE(throttle.reserve("k"));
}

class AccountsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    db = open_database(test::fresh_database(GetParam()), 4);
    migrate(*db, core_migrations());
  }
  std::unique_ptr<Database> db;
};

TEST_P(AccountsTest, LoginOpensASessionThatLogoutCloses) {
  Accounts accounts(*db);
  Actor system{std::nullopt, "test"};
  accounts.create_user(system, "anna@cci.fr", "Anna", Role::animator, "a long password");
  EXPECT_THROW(accounts.create_user(system, "anna@cci.fr", "Anna", Role::animator, "a long password"), Error);
  EXPECT_THROW(accounts.create_user(system, "bob@cci.fr", "Bob", Role::animator, "short"), Error);
  Session s = accounts.login("anna@cci.fr", "a long password", "127.0.0.1");
  EXPECT_EQ(s.token.size(), 64u);
  EXPECT_EQ(s.user.role, Role::animator);
  auto found = accounts.session(s.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->csrf_token, s.csrf_token);
  EXPECT_FALSE(accounts.session(std::string(64, 'a')));
  accounts.logout(s.token);
  EXPECT_FALSE(accounts.session(s.token));
  // The session table never holds the token itself.
  db->read([&](Transaction& tx) {
    EXPECT_FALSE(tx.query_one("SELECT token_hash FROM sessions WHERE token_hash = ?", {s.token}));
  });
}

TEST_P(AccountsTest, RepeatedBadPasswordsAreThrottledAndAudited) {
  Accounts accounts(*db);
  accounts.create_user(Actor{std::nullopt, "test"}, "eve@cci.fr", "", Role::observer, "the real password");
  for (int i = 0; i < 5; ++i) {
    const auto e =
        test::thrown([&] { accounts.login("eve@cci.fr", "guess " + std::to_string(i), "10.0.0.1"); });
    ASSERT_TRUE(e) << "a wrong password was accepted";
    EXPECT_EQ(e->kind(), ErrorKind::unauthorized);
  }
  const auto sixth = test::thrown([&] { accounts.login("eve@cci.fr", "the real password", "10.0.0.2"); });
  ASSERT_TRUE(sixth) << "the throttle let a sixth attempt through";
  EXPECT_EQ(sixth->kind(), ErrorKind::too_many);
  db->read([](Transaction& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failed'")->integer("n"), 5);
  });
}

TEST_P(AccountsTest, InitAdminCreatesThenResetsWithAOneTimePassword) {
  Accounts accounts(*db);
  std::string first = accounts.init_admin("root@cci.fr");
  EXPECT_GE(first.size(), 16u);
  EXPECT_EQ(accounts.login("root@cci.fr", first, "c").user.role, Role::admin);
  std::string second = accounts.init_admin("root@cci.fr");
  EXPECT_NE(first, second);
  EXPECT_THROW(accounts.login("root@cci.fr", first, "c2"), Error);
  EXPECT_EQ(accounts.users().size(), 1u);
}

GRAPPE_ON_EVERY_STORE(AccountsTest);

}  // namespace
}  // namespace grappe::workspace
