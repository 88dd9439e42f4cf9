#pragma once
// E-mail for the workspace: plain-text UTF-8 messages formatted as RFC 5322 / MIME, sent
// through an SMTP relay or the host's mail transfer agent (smtp://localhost:25) with libcurl.
#include <ctime>
#include <memory>
#include <string>

#include "grappe/common/error.hpp"

namespace grappe::mail {

struct Message {
  std::string to;       // address
  std::string to_name;  // display name, may be empty
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8 plain text, '\n' line ends
};

struct Sender {
  std::string address;          // envelope and From: address
  std::string name = "grappe";  // From: display name
};

// A message or address that cannot be sent as given (CR/LF in a header, a malformed address).
class MailError : public Error {
 public:
  using Error::Error;
};

// Checks the shape of an address (one '@', no spaces, controls or <>"); throws MailError naming `what`.
void check_address(const std::string& address, const std::string& what);

// The message as RFC 5322 text with CRLF line ends: From, To, Subject (RFC 2047 encoded words when
// not ASCII), Date, Message-ID, MIME-Version and a base64 text/plain; charset=UTF-8 body. Throws
// MailError on an address or subject that would inject headers.
std::string format_message(const Message& message, const Sender& from, std::time_t date,
                           const std::string& message_id);

// Base64 (RFC 4648) with lines of at most 76 characters separated by CRLF when `wrap`.
std::string base64(const std::string& bytes, bool wrap);

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends one message; throws MailError with the relay's answer when it is refused.
  virtual void send(const Message& message) = 0;
};

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS when offered), smtps://host:port (TLS)
  Sender from;
  std::string username;  // optional SMTP AUTH
  std::string password;
  long timeout_seconds = 30;
};

// Through libcurl's SMTP: one connection per message, bounded by timeout_seconds.
std::unique_ptr<Mailer> smtp_mailer(SmtpSettings settings);

}  // namespace grappe::mail
