#pragma once
// A tiny SMTP server for tests on 127.0.0.1 (any free port): it answers EHLO, MAIL, RCPT, DATA
// and QUIT, keeps every message it receives, and refuses recipients at "reject.test".
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace grappe::test {

struct SunkMail {
  std::string from, to, data;
};

class SmtpSink {
 public:
  SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 8);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpSink() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<SunkMail> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  // Waits (bounded) until `count` messages arrived.
  bool wait_for(std::size_t count) {
    for (int i = 0; i < 200; ++i) {
      if (messages().size() >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int client = ::accept(listener_, nullptr, nullptr);
      if (client >= 0) {
        session(client);
        ::close(client);
      }
    }
  }

  // Reads one CRLF-terminated line (bounded wait); false when the client went away.
  bool read_line(int client, std::string& buffer, std::string& line) {
    for (int waits = 0; waits < 200; ++waits) {
      auto end = buffer.find("\r\n");
      if (end != std::string::npos) {
        line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return true;
      }
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return false;
  }

  static void say(int client, const std::string& text) {
    ::send(client, text.data(), text.size(), MSG_NOSIGNAL);
  }

  void session(int client) {
    say(client, "220 sink.test ESMTP\r\n");
    std::string buffer, line;
    SunkMail mail;
    while (read_line(client, buffer, line)) {
      std::string verb = line.substr(0, 4);
      for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (verb == "EHLO")
        say(client, "250-sink.test\r\n250 8BITMIME\r\n");
      else if (verb == "HELO" || verb == "RSET" || verb == "NOOP")
        say(client, "250 ok\r\n");
      else if (verb == "MAIL")
        mail.from = line.substr(10), say(client, "250 ok\r\n");
      else if (verb == "RCPT") {
        bool refused = line.find("reject.test") != std::string::npos;
        if (!refused) mail.to = line.substr(8);
        say(client, refused ? "550 no such user here\r\n" : "250 ok\r\n");
      } else if (verb == "DATA") {
        say(client, "354 end with .\r\n");
        while (read_line(client, buffer, line) && line != ".") mail.data += line + "\r\n";
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(mail);
        }
        mail = SunkMail{};
        say(client, "250 queued\r\n");
      } else if (verb == "QUIT") {
        say(client, "221 bye\r\n");
        return;
      } else
        say(client, "502 not implemented\r\n");
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<SunkMail> messages_;
  std::thread thread_;
};

}  // namespace grappe::test
