// Contacts and e-mail through the API: firms and representatives, member accounts invited by
// link, a member acting only for its firm, survey e-mail with preview through an SMTP sink, the
// outbox without SMTP, the first-login password rule, password reset, user management and the
// warning before a second initiative on one candidate.
#include <gtest/gtest.h>

#include <regex>

#include "../mail/smtp_sink.hpp"
#include "api_harness.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

// The token of the last /#/password/ link in the outbox (as the recipient would click it).
std::string last_link_token(Client& reader) {
  Response log = reader.get("/api/v1/mail");
  for (const auto& m : log.body["items"]) {
    std::smatch match;
    std::string body = m["body"];
    if (std::regex_search(body, match, std::regex("/#/password/([0-9a-f]{64})"))) return match[1];
  }
  return "";
}

class ContactsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ContactsTest, AFirmsMemberAccountIsInvitedByLinkAndActsOnlyForItsFirm) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto animator = harness.client("animator");
  ASSERT_EQ(animator->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  auto firm = animator->post("/api/v1/initiatives/1/members",
                             {{"siret", "12345678900011"}, {"name", "Menuiserie Test"}});
  ASSERT_EQ(firm.status, 201) << firm.raw;
  std::int64_t own = firm.body["id"], other = 1;
  auto rep =
      animator->post("/api/v1/initiatives/1/members/" + std::to_string(own) + "/representatives",
                     {{"name", "Marie Curie"}, {"email", "marie@menuiserie.example"}, {"language", "en"}});
  ASSERT_EQ(rep.status, 201) << rep.raw;
  const std::string account =
      "/api/v1/representatives/" + std::to_string(rep.body["id"].get<int>()) + "/account";

  // The preview names the person and carries no working link.
  auto preview = animator->post(account, {{"preview", true}});
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_EQ(preview.body["message"]["to"], "marie@menuiserie.example");
  EXPECT_NE(preview.body["message"]["body"].get<std::string>().find("Hello Marie Curie"), std::string::npos);
  EXPECT_EQ(preview.body["message"]["body"].get<std::string>().find("/#/password/"), std::string::npos);
  EXPECT_EQ(last_link_token(*animator), "");

  // Without SMTP the invitation waits in the outbox the animator reads.
  auto invited = animator->post(account, json::object());
  ASSERT_EQ(invited.status, 201) << invited.raw;
  EXPECT_EQ(invited.body["mail"]["status"], "outbox");
  EXPECT_EQ(invited.body["user"]["role"], "member");
  auto reps = animator->get("/api/v1/initiatives/1/representatives");
  EXPECT_EQ(reps.body["items"][0]["account"]["state"], "invited") << reps.raw;
  std::string token = last_link_token(*animator);
  ASSERT_EQ(token.size(), 64u);

  auto anonymous = harness.client("anonymous");
  EXPECT_EQ(anonymous->get("/api/v1/account-links/" + token).body["email"], "marie@menuiserie.example");
  auto set = anonymous->post("/api/v1/account-links/" + token, {{"password", "marie's own password"}});
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(anonymous->post("/api/v1/account-links/" + token, {{"password", "marie's own password"}}).status,
            410);
  EXPECT_EQ(animator->get("/api/v1/initiatives/1/representatives").body["items"][0]["account"]["state"],
            "active");

  Client member(harness.port());
  ASSERT_EQ(member.login("marie@menuiserie.example", "marie's own password").status, 200);
  auto mine =
      member.post("/api/v1/initiatives/1/needs", {{"member_id", own}, {"text", "Acheter du bois ensemble"}});
  EXPECT_EQ(mine.status, 201) << mine.raw;
  auto theirs = member.post("/api/v1/initiatives/1/needs", {{"member_id", other}, {"text", "Pas ma firme"}});
  EXPECT_EQ(theirs.status, 403);
  EXPECT_EQ(theirs.body["error"]["code"], "not_representative");
  EXPECT_EQ(
      member.patch("/api/v1/representatives/" + std::to_string(rep.body["id"].get<int>()), {{"name", "X"}})
          .status,
      403);
  EXPECT_EQ(member.del("/api/v1/initiatives/1/members/" + std::to_string(other)).status, 403);
}

