// Account links (member invitations, resets), the first-login password rule, password change
// ending other sessions, the last-admin rule, and survey links given to new representatives.
#include "grappe/workspace/account_links.hpp"

#include <gtest/gtest.h>

#include "../thrown.hpp"
#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/migrations.hpp"
#include "grappe/workspace/survey.hpp"
#include "test_databases.hpp"

namespace grappe::workspace {
namespace {

const Actor kSystem{std::nullopt, "test"};
const std::string kNewPassword = "a brand new password";

using test::code_of;

class AccountLinksTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    db = open_database(test::fresh_database(GetParam()), 4);
    migrate(*db, core_migrations());
  }
  // Initiative 1 with one firm and its representative (e-mail given or not); returns the representative's id.
  std::int64_t representative(const std::string& email, const std::string& siret = "41194000000017") {
    Initiatives initiatives(*db, nullptr);
    if (initiatives.list(0, 1).total == 0) initiatives.create(kSystem, {.name = "Initiative"});
    auto member = initiatives.add_member(kSystem, 1, {.siret = siret, .name = "Firm " + siret});
    return initiatives.add_representative(kSystem, 1, member.id, {.name = "Marie", .email = email}).id;
  }
  std::unique_ptr<Database> db;
};

TEST_P(AccountLinksTest, AnInvitationLinkIsStoredHashedAndSetsThePasswordOnce) {
  AccountLinks links(*db);
  IssuedLink link = links.invite_representative(kSystem, representative("marie@firm.example"));
  EXPECT_EQ(link.token.size(), 64u);
  EXPECT_EQ(link.user.role, Role::member);
  EXPECT_EQ(link.user.email, "marie@firm.example");
  EXPECT_EQ(link.initiative_id, 1);
  db->read([&](Transaction& tx) {
    auto row = tx.query_one("SELECT token_hash FROM account_links");
    EXPECT_NE(row->text("token_hash"), link.token);
    EXPECT_EQ(row->text("token_hash"), hash_token(link.token));
  });
  EXPECT_EQ(links.inspect(link.token).purpose, "invitation");
  EXPECT_EQ(links.inspect(link.token).user.email, "marie@firm.example");
  Accounts accounts(*db);
  // No password works before the person chooses one.
  EXPECT_EQ(code_of([&] { accounts.login("marie@firm.example", kUnsetPassword, "c"); }), "bad_credentials");
  EXPECT_EQ(code_of([&] { links.redeem(link.token, "short"); }), "weak_password");
  EXPECT_EQ(links.redeem(link.token, kNewPassword).email, "marie@firm.example");
  EXPECT_EQ(accounts.login("marie@firm.example", kNewPassword, "c").user.role, Role::member);
  EXPECT_EQ(code_of([&] { links.redeem(link.token, "another long password"); }), "link_used");
  EXPECT_EQ(code_of([&] { links.inspect(std::string(64, 'a')); }), "not_found");
}

TEST_P(AccountLinksTest, LinksExpire) {
  AccountLinks links(*db);
  IssuedLink link =
      links.invite_representative(kSystem, representative("marie@firm.example"), std::chrono::seconds(-1));
  EXPECT_EQ(code_of([&] { links.inspect(link.token); }), "link_expired");
  EXPECT_EQ(code_of([&] { links.redeem(link.token, kNewPassword); }), "link_expired");
  auto reset = links.request_reset(kSystem, "marie@firm.example", std::chrono::seconds(-1));
  ASSERT_TRUE(reset);
  EXPECT_EQ(code_of([&] { links.redeem(reset->token, kNewPassword); }), "link_expired");
}

TEST_P(AccountLinksTest, ANewLinkReplacesTheOldOneAndResetNeedsAnAccount) {
  AccountLinks links(*db);
  auto rep = representative("Marie@Firm.example");
  IssuedLink first = links.invite_representative(kSystem, rep);
  IssuedLink second = links.invite_representative(kSystem, rep);  // resent: same account
  EXPECT_EQ(first.user.id, second.user.id);
  EXPECT_EQ(code_of([&] { links.inspect(first.token); }), "link_used");
  EXPECT_FALSE(links.request_reset(kSystem, "nobody@firm.example"));
  auto reset = links.request_reset(kSystem, "marie@firm.example");  // e-mails compare without case
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->purpose, "reset");
  EXPECT_EQ(code_of([&] { links.inspect(second.token); }), "link_used");
  links.redeem(reset->token, kNewPassword);
}

