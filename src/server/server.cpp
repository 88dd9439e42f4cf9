#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

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

void set_security_headers(Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // Survey links carry their token in the URL: never leak it through Referer.
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                 "worker-src 'self' blob:; frame-ancestors 'none'");
}

// "%00" decodes to a control character (http.cpp): a file name would end there while the type
// came from the suffix. The HTTP layer has already bounded the body and the headers.
bool path_acceptable(const Request& req, Response& res) {
  for (char c : req.path)
    if (static_cast<unsigned char>(c) < 0x20) {
      send_error(res, 400, "bad_path", "the path contains a control character");
      return false;
    }
  return true;
}

std::string content_type_of(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types = {{".html", "text/html; charset=utf-8"},
                                                           {".js", "text/javascript; charset=utf-8"},
                                                           {".mjs", "text/javascript; charset=utf-8"},
                                                           {".css", "text/css; charset=utf-8"},
                                                           {".json", "application/json"},
                                                           {".map", "application/json"},
                                                           {".svg", "image/svg+xml"},
                                                           {".png", "image/png"},
                                                           {".jpg", "image/jpeg"},
                                                           {".jpeg", "image/jpeg"},
                                                           {".gif", "image/gif"},
                                                           {".webp", "image/webp"},
                                                           {".ico", "image/x-icon"},
                                                           {".woff", "font/woff"},
                                                           {".woff2", "font/woff2"},
                                                           {".ttf", "font/ttf"},
                                                           {".txt", "text/plain; charset=utf-8"},
                                                           {".wasm", "application/wasm"},
                                                           {".xml", "application/xml"},
                                                           {".pdf", "application/pdf"},
                                                           {".webmanifest", "application/manifest+json"}};
  auto found = types.find(file.extension().string());
  return found == types.end() ? "application/octet-stream" : found->second;
}

// What a Range header asks of a file of `size` bytes: one byte range "bytes=a-b", "bytes=a-" or
// "bytes=-n" as [first, last]. Several ranges (each a copy of the reply: 2,700 of the web bundle
// made 864 MB) or an unreadable header get the whole file, as RFC 9110 allows.
struct ByteRange {
  enum Kind { whole, part, unsatisfiable } kind = whole;
  std::uint64_t first = 0, last = 0;
};
ByteRange range_of(const std::string& header, std::uint64_t size) {
  if (header.rfind("bytes=", 0) != 0 || header.find(',') != std::string::npos || header.size() > 48)
    return {};
  std::string spec = header.substr(6);
  std::size_t dash = spec.find('-');
  if (dash == std::string::npos) return {};
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  auto digits = [](const std::string& t) {
    return t.size() <= 19 && t.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(a) || !digits(b) || (a.empty() && b.empty())) return {};
  if (a.empty()) {  // the last n bytes
    std::uint64_t n = std::stoull(b);
    if (n == 0 || size == 0) return {ByteRange::unsatisfiable};
    return {ByteRange::part, size - std::min(n, size), size - 1};
  }
  std::uint64_t first = std::stoull(a), last = b.empty() ? size - 1 : std::stoull(b);
  if (!b.empty() && last < first) return {};
  if (first >= size) return {ByteRange::unsatisfiable};
  return {ByteRange::part, first, std::min(last, size - 1)};
}

// Vite names files under /assets/ by content hash: cache them for good; index.html and the
// app's routes must be revalidated so a deployment reaches browsers at once.
void set_cache_headers(const std::string& path, Response& res) {
  if (path.rfind("/assets/", 0) == 0)
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  else
    res.set_header("Cache-Control", "no-cache");
}

// The file under `web` that `path` names (index.html for a folder); empty when there is none
// or the path climbs out ("..").
std::filesystem::path file_named(const std::filesystem::path& web, const std::string& path) {
  if (path.empty() || path[0] != '/') return {};
  std::filesystem::path relative(path.substr(1));
  for (const auto& part : relative)
    if (part == "..") return {};
  std::filesystem::path file = web / relative;
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) file /= "index.html";
  return std::filesystem::is_regular_file(file, error) ? file : std::filesystem::path();
}

