#include <sys/socket.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grappe/common/error.hpp"
#include "grappe/workspace/migrations.hpp"
#include "server_impl.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

// The lineage service reads the founders file now, so a bad file stops the start with a clear
// message rather than failing the first request.
void open_analyses(ApiServer::Impl& s) {
  const auto& o = s.options;
  s.gate = std::make_unique<ComputeGate>(o.analysis_jobs, o.analysis_threads, o.analysis_queue);
  if (!s.register_file) {
    if (!o.founders_path.empty()) throw InputError("--founders needs --register (the lineage is built from the register)");
    return;
  }
  if (!o.founders_path.empty() && !std::filesystem::is_regular_file(o.founders_path))
    throw InputError("cannot read the founders file '" + o.founders_path + "'");
  s.lineage = std::make_unique<lineage::LineageService>(*s.register_file, o.founders_path, o.salt_file);
  s.kd = std::make_unique<KdService>(*s.register_file,
                                     KdSettings{.simulations = o.kd_simulations, .seed = o.kd_seed}, *s.gate);
}

void set_security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // Survey links carry their token in the URL: never leak it through Referer.
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                 "worker-src 'self' blob:; frame-ancestors 'none'");
}

// Limits cpp-httplib 0.11 does not enforce itself, applied before any handler and before the
// body is read (docs/deploy.md, "Limits"). Returns false after writing a refusal. `req` is
// the library's own request object, passed as const to the hook: dropping its ranges (parsed
// and header) is the one change made to it.
constexpr std::size_t kMaxHeaders = 100;
bool within_limits(httplib::Request& req, httplib::Response& res) {
  // Each range of a multi-range request is a copy of the reply: 2,700 ranges of the web bundle
  // made 864 MB. Several ranges are ignored (the whole file, 200, as RFC 9110 allows).
  if (req.ranges.size() > 1) {
    req.ranges.clear();
    req.headers.erase("Range");  // the file handler answers 206 while the header is there
  }
  auto refuse = [&](int status, const char* code, const std::string& message) {
    req.ranges.clear();  // an error reply is never cut into ranges
    send_error(res, status, code, message);
    res.set_header("Connection", "close");  // what follows on this connection is not read
    return false;
  };
  if (req.headers.size() > kMaxHeaders)
    return refuse(431, "too_many_headers", "more than " + std::to_string(kMaxHeaders) + " header fields");
  // A chunked body has no length to check against the body limit before it is read.
  if (req.has_header("Transfer-Encoding"))
    return refuse(411, "length_required", "send the body with Content-Length (chunked bodies are refused)");
  // "%00" decodes to NUL: the file name would end there while the type came from the suffix.
  for (char c : req.path)
    if (static_cast<unsigned char>(c) < 0x20)
      return refuse(400, "bad_path", "the path contains a control character");
  return true;
}

// Vite names files under /assets/ by content hash: cache them for good; index.html and the
// app's routes must be revalidated so a deployment reaches browsers at once.
void set_cache_headers(const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/assets/", 0) == 0)
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  else
    res.set_header("Cache-Control", "no-cache");
}

}  // namespace

std::string ApiServer::Impl::public_url() const {
  if (!options.public_url.empty()) return options.public_url;
  return "http://" + options.bind + ":" + std::to_string(port);
}