TEST_P(ContactsTest, SurveyLinksGoByEMailAfterAPreviewAndRemindersSkipResponders) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  SmtpSink sink;
  server::ServerOptions options;
  options.smtp_url = sink.url();
  options.mail_from = "cci@cci.example";
  options.public_url = "https://grappe.cci.example";
  ApiHarness harness(GetParam(), options);
  auto animator = harness.client("animator");
  ASSERT_EQ(animator->post("/api/v1/initiatives", {{"name", "Agencement"}, {"candidate_index", 0}}).status,
            201);
  ASSERT_EQ(animator->post("/api/v1/initiatives/1/surveys").status, 201);
  ASSERT_LT(animator->post("/api/v1/surveys/1/invitations").status, 300);
  // Representatives added after the links were made take their firm's link.
  for (int m : {1, 2})
    ASSERT_EQ(animator
                  ->post("/api/v1/initiatives/1/members/" + std::to_string(m) + "/representatives",
                         {{"name", "Rep " + std::to_string(m)},
                          {"email", "rep" + std::to_string(m) + "@firm.example"}})
                  .status,
              201);
  auto csv = animator->get("/api/v1/surveys/1/mail-merge.csv");
  EXPECT_NE(csv.raw.find("\r\nrep1@firm.example,Rep 1,"), std::string::npos) << csv.raw;

  auto preview = animator->post("/api/v1/surveys/1/mailings", {{"kind", "invitation"}, {"preview", true}});
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_EQ(preview.body["recipients"], 2);
  EXPECT_TRUE(preview.body["relay"].get<bool>());
  EXPECT_GE(preview.body["without_email"].size(), 1u);
  EXPECT_NE(preview.body["messages"][0]["body"].get<std::string>().find("https://grappe.cci.example/survey/"),
            std::string::npos);
  EXPECT_TRUE(sink.messages().empty());
  // A draft survey's links do not work yet: sending waits for it to open.
  EXPECT_EQ(animator->post("/api/v1/surveys/1/mailings", {{"kind", "invitation"}}).body["error"]["code"],
            "survey_not_open");
  ASSERT_EQ(animator->post("/api/v1/surveys/1/open").status, 200);
  auto sent = animator->post("/api/v1/surveys/1/mailings", {{"kind", "invitation"}});
  ASSERT_EQ(sent.status, 200) << sent.raw;
  EXPECT_EQ(sent.body["sent"], 2);
  ASSERT_TRUE(sink.wait_for(2));
  EXPECT_NE(sink.messages()[0].data.find("From: \"grappe\" <cci@cci.example>"), std::string::npos);
  auto invitations = animator->get("/api/v1/surveys/1/invitations");
  int stamped = 0;
  for (const auto& i : invitations.body["items"])
    stamped += i["invited_at"].is_string() && !i["invited_at"].get<std::string>().empty();
  EXPECT_EQ(stamped, 2) << invitations.raw;

  // One firm answers: the reminder goes to the other only.
  std::string token;
  for (const auto& i : invitations.body["items"])
    if (i.value("email", "") == "rep1@firm.example") token = i["token"];
  ASSERT_FALSE(token.empty()) << invitations.raw;
  auto anonymous = harness.client("anonymous");
  ASSERT_EQ(
      anonymous->put("/api/v1/survey/" + token, {{"answers", {{"consent", "yes"}, {"interest", "yes"}}}})
          .status,
      200);
  auto reminded = animator->post("/api/v1/surveys/1/mailings", {{"kind", "reminder"}});
  EXPECT_EQ(reminded.body["sent"], 1) << reminded.raw;
  EXPECT_EQ(reminded.body["already_responded"], 1);
  ASSERT_TRUE(sink.wait_for(3));
  EXPECT_NE(sink.messages()[2].to.find("rep2@firm.example"), std::string::npos);
  auto log = animator->get("/api/v1/mail?initiative=1");
  EXPECT_EQ(log.body["total"], 3);
  EXPECT_EQ(log.body["items"][0]["kind"], "survey_reminder");
  EXPECT_EQ(log.body["items"][0]["status"], "sent");
}

TEST_P(ContactsTest, AGeneratedPasswordMustBeChangedAndTheChangeEndsOtherSessions) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto admin = harness.client("admin");
  auto created = admin->post("/api/v1/users", {{"email", "new@cci.example"}, {"role", "animator"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  std::string initial = created.body["one_time_password"];
  Client first(harness.port()), second(harness.port());
  auto login = first.login("new@cci.example", initial);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.body["user"]["must_change_password"].get<bool>());
  ASSERT_EQ(second.login("new@cci.example", initial).status, 200);
  auto refused = first.get("/api/v1/initiatives");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body["error"]["code"], "password_change_required");
  EXPECT_EQ(first.get("/api/v1/session").status, 200);
  auto changed =
      first.put("/api/v1/session/password", {{"current", initial}, {"password", "my own long password"}});
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(first.get("/api/v1/initiatives").status, 200);
  EXPECT_FALSE(first.get("/api/v1/session").body["user"]["must_change_password"].get<bool>());
  EXPECT_EQ(second.get("/api/v1/session").status, 401);  // the other session ended
}

