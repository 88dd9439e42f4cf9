// No acknowledged response is lost: firms submit concurrently while `grappe serve` is killed
// with SIGKILL and restarted, three times; after each restart every token's stored answer is
// at least as recent as the last one the server acknowledged with 200.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "../workspace/test_databases.hpp"

namespace grappe::test {
namespace {

using nlohmann::json;

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  close(fd);
  return ntohs(addr.sin_port);
}

// `grappe serve` as a child process; its stdout (the one-time password line) is captured.
struct ServerProcess {
  pid_t pid = -1;
  std::string first_line;

  void start(const std::string& db, int port, bool init_admin) {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    pid = fork();
    if (pid == 0) {
      dup2(out[1], 1);
      close(out[0]);
      std::vector<std::string> args = {GRAPPE_BINARY, "serve", "--db", db, "--port", std::to_string(port),
                                       "--web", "", "--survey-rate", "100000", "--candidates",
                                       std::string(GRAPPE_SOURCE_DIR) + "/tests/data/server/candidates.json"};
      if (init_admin) args.insert(args.end(), {"--init-admin", "admin@crash.test"});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(GRAPPE_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    if (init_admin) {
      char c;
      while (read(out[0], &c, 1) == 1 && c != '\n') first_line += c;
    }
    close(out[0]);
    httplib::Client probe("127.0.0.1", port);
    for (int i = 0; i < 200; ++i) {
      if (auto r = probe.Get("/api/v1/health"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the server did not start";
  }
  void kill_hard() {
    ::kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~ServerProcess() { if (pid > 0) kill_hard(); }
};

class CrashTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashTest, AcknowledgedResponsesSurviveSigkill) {
  GRAPPE_SKIP_WITHOUT_STORE(GetParam());
  std::string db = fresh_database(GetParam());
  int port = free_port();
  ServerProcess server;
  server.start(db, port, true);
  std::string password = server.first_line.substr(server.first_line.rfind(' ') + 1);

  httplib::Client admin("127.0.0.1", port);
  auto login = admin.Post("/api/v1/session", json{{"email", "admin@crash.test"}, {"password", password}}.dump(),
                          "application/json");
  ASSERT_TRUE(login && login->status == 200) << (login ? login->body : "no reply");
  std::string cookie = login->get_header_value("Set-Cookie");
  httplib::Headers headers = {{"Cookie", cookie.substr(0, cookie.find(';'))},
                              {"X-CSRF-Token", json::parse(login->body)["csrf_token"].get<std::string>()}};
  // The printed password must be replaced before anything else.
  auto changed = admin.Put("/api/v1/session/password", headers,
                           json{{"current", password}, {"password", "the crash test's own password"}}.dump(),
                           "application/json");
  ASSERT_TRUE(changed && changed->status == 200) << (changed ? changed->body : "no reply");
  auto post = [&](const std::string& path, const json& body) {
    auto r = admin.Post(path.c_str(), headers, body.dump(), "application/json");
    EXPECT_TRUE(r && r->status < 300) << path << ": " << (r ? r->body : "no reply");
    return json::parse(r ? r->body : "null", nullptr, false);
  };
  post("/api/v1/initiatives", {{"name", "Crash"}, {"candidate_index", 0}});
  for (int i = 0; i < 36; ++i)
    post("/api/v1/initiatives/1/members", {{"siret", "9" + std::string(9, '0') + std::to_string(1000 + i)}, {"name", "F"}});
  post("/api/v1/initiatives/1/surveys", json::object());
  json invitations = post("/api/v1/surveys/1/invitations", json::object());
  post("/api/v1/surveys/1/open", json::object());
  std::vector<std::string> tokens;
  for (const json& i : invitations["items"]) tokens.push_back(i["token"]);
  ASSERT_EQ(tokens.size(), 48u);

  std::map<std::string, int> acknowledged;  // token → last seq answered 200
  std::mutex mutex;
  int total_acks = 0;
  for (int round = 0; round < 3; ++round) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t)
      clients.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        int seq = round * 1'000'000;
        while (!stop) {
          for (std::size_t k = t; k < tokens.size() && !stop; k += 8) {
            ++seq;
            json body = {{"answers", {{"interest", "yes"}, {"consent", "yes"}, {"needs_detail", std::to_string(seq)}}}};
            auto r = c.Put(("/api/v1/survey/" + tokens[k]).c_str(), body.dump(), "application/json");
            if (!r) continue;  // the server is down: nothing was acknowledged
            if (r->status == 200) {
              std::lock_guard lock(mutex);
              acknowledged[tokens[k]] = seq;
              ++total_acks;
            }
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.kill_hard();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    for (auto& c : clients) c.join();
    server.start(db, port, false);

    httplib::Client reader("127.0.0.1", port);
    for (const auto& [token, seq] : acknowledged) {
      auto r = reader.Get(("/api/v1/survey/" + token).c_str());
      ASSERT_TRUE(r && r->status == 200) << token;
      json stored = json::parse(r->body)["response"];
      ASSERT_FALSE(stored.is_null()) << "acknowledged response lost for " << token;
      int stored_seq = std::stoi(stored["answers"]["needs_detail"].get<std::string>());
      EXPECT_GE(stored_seq, seq) << "round " << round << ": token " << token << " lost an acknowledged edit";
    }
  }
  EXPECT_GT(total_acks, 100) << "too few submissions were acknowledged for the test to mean anything";
  std::printf("crash test (%s): %d acknowledged submissions over 3 SIGKILLs, none lost\n", GetParam().c_str(), total_acks);
}

GRAPPE_ON_EVERY_STORE(CrashTest);

}  // namespace
}  // namespace grappe::test
