// Survey submissions through personal links, concurrent: they share commits (write_grouped),
// each is stored or refused alone.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "grappe/workspace/errors.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/migrations.hpp"
#include "grappe/workspace/survey.hpp"
#include "test_databases.hpp"

namespace grappe::workspace {
namespace {

const Actor kSystem{std::nullopt, "test"};
constexpr int kFirms = 6;
constexpr const char* kSirets[kFirms] = {"41194000000002", "41194000000010", "41194000000028",
                                         "41194000000036", "41194000000044", "41194000000051"};

Submission answer(const std::string& text) { return {.language = "en", .answers = {{"needs", text}}}; }

class SurveySubmitTest : public ::testing::TestWithParam<std::string> {
 protected:
  // An open survey with one text question, and the personal links of kFirms firms.
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    db = open_database(test::fresh_database(GetParam()), 8);
    migrate(*db, core_migrations());
    Initiatives initiatives(*db, nullptr);
    initiatives.create(kSystem, {.name = "Initiative"});
    for (int i = 0; i < kFirms; ++i)
      initiatives.add_member(kSystem, 1, {.siret = kSirets[i], .name = "Firm " + std::to_string(i)});
    NewSurvey request;
    request.questions = {{.key = "needs", .kind = QuestionKind::text, .fr = "Besoins", .en = "Needs"}};
    Surveys surveys(*db);
    survey = surveys.create(kSystem, 1, request).id;
    for (const Invitation& invitation : surveys.create_invitations(kSystem, survey))
      tokens.push_back(invitation.token);
    surveys.set_status(kSystem, survey, "open");
  }

  // The stored answer of each link that has one.
  std::map<std::string, std::string> stored() {
    Surveys surveys(*db);
    std::map<std::string, std::string> out;
    for (const std::string& token : tokens)
      if (auto response = surveys.token_data(token).response)
        out[token] = std::get<std::string>(response->answers.at("needs"));
    return out;
  }

  std::unique_ptr<Database> db;
  std::int64_t survey = 0;
  std::vector<std::string> tokens;
};

// Every link answered from its own thread, each 20 times: the last answer of each is stored.
TEST_P(SurveySubmitTest, ConcurrentSubmissionsAreAllStored) {
  ASSERT_EQ(tokens.size(), static_cast<std::size_t>(kFirms));
  std::vector<std::thread> threads;
  for (const std::string& token : tokens)
    threads.emplace_back([&, token] {
      Surveys surveys(*db);
      for (int i = 1; i <= 20; ++i) surveys.submit(token, answer("answer " + std::to_string(i)));
    });
  for (auto& t : threads) t.join();
  const auto answers = stored();
  ASSERT_EQ(answers.size(), tokens.size());
  for (const auto& [token, text] : answers) EXPECT_EQ(text, "answer 20") << token;
  EXPECT_EQ(Surveys(*db).results(survey, false).responded, kFirms);
}

// Submissions gathered into one group: the invalid one and the one through an unknown link are
// refused alone, the others are stored.
TEST_P(SurveySubmitTest, AnInvalidSubmissionInAGroupIsRefusedAlone) {
  const std::string unknown(32, 'a');
  std::vector<std::pair<std::string, Submission>> sent;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    sent.emplace_back(tokens[i], answer("need " + std::to_string(i)));
  sent[2].second = {.language = "en", .answers = {{"no_such_question", std::string("x")}}};
  sent.emplace_back(unknown, answer("from nowhere"));
  db->gather_next_group(sent.size());
  std::vector<std::string> codes(sent.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < sent.size(); ++i)
    threads.emplace_back([&, i] {
      try {
        Surveys(*db).submit(sent[i].first, sent[i].second);
      } catch (const Error& e) {
        codes[i] = e.code();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(codes, (std::vector<std::string>{"", "", "unknown_question", "", "", "", "not_found"}));
  const auto answers = stored();
  EXPECT_EQ(answers.size(), tokens.size() - 1);
  EXPECT_FALSE(answers.count(tokens[2]));
  for (std::size_t i : {0u, 1u, 3u, 4u, 5u}) EXPECT_EQ(answers.at(tokens[i]), "need " + std::to_string(i));
}

GRAPPE_ON_EVERY_STORE(SurveySubmitTest);

}  // namespace
}  // namespace grappe::workspace
