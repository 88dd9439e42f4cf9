#include "http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "grappe/common/error.hpp"

namespace grappe::server {

bool CaseLess::operator()(const std::string& a, const std::string& b) const {
  return ::strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::string Request::get_header_value(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string Request::get_param_value(const std::string& name) const {
  auto found = params.find(name);
  return found == params.end() ? std::string() : found->second;
}

bool Request::client_gone() const {
  if (client_fd < 0) return false;
  pollfd watch{client_fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&watch, 1, 0) <= 0) return false;
  if (watch.revents & (POLLHUP | POLLERR | POLLRDHUP)) return true;
  // Readable: a pipelined request (still there) or the end of the stream (gone).
  char byte = 0;
  const ssize_t n = ::recv(client_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

Response::~Response() {
  if (file_fd >= 0) ::close(file_fd);
}

void Response::set_header(const std::string& name, const std::string& value) {
  headers.erase(name);
  headers.emplace(name, value);
}

std::string Response::get_header_value(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

void Response::set_content(std::string content, const std::string& type) {
  body = std::move(content);
  set_header("Content-Type", type);
}

void Response::set_file(int fd, std::uint64_t offset, std::uint64_t length, const std::string& type) {
  if (file_fd >= 0) ::close(file_fd);
  file_fd = fd;
  file_offset = offset;
  file_length = length;
  body.clear();
  set_header("Content-Type", type);
}

void send_error(Response& res, int status, const std::string& code, const std::string& message) {
  using nlohmann::json;
  res.status = status;
  json body = {{"error", {{"code", code}, {"message", message}}}};
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

namespace {

// What becomes of a queued task: run on a worker, or answered without running its handler
// because the server stops or the task waited past the queue deadline.
enum class Outcome { run, shutting_down, expired };

// Handlers run here: a fixed number of threads taking tasks in arrival order. The queue
// needs no bound of its own: each task is a suspended connection, and connections are bounded.
// A task not started within `deadline` is answered by the reaper thread (libmicrohttpd 0.9.75
// has only an idle-connection timeout): under overload clients hear 503 in bounded time,
// and workers never run a request whose client has probably given up.
class WorkerPool {
 public:
  WorkerPool(int threads, std::chrono::milliseconds deadline) : deadline_(deadline) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    if (deadline_.count() > 0) reaper_ = std::thread([this] { reap(); });
  }
  ~WorkerPool() { shut_down(); }
  // A task is called once, with its outcome. False once shut down.
  bool submit(std::function<void(Outcome)> task) {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    tasks_.push_back({std::move(task), Clock::now() + deadline_});
    ready_.notify_one();
    if (tasks_.size() == 1) reaper_wake_.notify_one();
    return true;
  }
  // Running tasks finish; the others are called with shutting_down.
  void shut_down() {
    std::deque<Task> left;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
      left.swap(tasks_);
      ready_.notify_all();
      reaper_wake_.notify_all();
    }
    for (auto& task : left) task.call(Outcome::shutting_down);
    for (auto& t : threads_) t.join();
    if (reaper_.joinable()) reaper_.join();
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Task {
    std::function<void(Outcome)> call;
    Clock::time_point expires;
  };

  void work() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task.call(Outcome::run);
    }
  }
  // Tasks are queued in arrival order with one deadline, so the expired ones are at the front.
  void reap() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (tasks_.empty()) {
        reaper_wake_.wait(lock);
        continue;
      }
      if (reaper_wake_.wait_until(lock, tasks_.front().expires) != std::cv_status::timeout) continue;
      std::vector<Task> expired;
      const auto now = Clock::now();
      while (!tasks_.empty() && tasks_.front().expires <= now) {
        expired.push_back(std::move(tasks_.front()));
        tasks_.pop_front();
      }
      lock.unlock();
      for (auto& task : expired) task.call(Outcome::expired);
      lock.lock();
    }
  }

  std::chrono::milliseconds deadline_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable reaper_wake_;
  std::deque<Task> tasks_;
  std::vector<std::thread> threads_;
  std::thread reaper_;
  bool stopping_ = false;
};

// One request on one connection, from its headers to the end of its reply.
struct Exchange {
  Request req;
  Response res;
  std::uint64_t body_received = 0;
  bool too_large = false;  // a chunked body went past the limit: the rest is read and dropped
  bool answered = false;   // `res` is ready to send (a worker finished, or a refusal)
};

std::string address_text(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address == nullptr) return text;
  if (address->sa_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  else if (address->sa_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
  return text;
}

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<Request*>(cls)->headers.emplace(key, value ? value : "");
  return MHD_YES;
}

MHD_Result collect_param(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<Request*>(cls)->params.emplace(key, value ? value : "");
  return MHD_YES;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of the path and query, in place. libmicrohttpd hands the path over as a C
// string: a decoded "%00" would end it there ("/assets/app.js%00.html" read as
// "/assets/app.js" while the type came from ".html"). It becomes 0x01, a control character the
// server refuses in paths (400) instead of cutting the name.
size_t unescape(void*, MHD_Connection*, char* text) {
  char* out = text;
  for (const char* in = text; *in != '\0'; ++in) {
    int high = in[0] == '%' ? hex_digit(in[1]) : -1;
    int low = high >= 0 ? hex_digit(in[2]) : -1;
    if (low >= 0) {
      char decoded = static_cast<char>(high * 16 + low);
      *out++ = decoded == '\0' ? '\x01' : decoded;
      in += 2;
    } else {
      *out++ = *in;
    }
  }
  *out = '\0';
  return static_cast<size_t>(out - text);
}

}  // namespace

struct HttpServer::Engine {
  ServerOptions options;
  Handler handler;
  int listen_fd = -1;
  int stop_pipe[2] = {-1, -1};
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> workers;

  std::uint64_t drain_limit() const { return 8 * static_cast<std::uint64_t>(options.max_body_bytes); }

  MHD_Result on_request(MHD_Connection* c, const char* url, const char* method, const char* data,
                        size_t* size, void** state);
  MHD_Result start(MHD_Connection* c, const char* url, const char* method, void** state);
  MHD_Result receive(Exchange& x, const char* data, size_t* size);
  MHD_Result dispatch(MHD_Connection* c, Exchange& x);
  void serve(Exchange& x) const;
  static MHD_Result send(MHD_Connection* c, Exchange& x);
};

MHD_Result HttpServer::Engine::on_request(MHD_Connection* c, const char* url, const char* method,
                                          const char* data, size_t* size, void** state) {
  if (*state == nullptr) return start(c, url, method, state);
  auto& x = *static_cast<Exchange*>(*state);
  if (x.answered) return send(c, x);
  if (*size != 0) return receive(x, data, size);
  if (x.too_large) {
    send_error(x.res, 413, "payload_too_large", "the request body is too large");
    return send(c, x);
  }
  return dispatch(c, x);
}

// The request line and headers are in: copy them, and refuse at once what is over a bound
// (the body is then never read and the connection is closed after the reply).
MHD_Result HttpServer::Engine::start(MHD_Connection* c, const char* url, const char* method, void** state) {
  auto* x = new Exchange;
  *state = x;
  Request& req = x->req;
  req.method = method;
  req.path = url;
  const MHD_ConnectionInfo* peer = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  req.remote_addr = address_text(peer ? peer->client_addr : nullptr);
  if (const MHD_ConnectionInfo* fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD))
    req.client_fd = fd->connect_fd;
  int fields = MHD_get_connection_values(c, MHD_HEADER_KIND, nullptr, nullptr);
  if (fields > options.max_headers) {
    send_error(x->res, 431, "too_many_headers",
               "more than " + std::to_string(options.max_headers) + " header fields");
    return send(c, *x);
  }
  MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &req);
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &req);
  // libmicrohttpd has refused a Content-Length that is not a number (400).
  std::string length = req.get_header_value("Content-Length");
  std::uint64_t announced = 0;
  if (std::from_chars(length.data(), length.data() + length.size(), announced).ec != std::errc())
    announced = length.empty() ? 0 : UINT64_MAX;
  if (announced > drain_limit()) {
    send_error(x->res, 413, "payload_too_large", "the request body is too large");
    return send(c, *x);
  }
  if (announced > options.max_body_bytes)
    x->too_large = true;
  else
    req.body.reserve(announced);
  return MHD_YES;
}

