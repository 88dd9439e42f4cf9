#pragma once
// `grappe serve`: the workspace's JSON API under /api/v1 (docs/api.md) and the static web app.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"
#include "grappe/workspace/initiatives.hpp"

namespace grappe::server {

struct ServerOptions {
  std::string database = "grappe.db";   // SQLite file or postgresql:// URL
  std::string register_path;            // optional: firms added by siret are looked up here
  std::string candidates_path;          // optional: scan output offered as initiative templates
  std::string bind = "127.0.0.1";
  int port = 8080;                      // 0: any free port (tests)
  std::string web_dir = "web/dist";     // static files; absent → API only
  std::string public_url;               // base of survey links; default http://bind:port
  int db_connections = 32;

  // HTTP layer (libmicrohttpd; docs/deploy.md, "Limits"). Connections are served by `io_threads`
  // event loops; handlers run on `threads` workers (a connection holds one only while its
  // request is being handled).
  int threads = 32;                     // handler workers (Argon2id logins and queued runs block one)
  int io_threads = 0;                   // epoll threads reading and writing (0: one per core)
  std::size_t max_body_bytes = 1 << 20; // request body, chunked or not (413 past it)
  int max_headers = 100;                // header fields of a request (431 past it)
  // Memory of one connection: request line, headers, read buffer. libmicrohttpd 0.9.75 takes a
  // pool of up to 32 KiB from malloc and a larger one from mmap: unmapping it at every closed
  // connection flushed the other cores' TLBs (server CPU per new-connection request on the
  // bench: 571 µs at 64 KiB, 205 µs at 32 KiB).
  std::size_t max_header_bytes = 32 << 10;
  int max_connections = 1000;           // open connections in all (more wait in the backlog)
  int max_connections_per_address = 256;  // from one client address (behind nginx: its loopback addresses)
  int idle_timeout_seconds = 10;        // a connection silent this long is closed
  double queue_deadline_seconds = 10;   // a request not handled this long after it arrived: 503 (0: none)
  int retry_after_seconds = 5;          // Retry-After of that 503
  int listen_backlog = 1024;            // connections the kernel queues before accept
  double survey_rate_per_token = 5;     // sustained requests/s per survey token (burst 20)

  // E-mail (docs/workspace.md, "Contacts and e-mail"): with no SMTP URL, messages stay in the
  // outbox the animator reads. The SMTP password comes from GRAPPE_SMTP_PASSWORD, never a flag.
  std::string smtp_url;                 // smtp://host:port, smtps://host:port; smtp://localhost:25 for the host's MTA
  std::string mail_from;                // envelope and From: address (required with smtp_url)
  std::string mail_from_name = "grappe";
  std::string smtp_user;                // optional SMTP AUTH user

  // Analyses offered to the web app (docs/api.md, "Analyses").
  std::string founders_path;            // optional founders/directors CSV for the lineage (docs/lineage.md)
  std::string salt_file;                // salt for re-hashing person ids; empty: lineage's default
  std::size_t kd_simulations = 99;      // Monte Carlo simulations of a candidate's K-density envelope
  std::uint64_t kd_seed = 1;            // master seed of those simulations (as `grappe kd --seed`)
  int analysis_jobs = 1;                // K-density and simulation runs computed at once
  int analysis_threads = 0;             // threads those runs share (0: all cores)
  int analysis_queue = 16;              // requests waiting for a run; more get 429 "busy"
  int max_replications = 5000;          // POST /simulations: replications allowed
  double max_simulation_work = 1e8;     // firms × replications × months allowed in one simulation
};

// Who may call a route: the public survey (token) and anonymous routes need no session.
enum class Access { anonymous, token, member, observer, animator, admin };
std::string to_string(Access access);

struct RouteInfo {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // "/api/v1/initiatives/{id}"
  Access access;
};

class ApiServer {
 public:
  // Opens the store and runs its migrations; loads the register and candidates if given.
  // `directory` overrides the register lookup (tests).
  explicit ApiServer(ServerOptions options, std::unique_ptr<workspace::FirmDirectory> directory = nullptr);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the socket; returns the port (useful with port 0). Throws grappe::Error if busy.
  int bind();
  // Serves until stop(); bind() first.
  void run();
  void stop();

  workspace::Database& database();
  workspace::Accounts& accounts();
  const std::vector<RouteInfo>& routes() const;

  struct Impl;  // server_impl.hpp (shared with the route files)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace grappe::server
