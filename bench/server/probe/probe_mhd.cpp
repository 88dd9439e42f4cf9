// Probe (bench/server/probe): the same PUT handler on libmicrohttpd 0.9.75 (epoll, internal
// thread pool). Usage: probe_mhd PORT THREADS
#include <microhttpd.h>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {
MHD_Result answer(void*, MHD_Connection* c, const char*, const char*, const char*, const char* data,
                  size_t* size, void** state) {
  if (*state == nullptr) {
    *state = new std::string;
    return MHD_YES;
  }
  auto* body = static_cast<std::string*>(*state);
  if (*size != 0) {
    body->append(data, *size);
    *size = 0;
    return MHD_YES;
  }
  static const char ok[] = "{\"ok\":true}";
  MHD_Response* r = MHD_create_response_from_buffer(body->size() > 10 ? sizeof ok - 1 : 2,
                                                    const_cast<char*>(body->size() > 10 ? ok : "{}"),
                                                    MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(r, "Content-Type", "application/json");
  MHD_Result q = MHD_queue_response(c, 200, r);
  MHD_destroy_response(r);
  return q;
}
void done(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
  delete static_cast<std::string*>(*state);
}
}  // namespace

int main(int argc, char** argv) {
  int port = std::atoi(argv[1]), threads = std::atoi(argv[2]);
  MHD_Daemon* d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD, static_cast<uint16_t>(port), nullptr, nullptr,
                                   &answer, nullptr, MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(threads),
                                   MHD_OPTION_NOTIFY_COMPLETED, &done, nullptr, MHD_OPTION_LISTEN_BACKLOG_SIZE,
                                   1024u, MHD_OPTION_END);
  if (!d) return 1;
  pause();
}
