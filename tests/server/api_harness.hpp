#pragma once
// An in-process API server on a free port with a fresh store, accounts for every role, and a
// small JSON client that keeps a session cookie and CSRF token.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "../workspace/test_databases.hpp"
#include "grappe/server/server.hpp"

namespace grappe::test {

struct Response {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  std::string header(const std::string& name) const { return headers.count(name) ? headers.at(name) : ""; }
  std::map<std::string, std::string> headers;
};

class Client {
 public:
  // httplib's default 5 s read timeout would turn a slow answer on a busy CI machine (a Kd with
  // its simulations, an Argon2 login) into a failed request: the bound here is generous, since
  // no test asserts on speed.
  explicit Client(int port) : http_("127.0.0.1", port) {
    http_.set_keep_alive(true);
    http_.set_read_timeout(120, 0);
    http_.set_write_timeout(120, 0);
  }

  Response request(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& type = "application/json", bool with_csrf = true) {
    httplib::Headers headers;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (with_csrf && !csrf_.empty()) headers.emplace("X-CSRF-Token", csrf_);
    httplib::Result r = method == "GET"      ? http_.Get(path.c_str(), headers)
                        : method == "DELETE" ? http_.Delete(path.c_str(), headers, body, type.c_str())
                        : method == "POST"   ? http_.Post(path.c_str(), headers, body, type.c_str())
                        : method == "PUT"    ? http_.Put(path.c_str(), headers, body, type.c_str())
                                             : http_.Patch(path.c_str(), headers, body, type.c_str());
    Response out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    for (const auto& [k, v] : r->headers) out.headers[k] = v;
    out.body = nlohmann::json::parse(r->body, nullptr, false);
    return out;
  }
  Response get(const std::string& path) { return request("GET", path); }
  Response post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return request("POST", path, body.dump());
  }
  Response put(const std::string& path, const nlohmann::json& body) { return request("PUT", path, body.dump()); }
  Response patch(const std::string& path, const nlohmann::json& body) { return request("PATCH", path, body.dump()); }
  Response del(const std::string& path) { return request("DELETE", path, ""); }

  Response login(const std::string& email, const std::string& password) {
    Response r = post("/api/v1/session", {{"email", email}, {"password", password}});
    std::string set_cookie = r.header("Set-Cookie");
    if (r.status == 200) {
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
      csrf_ = r.body["csrf_token"];
    }
    return r;
  }
  void forget_csrf() { csrf_.clear(); }
  // The session's request headers, for a test that writes its request by hand.
  std::string session_headers() const { return "Cookie: " + cookie_ + "\r\nX-CSRF-Token: " + csrf_ + "\r\n"; }
  void set_csrf(const std::string& csrf) { csrf_ = csrf; }

 private:
  httplib::Client http_;
  std::string cookie_, csrf_;
};

// Firms the "register" knows in tests.
class FakeDirectory : public workspace::FirmDirectory {
 public:
  std::optional<workspace::Firm> find(const std::string& siret) const override {
    if (siret != "41194000000017") return std::nullopt;
    return workspace::Firm{siret, "Agencement Sologne", "3 rue des Forges 41200 Romorantin", "Romorantin-Lanthenay",
                           25.0, 1.74, 47.36};
  }
};

inline const std::string kPassword = "a long test password";

class ApiHarness {
 public:
  explicit ApiHarness(const std::string& store, server::ServerOptions options = {}) {
    options.database = fresh_database(store);
    options.port = 0;
    if (options.web_dir == server::ServerOptions{}.web_dir)
      options.web_dir = "";  // API only unless a test serves files
    if (options.candidates_path.empty())
      options.candidates_path = std::string(GRAPPE_SOURCE_DIR) + "/tests/data/server/candidates.json";
    server_ = std::make_unique<server::ApiServer>(options, std::make_unique<FakeDirectory>());
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
    for (const std::string role : {"admin", "animator", "observer", "member"}) add_user(role, role);
  }
  // An account "<name>@test.fr" with this role and the shared test password.
  void add_user(const std::string& name, const std::string& role) {
    // One Argon2id hash per test process (each costs a third of a second here), shared by
    // every account.
    static const std::string hash = workspace::hash_password(kPassword);
    server_->database().write([&](workspace::Transaction& tx) {
      tx.execute("INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                 {name + "@test.fr", name, role, hash, workspace::now_iso8601()});
    });
  }
  ~ApiHarness() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  server::ApiServer& server() { return *server_; }
  // A client logged in with this role ("anonymous": not logged in).
  std::unique_ptr<Client> client(const std::string& role) {
    auto c = std::make_unique<Client>(port_);
    if (role != "anonymous") {
      auto r = c->login(role + "@test.fr", kPassword);
      EXPECT_EQ(r.status, 200) << r.raw;
    }
    return c;
  }

 private:
  std::unique_ptr<server::ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// Initiative 1 from candidate 0 with survey 1 (default questions) open, one link per firm: its
// invitations.
inline nlohmann::json open_survey(Client& staff) {
  EXPECT_EQ(staff.post("/api/v1/initiatives", {{"name", "A"}, {"candidate_index", 0}}).status, 201);
  for (const std::string path : {"/api/v1/initiatives/1/surveys", "/api/v1/surveys/1/invitations"})
    EXPECT_EQ(staff.post(path).status, 201) << path;
  EXPECT_EQ(staff.post("/api/v1/surveys/1/open").status, 200);
  return staff.get("/api/v1/surveys/1/invitations").body["items"];
}

// A connected socket to the server (-1 if refused).
inline int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends raw bytes to the server and returns what it answers until it closes the connection
// (or 10 s pass: a bound, not a timing assertion).
inline std::string raw_exchange(int port, const std::string& request) {
  const int fd = connect_to(port);
  if (fd < 0) return "";
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0 && reply.size() < (64u << 20);)
    reply.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return reply;
}

inline int status_of(const std::string& reply) { return reply.size() > 12 ? std::atoi(reply.c_str() + 9) : 0; }

}  // namespace grappe::test