TEST_P(ContactsTest, PasswordResetByLinkAnswersTheSameForUnknownAddresses) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto anonymous = harness.client("anonymous");
  EXPECT_EQ(anonymous->post("/api/v1/password-reset", {{"email", "nobody@cci.example"}}).status, 202);
  EXPECT_EQ(anonymous->post("/api/v1/password-reset", {{"email", "Animator@test.fr"}}).status, 202);
  EXPECT_EQ(anonymous->post("/api/v1/password-reset", {{"email", "not an address"}}).status, 400);
  auto admin = harness.client("admin");
  auto animator = harness.client("animator");
  // Reset links open any account: only admins read them in the outbox.
  EXPECT_EQ(last_link_token(*animator), "");
  std::string token = last_link_token(*admin);
  ASSERT_EQ(token.size(), 64u);
  EXPECT_EQ(anonymous->get("/api/v1/account-links/" + token).body["purpose"], "reset");
  ASSERT_EQ(
      anonymous->post("/api/v1/account-links/" + token, {{"password", "a fresh animator password"}}).status,
      200);
  EXPECT_EQ(animator->get("/api/v1/session").status, 401);  // sessions end with the reset
  Client again(harness.port());
  EXPECT_EQ(again.login("animator@test.fr", kPassword).status, 401);
  EXPECT_EQ(again.login("animator@test.fr", "a fresh animator password").status, 200);
}

TEST_P(ContactsTest, AdminsManageUsersButNeverRemoveTheLastAdmin) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto admin = harness.client("admin");
  auto users = admin->get("/api/v1/users");
  std::int64_t admin_id = 0;
  for (const auto& u : users.body["items"])
    if (u["role"] == "admin") admin_id = u["id"];
  const std::string self = "/api/v1/users/" + std::to_string(admin_id);
  EXPECT_EQ(admin->del(self).body["error"]["code"], "last_admin");
  EXPECT_EQ(admin->patch(self, {{"role", "animator"}}).body["error"]["code"], "last_admin");
  EXPECT_EQ(admin->patch(self, {{"disabled", true}}).body["error"]["code"], "last_admin");
  auto invited = admin->post("/api/v1/users/invitations", {{"email", "boss@cci.example"}, {"role", "admin"}});
  ASSERT_EQ(invited.status, 201) << invited.raw;
  EXPECT_EQ(invited.body["mail"]["status"], "outbox");
  std::string token = last_link_token(*admin);
  auto anonymous = harness.client("anonymous");
  ASSERT_EQ(anonymous->post("/api/v1/account-links/" + token, {{"password", "the boss password"}}).status,
            200);
  EXPECT_EQ(admin->get("/api/v1/users").body["total"], 5);
  EXPECT_EQ(admin->del(self).status, 204);  // another admin exists now
  EXPECT_EQ(admin->get("/api/v1/users").status, 401);
}

TEST_P(ContactsTest, ASecondInitiativeOnOneCandidateNeedsForce) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  ApiHarness harness(GetParam());
  auto animator = harness.client("animator");
  ASSERT_EQ(animator->post("/api/v1/initiatives", {{"name", "First"}, {"candidate_index", 0}}).status, 201);
  auto again = animator->post("/api/v1/initiatives", {{"name", "Second"}, {"candidate_index", 0}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["error"]["code"], "candidate_taken");
  EXPECT_EQ(again.body["error"]["existing"]["name"], "First");
  EXPECT_EQ(
      animator->post("/api/v1/initiatives", {{"name", "Second"}, {"candidate_index", 0}, {"force", true}})
          .status,
      201);
  EXPECT_EQ(animator->post("/api/v1/initiatives", {{"name", "By hand"}}).status, 201);
  EXPECT_EQ(animator->post("/api/v1/initiatives", {{"name", "By hand"}}).status,
            201);  // no candidate: no warning
}

GRAPPE_ON_EVERY_STORE(ContactsTest);

}  // namespace
}  // namespace grappe::test