ApiServer::ApiServer(ServerOptions options, std::unique_ptr<workspace::FirmDirectory> directory)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = std::move(options);
  s.per_token = std::make_unique<RateLimiter>(s.options.survey_rate_per_token,
                                              std::max(20.0, s.options.survey_rate_per_token * 4));
  s.db = workspace::open_database(s.options.database, s.options.db_connections);
  // One migrate() call over every component's migrations (it refuses versions it does not know).
  auto migrations = workspace::core_migrations();
  for (const auto& m : animation::animation_migrations()) migrations.push_back(m);
  workspace::migrate(*s.db, migrations);
  s.schema_version = workspace::schema_version(*s.db);
  s.accounts = std::make_unique<workspace::Accounts>(*s.db);
  if (!s.options.register_path.empty())
    s.register_file = std::make_shared<const Register>(Register::open(s.options.register_path));
  s.directory = directory ? std::move(directory) : (s.register_file ? register_directory(s.register_file) : nullptr);
  s.initiatives = std::make_unique<workspace::Initiatives>(*s.db, s.directory.get());
  s.surveys = std::make_unique<workspace::Surveys>(*s.db);
  s.animation = std::make_unique<animation::AnimationStore>(*s.db);
  s.links = std::make_unique<workspace::AccountLinks>(*s.db);
  s.mail = open_mail_service(s.options, *s.db);
  s.surveys->set_followers(
      {animation::AnimationStore::forget_survey_response, animation::AnimationStore::unlink_survey_needs});
  if (!s.options.candidates_path.empty()) s.candidates = read_candidates(s.options.candidates_path);
  open_analyses(s);

  int threads = std::max(8, s.options.threads);
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.http.set_payload_max_length(s.options.max_body_bytes);
  s.http.set_read_timeout(10, 0);
  s.http.set_write_timeout(10, 0);
  s.http.set_keep_alive_max_count(1000);
  s.http.set_tcp_nodelay(true);  // a reply's headers and body are two writes: no 40 ms Nagle wait
  s.http.set_socket_options([&s](int sock) {
    int yes = 1;  // SO_REUSEADDR only: SO_REUSEPORT would let a second server share the port
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    s.listen_socket = sock;
  });
  s.http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    set_security_headers(res);
    return within_limits(const_cast<httplib::Request&>(req), res)
               ? httplib::Server::HandlerResponse::Unhandled
               : httplib::Server::HandlerResponse::Handled;
  });
  s.http.set_file_request_handler(set_cache_headers);
  std::filesystem::path web = s.options.web_dir;
  bool has_web = !s.options.web_dir.empty() && std::filesystem::is_directory(web);
  if (has_web) s.http.set_mount_point("/", web.string());
  s.http.set_error_handler([has_web, web](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    bool api = req.path.rfind("/api/", 0) == 0;
    // The web app routes in the browser: unknown non-API paths get index.html.
    if (!api && has_web && res.status == 404 && req.method == "GET" &&
        std::filesystem::exists(web / "index.html")) {
      std::ifstream in(web / "index.html", std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      res.status = 200;
      // Survey pages carry their token in the URL: never keep them in a cache.
      res.set_header("Cache-Control", req.path.rfind("/survey/", 0) == 0 ? "no-store" : "no-cache");
      res.set_content(buffer.str(), "text/html; charset=utf-8");
      return;
    }
    if (res.status == 413) send_error(res, 413, "payload_too_large", "the request body is too large");
    else if (res.status == 404) send_error(res, 404, "not_found", "no such endpoint or file: " + req.path.substr(0, 200));
    else if (res.status == 405) send_error(res, 405, "method_not_allowed", "this method is not allowed here");
    else if (res.status == 400)
      send_error(res, 400, "bad_request", "malformed HTTP request (a POST or PUT without a body needs Content-Length: 0)");
    else send_error(res, res.status, "http_error", "the request could not be handled (HTTP " + std::to_string(res.status) + ")");
  });
  s.http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal", "the server failed to handle this request");
  });
  s.router = std::make_unique<Router>(s.http, *s.accounts);
  add_account_routes(*s.router, s);
  add_initiative_routes(*s.router, s);
  add_survey_routes(*s.router, s);
  add_animation_routes(*s.router, s);
  add_analysis_routes(*s.router, s);
  add_contact_routes(*s.router, s);
}

ApiServer::~ApiServer() { stop(); }

int ApiServer::bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) s.port = s.http.bind_to_any_port(s.options.bind);
  else s.port = s.http.bind_to_port(s.options.bind, s.options.port) ? s.options.port : -1;
  if (s.port <= 0)
    throw Error("cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port) +
                " (is another server running there?)");
  // cpp-httplib 0.11 listens with a backlog of 5 (thousands of overflows at 200 connections);
  // Linux lets a second listen() raise it.
  if (s.listen_socket >= 0) ::listen(s.listen_socket, kListenBacklog);
  return s.port;
}

void ApiServer::run() { impl_->http.listen_after_bind(); }
void ApiServer::stop() { if (impl_) impl_->http.stop(); }
workspace::Database& ApiServer::database() { return *impl_->db; }
workspace::Accounts& ApiServer::accounts() { return *impl_->accounts; }
const std::vector<RouteInfo>& ApiServer::routes() const { return impl_->router->routes(); }

}  // namespace grappe::server
