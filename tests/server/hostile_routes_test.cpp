// Attacks on the API routes, in process (issue 16): each would crash the server, leak data or
// let a caller do more than its role allows before the fix. Transport-level attacks (ranges,
// chunked bodies, header floods) are replayed against a real server process by tests/server/hostile.
#include <gtest/gtest.h>

#include "api_harness.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

// `depth` arrays nested around `leaf`: 150,000 deep is 300 KB, under the 1 MiB body limit.
std::string nested(std::size_t depth, const std::string& leaf = "1") {
  return std::string(depth, '[') + leaf + std::string(depth, ']');
}

class HostileRoutesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    GRAPPE_SKIP_WITHOUT_STORE(GetParam());
    harness = std::make_unique<ApiHarness>(GetParam());
    admin = harness->client("admin");
  }
  void expect_too_deep(Client& client, const std::string& method, const std::string& path,
                       const std::string& body) {
    Response r = client.request(method, path, body);
    EXPECT_EQ(r.status, 400) << method << " " << path << ": " << r.raw.substr(0, 300);
    EXPECT_EQ(r.body["error"]["code"], "too_deep") << method << " " << path;
  }
  std::unique_ptr<ApiHarness> harness;
  std::unique_ptr<Client> admin;
};

// Copying a 150,000-deep parsed document overflowed the stack (SIGSEGV) before the limit.
TEST_P(HostileRoutesTest, DeeplyNestedBodiesAreRefusedOnEveryNamedRoute) {
  const std::size_t deep = 150'000;
  auto anonymous = harness->client("anonymous");
  expect_too_deep(*anonymous, "POST", "/api/v1/session",
                  R"({"email":"admin@test.fr","password":)" + nested(deep) + "}");
  expect_too_deep(*admin, "POST", "/api/v1/users",
                  R"({"email":"x@test.fr","role":"member","name":)" + nested(deep) + "}");
  expect_too_deep(*admin, "PATCH", "/api/v1/users/1", R"({"name":)" + nested(deep) + "}");
  expect_too_deep(*admin, "POST", "/api/v1/initiatives", R"({"name":"N","candidate":)" + nested(deep) + "}");

  // A survey with a scale question: the nested answer reached the scale check's copy.
  ASSERT_EQ(admin->post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  ASSERT_EQ(admin->post("/api/v1/initiatives/1/surveys").status, 201);
  json scale = {{"key", "trust"}, {"kind", "scale"}, {"fr", "Confiance"},
                {"en", "Trust"},  {"min", 1},        {"max", 5}};
  auto questions = admin->put("/api/v1/surveys/1/questions", {{"questions", {scale}}});
  ASSERT_EQ(questions.status, 200) << questions.raw;
  ASSERT_EQ(admin->post("/api/v1/surveys/1/invitations").status, 201);
  ASSERT_EQ(admin->post("/api/v1/surveys/1/open").status, 200);
  std::string token = admin->get("/api/v1/surveys/1/invitations").body["items"][0]["token"];
  expect_too_deep(*anonymous, "PUT", "/api/v1/survey/" + token,
                  R"({"answers":{"trust":)" + nested(deep) + "}}");

  // The server is still up, and ordinary depth still works (brackets inside strings do not count).
  EXPECT_EQ(anonymous->get("/api/v1/health").status, 200);
  auto fine = anonymous->put("/api/v1/survey/" + token, {{"answers", {{"trust", 4}}}, {"language", "fr"}});
  EXPECT_EQ(fine.status, 200) << fine.raw;
  auto strings = admin->post("/api/v1/users",
                             {{"email", "y@test.fr"}, {"role", "member"}, {"name", std::string(150, '[')}});
  EXPECT_EQ(strings.status, 201) << strings.raw;
  expect_too_deep(*admin, "POST", "/api/v1/initiatives", R"({"name":"N","candidate":)" + nested(65) + "}");
}

INSTANTIATE_TEST_SUITE_P(Stores, HostileRoutesTest, ::testing::ValuesIn(store_kinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace grappe::test