// A piece of the body. Past the limit the body is read and dropped (memory stays bounded) and
// answered 413 at its end: clients that send the whole body before reading the reply (most
// libraries) then see the 413 rather than a broken pipe. Past 8 times the limit (announced, or
// reached by a chunked body) the connection is closed without reading more.
MHD_Result HttpServer::Engine::receive(Exchange& x, const char* data, size_t* size) {
  x.body_received += *size;
  if (x.too_large || x.body_received > options.max_body_bytes) {
    x.too_large = true;
    std::string().swap(x.req.body);
    if (x.body_received > drain_limit()) return MHD_NO;
  } else {
    x.req.body.append(data, *size);
  }
  *size = 0;
  return MHD_YES;
}

// The whole request is in: a worker runs the handler while the connection is suspended (it
// takes no part in polling meanwhile) and resumes it with the reply ready.
MHD_Result HttpServer::Engine::dispatch(MHD_Connection* c, Exchange& x) {
  MHD_suspend_connection(c);
  auto task = [this, c, &x](Outcome outcome) {
    if (outcome == Outcome::run) {
      serve(x);
    } else if (outcome == Outcome::expired) {
      send_error(x.res, 503, "overloaded", "the server is too busy to handle this request now: try again");
      x.res.set_header("Retry-After", std::to_string(options.retry_after_seconds));
    } else {
      send_error(x.res, 503, "shutting_down", "the server is stopping");
    }
    x.answered = true;
    MHD_resume_connection(c);
  };
  if (!workers->submit(task)) task(Outcome::shutting_down);
  return MHD_YES;
}

void HttpServer::Engine::serve(Exchange& x) const {
  try {
    handler(x.req, x.res);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grappe serve: %s %s: %s\n", x.req.method.c_str(), x.req.path.substr(0, 200).c_str(),
                 e.what());
    x.res.headers.clear();
    send_error(x.res, 500, "internal", "the server failed to handle this request");
  }
}

