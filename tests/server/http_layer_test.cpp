// The bounds of the HTTP layer (src/server/http.cpp, libmicrohttpd) that cpp-httplib 0.11 did
// not have: header bytes, connections per address, idle connections, slow clients holding
// threads, one range at most. Loopback only; waits are bounds, never timing assertions.
#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

#include "../../src/server/http.hpp"
#include "api_harness.hpp"

namespace grappe::test {
namespace {

// True when the server closes `fd` (reads EOF or a reset) within `seconds`.
bool closed_by_server(int fd, int seconds) {
  pollfd p{fd, POLLIN, 0};
  char buffer[4096];
  for (int waited = 0; waited < seconds * 10; ++waited) {
    if (::poll(&p, 1, 100) > 0) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n <= 0) return true;
    }
  }
  return false;
}

class HttpLayerTest : public ::testing::Test {
 protected:
  void start(server::ServerOptions options) { harness = std::make_unique<ApiHarness>("sqlite", options); }
  std::string health() {
    return raw_exchange(harness->port(),
                        "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }
  std::unique_ptr<ApiHarness> harness;
};

// cpp-httplib read any amount of headers under 100 fields (each line up to 8 KB); the
// connection's memory (32 KiB by default) now bounds them all.
TEST_F(HttpLayerTest, HeadersBeyondTheConnectionMemoryAreRefused) {
  start({});
  std::string headers;
  for (int i = 0; i < 50; ++i)
    headers += "X-Big-" + std::to_string(i) + ": " + std::string(2000, 'y') + "\r\n";
  std::string reply = raw_exchange(
      harness->port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
  EXPECT_EQ(status_of(reply), 431) << reply.substr(0, 300);
  // 100,000 fields (about 2 MB) are refused at the same bound, without reading them all.
  headers.clear();
  for (int i = 0; i < 100'000; ++i) headers += "X-Flood-" + std::to_string(i) + ": y\r\n";
  reply = raw_exchange(harness->port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
  EXPECT_TRUE(status_of(reply) == 431 || reply.empty()) << reply.substr(0, 300);
  EXPECT_EQ(status_of(health()), 200);
}

// One address may hold a bounded number of connections; the others get theirs closed at once.
TEST_F(HttpLayerTest, ConnectionsPerAddressAreBounded) {
  server::ServerOptions options;
  options.max_connections_per_address = 4;
  start(options);
  std::vector<int> held;
  for (int i = 0; i < 4; ++i) held.push_back(connect_to(harness->port()));
  int extra = connect_to(harness->port());
  ASSERT_GE(extra, 0);
  EXPECT_TRUE(closed_by_server(extra, 30));
  ::close(extra);
  ::close(held.back());
  held.pop_back();
  // The slot comes back once the server has seen the close (a bounded retry, not a timing check).
  bool answered = false;
  for (int i = 0; i < 100 && !answered; ++i) {
    answered = status_of(health()) == 200;
    if (!answered) ::poll(nullptr, 0, 100);
  }
  EXPECT_TRUE(answered);
  for (int fd : held) ::close(fd);
}

// A connection that stops sending is closed after the idle timeout (cpp-httplib: 10 s read
// timeout per read, so a byte every few seconds held a thread for ever).
TEST_F(HttpLayerTest, IdleConnectionsAreClosed) {
  server::ServerOptions options;
  options.idle_timeout_seconds = 1;
  start(options);
  int fd = connect_to(harness->port());
  ASSERT_GE(fd, 0);
  ASSERT_GT(::send(fd, "GET /api/v1/health HTTP/1.1\r\nHost:", 34, MSG_NOSIGNAL), 0);
  EXPECT_TRUE(closed_by_server(fd, 60));
  ::close(fd);
}

// Slow clients no longer hold threads: with 8 handler workers (cpp-httplib: 8 threads, one
// per connection), 64 connections sending half a request leave the server free to answer.
TEST_F(HttpLayerTest, SlowClientsDoNotStarveTheServer) {
  server::ServerOptions options;
  options.threads = 8;
  start(options);
  std::vector<int> slow;
  for (int i = 0; i < 64; ++i) {
    int fd = connect_to(harness->port());
    ASSERT_GE(fd, 0);
    ::send(fd, "PUT /api/v1/survey/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{", 63, MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  EXPECT_EQ(status_of(health()), 200);
  for (int fd : slow) ::close(fd);
}

// One range is served (206), several get the file once (200), one past the end gets 416.
TEST_F(HttpLayerTest, AtMostOneRangeIsServed) {
  auto web = std::filesystem::temp_directory_path() / ("grappe-range-" + std::to_string(::getpid()));
  std::filesystem::create_directories(web);
  std::ofstream(web / "index.html") << "0123456789";
  server::ServerOptions options;
  options.web_dir = web.string();
  start(options);
  auto get = [&](const std::string& range) {
    return raw_exchange(harness->port(), "GET /index.html HTTP/1.1\r\nHost: x\r\nRange: " + range +
                                             "\r\nConnection: close\r\n\r\n");
  };
  std::string reply = get("bytes=2-4");
  EXPECT_EQ(status_of(reply), 206);
  EXPECT_NE(reply.find("Content-Range: bytes 2-4/10"), std::string::npos) << reply;
  EXPECT_EQ(reply.substr(reply.size() - 3), "234");
  reply = get("bytes=-2");
  EXPECT_EQ(status_of(reply), 206);
  EXPECT_EQ(reply.substr(reply.size() - 2), "89");
  reply = get("bytes=0-1,3-4");
  EXPECT_EQ(status_of(reply), 200);
  EXPECT_EQ(reply.substr(reply.size() - 10), "0123456789");
  EXPECT_EQ(status_of(get("bytes=10-")), 416);
  harness.reset();
  std::filesystem::remove_all(web);
}

// libmicrohttpd bounds idle connections only: a request queued behind busy workers waited for
// as long as they were busy. Past the queue deadline it is answered 503 with Retry-After, on
// time, while the only worker is still held (the slow handler is released only afterwards).
TEST(HttpQueueDeadline, ARequestWaitingPastTheDeadlineGets503WhileWorkersAreBusy) {
  server::ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.queue_deadline_seconds = 0.2;
  options.retry_after_seconds = 7;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> slow_started{false};
  server::HttpServer http(options, [&](server::Request& req, server::Response& res) {
    if (req.path == "/slow") {
      slow_started = true;
      released.wait();
    }
    res.set_content("{}", "application/json");
  });
  const int port = http.bind();
  std::thread serving([&] { http.run(); });
  std::thread slow_client([&] {
    EXPECT_EQ(status_of(raw_exchange(port, "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
              200);
  });
  for (int i = 0; i < 1000 && !slow_started; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(slow_started);
  const std::string queued = raw_exchange(port, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(queued), 503) << queued;
  EXPECT_NE(queued.find("Retry-After: 7"), std::string::npos) << queued;
  EXPECT_NE(queued.find("\"overloaded\""), std::string::npos) << queued;
  release.set_value();
  slow_client.join();
  EXPECT_EQ(status_of(raw_exchange(port, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 200);
  http.stop();
  serving.join();
}

}  // namespace
}  // namespace grappe::test
