// The router answers every error kind with its HTTP status (docs/api.md, "Errors"): an
// InputError no service translated is a 400 naming the place, not a 500; io and internal
// errors are a 500 that does not leak their message.
#include "../../src/server/router.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "../workspace/test_databases.hpp"
#include "grappe/common/error.hpp"
#include "grappe/workspace/migrations.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

TEST(Router, EveryErrorKindGetsItsStatus) {
  auto db = workspace::open_database(test::fresh_database("sqlite"), 1);
  workspace::migrate(*db, workspace::core_migrations());
  workspace::Accounts accounts(*db);
  httplib::Server http;
  Router router(http, accounts);
  auto failing = [&router](const std::string& path, std::function<void()> fail) {
    router.add("GET", path, Access::anonymous, [fail](Context&) -> Reply {
      fail();
      return json::object();
    });
  };
  failing("/input", [] {
    throw InputError(SourceLocation{"c.json", 0, "candidates[0].rank", "x"}, "not a number");
  });
  failing("/missing",
          [] { throw Error(ErrorKind::not_found, "no_register", "the K-density needs a register"); });
  failing("/busy", [] { throw Error(ErrorKind::too_many, "busy", "try again"); });
  failing("/disk", [] { throw Error("/var/lib/secret: disk full", ErrorKind::io); });
  const int port = http.bind_to_any_port("127.0.0.1");
  std::thread serving([&http] { http.listen_after_bind(); });
  while (!http.is_running()) std::this_thread::yield();
  httplib::Client client("127.0.0.1", port);
  auto get = [&client](const char* path) {
    auto r = client.Get(path);
    return std::make_pair(r ? r->status : 0, r ? json::parse(r->body, nullptr, false) : json());
  };

  auto [status, body] = get("/input");
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["error"]["code"], "invalid");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("candidates[0].rank"), std::string::npos);
  std::tie(status, body) = get("/missing");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["error"]["code"], "no_register");
  EXPECT_EQ(get("/busy").first, 429);
  std::tie(status, body) = get("/disk");
  EXPECT_EQ(status, 500);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body.dump().find("secret"), std::string::npos);  // the log has it, the client not
  http.stop();
  serving.join();
}

}  // namespace
}  // namespace grappe::server