// One reply: the body (or the file) and the headers, handed to libmicrohttpd, which writes
// small replies in one writev and files with sendfile.
MHD_Result HttpServer::Engine::send(MHD_Connection* c, Exchange& x) {
  Response& res = x.res;
  MHD_Response* reply = nullptr;
  if (res.file_fd >= 0) {
    reply = MHD_create_response_from_fd_at_offset64(res.file_length, res.file_fd, res.file_offset);
    if (reply) res.file_fd = -1;  // now libmicrohttpd's to close
  } else {
    // The body lives in the exchange until the request is complete (on_completed).
    reply = MHD_create_response_from_buffer(res.body.size(), res.body.data(), MHD_RESPMEM_PERSISTENT);
  }
  if (reply == nullptr) return MHD_NO;
  for (const auto& [name, value] : res.headers) MHD_add_response_header(reply, name.c_str(), value.c_str());
  MHD_Result queued = MHD_queue_response(c, static_cast<unsigned>(res.status), reply);
  MHD_destroy_response(reply);
  return queued;
}

namespace {

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                      const char* data, size_t* size, void** state) {
  return static_cast<HttpServer::Engine*>(cls)->on_request(c, url, method, data, size, state);
}

void on_completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
  delete static_cast<Exchange*>(*state);
  *state = nullptr;
}

}  // namespace

HttpServer::HttpServer(const ServerOptions& options, Handler handler) : engine_(std::make_unique<Engine>()) {
  engine_->options = options;
  engine_->handler = std::move(handler);
  if (::pipe2(engine_->stop_pipe, O_CLOEXEC) != 0) throw Error("grappe serve: cannot create a pipe");
}

HttpServer::~HttpServer() {
  if (engine_->listen_fd >= 0 && engine_->daemon == nullptr) ::close(engine_->listen_fd);
  for (int fd : engine_->stop_pipe)
    if (fd >= 0) ::close(fd);
}

int HttpServer::bind() {
  const ServerOptions& o = engine_->options;
  std::string where = o.bind + ":" + std::to_string(o.port);
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(o.bind.c_str(), std::to_string(o.port).c_str(), &hints, &found) != 0 || found == nullptr)
    throw Error("cannot listen on " + where + " (--bind needs a numeric IPv4 or IPv6 address)");
  int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  int yes = 1;  // SO_REUSEADDR only: SO_REUSEPORT would let a second server share the port
  bool ok = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) == 0 &&
            ::bind(fd, found->ai_addr, found->ai_addrlen) == 0 && ::listen(fd, o.listen_backlog) == 0;
  ::freeaddrinfo(found);
  sockaddr_storage bound{};
  socklen_t size = sizeof bound;
  if (!ok || ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error("cannot listen on " + where + " (is another server running there?)");
  }
  engine_->listen_fd = fd;
  return ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                           : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

void HttpServer::run() {
  Engine& e = *engine_;
  const ServerOptions& o = e.options;
  if (e.listen_fd < 0) throw Error("grappe serve: run() before bind()");
  e.workers = std::make_unique<WorkerPool>(
      o.threads, std::chrono::milliseconds(static_cast<long>(o.queue_deadline_seconds * 1000)));
  unsigned io_threads = o.io_threads > 0 ? static_cast<unsigned>(o.io_threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  e.daemon =
      MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr,
                       &grappe::server::on_request, &e, MHD_OPTION_LISTEN_SOCKET, e.listen_fd,
                       MHD_OPTION_THREAD_POOL_SIZE, io_threads, MHD_OPTION_CONNECTION_LIMIT,
                       static_cast<unsigned>(o.max_connections), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                       static_cast<unsigned>(o.max_connections_per_address), MHD_OPTION_CONNECTION_TIMEOUT,
                       static_cast<unsigned>(o.idle_timeout_seconds), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                       static_cast<size_t>(o.max_header_bytes), MHD_OPTION_UNESCAPE_CALLBACK, &unescape,
                       nullptr, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, nullptr, MHD_OPTION_END);
  if (e.daemon == nullptr) {
    e.workers.reset();
    throw Error("grappe serve: the HTTP engine (libmicrohttpd) did not start");
  }
  char byte = 0;
  while (::read(e.stop_pipe[0], &byte, 1) < 0 && errno == EINTR) {
  }
  // Every suspended connection resumed (running handlers finish, queued ones get 503, later
  // ones are answered 503 at once by dispatch), then stop: libmicrohttpd must not be stopped
  // while a connection is suspended. No MHD_quiesce_daemon first: in 0.9.75 it races with the
  // epoll thread pool (a worker may drop the listen socket from its epoll set first, and
  // quiesce then aborts the process with "Failed to remove listen FD from epoll set").
  e.workers->shut_down();
  MHD_stop_daemon(e.daemon);  // closes the listen socket too
  e.daemon = nullptr;
  e.listen_fd = -1;
}

void HttpServer::stop() {
  char byte = 1;
  [[maybe_unused]] auto written = ::write(engine_->stop_pipe[1], &byte, 1);
}

}  // namespace grappe::server
