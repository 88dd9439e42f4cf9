// Probe (bench/server/probe): the PUT handler of the survey, bare, on cpp-httplib 0.11 as grappe
// used it (thread pool, TCP_NODELAY). Usage: probe_httplib PORT THREADS
#include <httplib.h>

#include <cstdlib>

int main(int argc, char** argv) {
  int port = std::atoi(argv[1]), threads = std::atoi(argv[2]);
  httplib::Server http;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_tcp_nodelay(true);
  http.Put(R"(/api/v1/survey/([^/]+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body.size() > 10 ? "{\"ok\":true}" : "{}", "application/json");
  });
  http.listen("127.0.0.1", port);
}
