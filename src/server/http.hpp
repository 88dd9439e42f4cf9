#pragma once
// Internal: grappe's HTTP layer on libmicrohttpd (docs/deploy.md, "HTTP engine"). One epoll
// thread per core reads requests and writes replies without blocking; handlers, which may
// block (an Argon2id login, a simulation waiting for its turn), run on a pool of workers while
// their connection is suspended. The bounds of ServerOptions (body, headers, connections,
// idle time) are enforced here, before a handler sees the request.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "grappe/server/server.hpp"

namespace grappe::server {

// Header names compare without case (RFC 9110).
struct CaseLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseLess>;

// The member names are those of cpp-httplib's, which the route files were written against.
struct Request {
  std::string method, path, body, remote_addr;
  Headers headers;
  std::multimap<std::string, std::string> params;  // decoded query arguments
  std::smatch matches;  // groups of the route pattern, into `path` (set by the router)
  int client_fd = -1;   // the connection's socket (libmicrohttpd's: only looked at)

  // True once the client has closed its connection or reset it: a long handler (a simulation)
  // asks between steps and stops, since nobody would read its reply. The connection is
  // suspended while a handler runs, so libmicrohttpd itself does not notice.
  bool client_gone() const;

  std::string get_header_value(const std::string& name) const;
  bool has_param(const std::string& name) const { return params.count(name) != 0; }
  std::string get_param_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // A static file is sent from its descriptor (sendfile), never read into memory: `file_fd`
  // (owned, closed by the layer) from `file_offset`, `file_length` bytes.
  int file_fd = -1;
  std::uint64_t file_offset = 0, file_length = 0;

  Response() = default;
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;
  ~Response();

  void set_header(const std::string& name, const std::string& value);  // replaces the field
  std::string get_header_value(const std::string& name) const;
  void set_content(std::string content, const std::string& type);
  void set_file(int fd, std::uint64_t offset, std::uint64_t length, const std::string& type);
};

// Writes a JSON error body {"error": {"code", "message"}} with this status.
void send_error(Response& res, int status, const std::string& code, const std::string& message);

class HttpServer {
 public:
  using Handler = std::function<void(Request&, Response&)>;
  HttpServer(const ServerOptions& options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Opens the listening socket (SO_REUSEADDR, never SO_REUSEPORT); returns the port.
  int bind();
  // Serves until stop(): queued handlers not yet started get 503, running ones finish.
  void run();
  // Safe from a signal handler (one write to a pipe).
  void stop();

  struct Engine;  // http.cpp

 private:
  std::unique_ptr<Engine> engine_;
};

}  // namespace grappe::server