// Sends `file` (from its descriptor, with one range when asked for one); false if it cannot be opened.
bool send_file(const std::filesystem::path& file, const Request& req, Response& res) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0) {
    if (fd >= 0) ::close(fd);
    return false;
  }
  auto size = static_cast<std::uint64_t>(info.st_size);
  res.set_header("Accept-Ranges", "bytes");
  ByteRange range = range_of(req.get_header_value("Range"), size);
  if (range.kind == ByteRange::unsatisfiable) {
    ::close(fd);
    res.status = 416;
    res.set_header("Content-Range", "bytes */" + std::to_string(size));
    return true;
  }
  if (range.kind == ByteRange::part) {
    res.status = 206;
    res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                        std::to_string(range.last) + "/" + std::to_string(size));
    res.set_file(fd, range.first, range.last - range.first + 1, content_type_of(file));
  } else {
    res.set_file(fd, 0, size, content_type_of(file));
  }
  return true;
}

// What no API route took: a static file, else (the web app routes in the browser) index.html
// for GET on non-API paths, else a JSON 404.
void serve_static(const std::filesystem::path& web, const Request& req, Response& res) {
  bool api = req.path.rfind("/api/", 0) == 0;
  bool read = req.method == "GET" || req.method == "HEAD";
  if (!api && read && !web.empty()) {
    std::filesystem::path file = file_named(web, req.path);
    if (!file.empty() && send_file(file, req, res)) {
      set_cache_headers(req.path, res);
      return;
    }
    std::filesystem::path index = web / "index.html";
    if (std::filesystem::is_regular_file(index) && send_file(index, Request{}, res)) {
      // Survey pages carry their token in the URL: never keep them in a cache.
      res.set_header("Cache-Control", req.path.rfind("/survey/", 0) == 0 ? "no-store" : "no-cache");
      return;
    }
  }
  send_error(res, 404, "not_found", "no such endpoint or file: " + req.path.substr(0, 200));
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
  workspace::migrate(*s.db, animation::server_migrations());
  s.schema_version = workspace::schema_version(*s.db);
  s.accounts = std::make_unique<workspace::Accounts>(*s.db);
  if (!s.options.register_path.empty())
    s.register_file = std::make_shared<const Register>(Register::open(s.options.register_path));
  s.directory =
      directory ? std::move(directory) : (s.register_file ? register_directory(s.register_file) : nullptr);
  s.initiatives = std::make_unique<workspace::Initiatives>(*s.db, s.directory.get());
  s.surveys = std::make_unique<workspace::Surveys>(*s.db);
  s.animation = std::make_unique<animation::AnimationStore>(*s.db);
  s.links = std::make_unique<workspace::AccountLinks>(*s.db);
  s.mail = open_mail_service(s.options, *s.db);
  s.surveys->set_followers({.response_erased = animation::AnimationStore::forget_survey_response,
                            .anonymised = animation::AnimationStore::unlink_survey_needs,
                            .response_saved = animation::AnimationStore::absorb_response});
  if (!s.options.candidates_path.empty()) s.candidates = read_candidates(s.options.candidates_path);
  open_analyses(s);

  std::filesystem::path web;
  if (!s.options.web_dir.empty() && std::filesystem::is_directory(s.options.web_dir)) web = s.options.web_dir;
  s.http = std::make_unique<HttpServer>(s.options, [&s, web](Request& req, Response& res) {
    set_security_headers(res);
    if (path_acceptable(req, res) && !s.router->dispatch(req, res)) serve_static(web, req, res);
  });
  s.router = std::make_unique<Router>(*s.accounts);
  add_account_routes(*s.router, s);
  add_initiative_routes(*s.router, s);
  add_survey_routes(*s.router, s);
  add_animation_routes(*s.router, s);
  add_analysis_routes(*s.router, s);
  add_contact_routes(*s.router, s);
}

ApiServer::~ApiServer() { stop(); }

int ApiServer::bind() { return impl_->port = impl_->http->bind(); }
void ApiServer::run() { impl_->http->run(); }
void ApiServer::stop() {
  if (impl_ && impl_->http) impl_->http->stop();
}
workspace::Database& ApiServer::database() { return *impl_->db; }
workspace::Accounts& ApiServer::accounts() { return *impl_->accounts; }
const std::vector<RouteInfo>& ApiServer::routes() const { return impl_->router->routes(); }

}  // namespace grappe::server