TEST_P(AccountLinksTest, MemberAccountsNeedAnEMailThatNoStaffAccountUses) {
  AccountLinks links(*db);
  EXPECT_EQ(code_of([&] { links.invite_representative(kSystem, representative("")); }), "no_email");
  Accounts(*db).create_user(kSystem, "staff@cci.example", "Staff", Role::animator, "a long staff password");
  auto rep = representative("staff@cci.example", "41194000000025");
  EXPECT_EQ(code_of([&] { links.invite_representative(kSystem, rep); }), "email_taken");
  EXPECT_EQ(code_of([&] { links.invite_representative(kSystem, 999); }), "not_found");
}

TEST_P(AccountLinksTest, InitialPasswordsMustChangeAndAChangeEndsOtherSessions) {
  Accounts accounts(*db);
  std::string initial = accounts.init_admin("root@cci.example");
  Session first = accounts.login("root@cci.example", initial, "c1");
  Session second = accounts.login("root@cci.example", initial, "c2");
  EXPECT_TRUE(first.user.must_change_password);
  EXPECT_EQ(code_of([&] { accounts.change_password(kSystem, first.user.id, initial, initial, first.token); }),
            "same_password");
  accounts.change_password(kSystem, first.user.id, initial, kNewPassword, first.token);
  auto still = accounts.session(first.token);
  ASSERT_TRUE(still);
  EXPECT_FALSE(still->user.must_change_password);
  EXPECT_FALSE(accounts.session(second.token));
  auto generated =
      accounts.create_user(kSystem, "new@cci.example", "", Role::observer, "generated password", true);
  EXPECT_TRUE(generated.must_change_password);
}

TEST_P(AccountLinksTest, TheLastEnabledAdminCannotBeDemotedDisabledOrDeleted) {
  Accounts accounts(*db);
  accounts.init_admin("root@cci.example");
  std::int64_t root = accounts.users().front().id;
  EXPECT_EQ(code_of([&] { accounts.update_user(kSystem, root, Role::animator, std::nullopt, std::nullopt); }),
            "last_admin");
  EXPECT_EQ(code_of([&] { accounts.update_user(kSystem, root, std::nullopt, std::nullopt, true); }),
            "last_admin");
  EXPECT_EQ(code_of([&] { accounts.delete_user(kSystem, root); }), "last_admin");
  auto other = accounts.create_user(kSystem, "second@cci.example", "", Role::admin, "a long admin password");
  accounts.update_user(kSystem, other.id, std::nullopt, std::nullopt, true);  // disabled admins do not count
  EXPECT_EQ(code_of([&] { accounts.delete_user(kSystem, root); }), "last_admin");
  accounts.update_user(kSystem, other.id, std::nullopt, std::nullopt, false);
  accounts.delete_user(kSystem, root);
  ASSERT_EQ(accounts.users().size(), 1u);
  EXPECT_EQ(code_of([&] { accounts.delete_user(kSystem, other.id); }), "last_admin");
}

TEST_P(AccountLinksTest, ARepresentativeAddedAfterTheSurveyGetsItsFirmsLinkOrAnOwnOne) {
  Initiatives initiatives(*db, nullptr);
  initiatives.create(kSystem, {.name = "Initiative"});
  auto member = initiatives.add_member(kSystem, 1, {.siret = "41194000000017", .name = "Firm"});
  Surveys surveys(*db);
  auto survey = surveys.create(kSystem, 1, {});
  std::string firm_link = surveys.create_invitations(kSystem, survey.id).at(0).token;
  initiatives.add_representative(kSystem, 1, member.id, {.name = "Marie", .email = "marie@firm.example"});
  initiatives.add_representative(kSystem, 1, member.id, {.name = "Paul", .email = "paul@firm.example"});
  std::string csv = surveys.mail_merge_csv(kSystem, survey.id, "https://x", false, "");
  EXPECT_NE(csv.find("marie@firm.example,Marie,Firm,41194000000017,fr,https://x/survey/" + firm_link),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("paul@firm.example,Paul,Firm"), std::string::npos) << csv;
  // A firm added after the links were made gets one, which its first representative takes.
  auto late = initiatives.add_member(kSystem, 1, {.siret = "41194000000025", .name = "Late"});
  initiatives.add_representative(kSystem, 1, late.id, {.name = "Zoé", .email = "zoe@late.example"});
  csv = surveys.mail_merge_csv(kSystem, survey.id, "https://x", false, "");
  EXPECT_NE(csv.find("zoe@late.example,Zoé,Late,41194000000025"), std::string::npos) << csv;
  EXPECT_EQ(surveys.invitations(survey.id).size(), 3u);
  auto all = initiatives.all_representatives(1);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].firm, "Firm");
  EXPECT_EQ(all[0].account_state, "none");
}

GRAPPE_ON_EVERY_STORE(AccountLinksTest);

}  // namespace
}  // namespace grappe::workspace
