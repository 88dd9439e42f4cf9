// Staff roles per initiative in the store: migration 5 on an existing database, grants,
// and the role that applies inside an initiative.
#include <gtest/gtest.h>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/migrations.hpp"
#include "test_databases.hpp"

namespace grappe::workspace {
namespace {

TEST(InitiativeRoles, RoleOnAnInitiativeIsTheHigherOfGlobalAndGranted) {
  User user;
  user.role = Role::member;
  user.initiative_roles = {{3, Role::animator}, {5, Role::observer}};
  EXPECT_EQ(user.role_on(3), Role::animator);
  EXPECT_EQ(user.role_on(5), Role::observer);
  EXPECT_EQ(user.role_on(4), Role::member);
  user.role = Role::observer;
  EXPECT_EQ(user.role_on(4), Role::observer);
  EXPECT_EQ(user.role_on(3), Role::animator);
  EXPECT_EQ(user.staff_initiatives(), (std::vector<std::int64_t>{3, 5}));
}

class InitiativeRolesStore : public ::testing::TestWithParam<std::string> {};

// A database made by the previous release (schema 4) gains the table; nothing is lost.
TEST_P(InitiativeRolesStore, MigrationKeepsExistingAccountsAndAddsGrants) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  auto db = open_database(test::fresh_database(GetParam()));
  std::vector<Migration> previous;
  for (const auto& m : core_migrations())
    if (m.version <= 4) previous.push_back(m);
  ASSERT_EQ(migrate(*db, previous), 4);
  db->write([](Transaction& tx) {
    tx.execute(
        "INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('a@x.fr', 'Ann', "
        "'animator', 'h', 't')");
    tx.execute("INSERT INTO initiatives (name, created_at) VALUES ('Grappe', 't')");
  });
  ASSERT_EQ(schema_version(*db), 4);

  EXPECT_EQ(migrate(*db, core_migrations()), 1);
  EXPECT_EQ(schema_version(*db), 5);
  db->write([](Transaction& tx) {
    auto user = load_user_by_email(tx, "a@x.fr");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->name, "Ann");
    EXPECT_EQ(user->role, Role::animator);
    EXPECT_TRUE(user->initiative_roles.empty());
    replace_initiative_roles(tx, user->id, {{1, Role::observer}});
    EXPECT_EQ(load_user(tx, user->id)->role_on(1), Role::animator);
    EXPECT_THROW(replace_initiative_roles(tx, user->id, {{2, Role::observer}}), Error);
  });
  db->read([](Transaction& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) AS n FROM user_initiative_roles")->integer("n"), 1);
  });
}

GRAPPE_ON_EVERY_STORE(InitiativeRolesStore);

}  // namespace
}  // namespace grappe::workspace
