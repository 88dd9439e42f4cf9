#include <array>

#include "grappe/mail/mail.hpp"

namespace grappe::mail {
namespace {

bool is_ascii(const std::string& text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

void check_header_text(const std::string& text, const std::string& what) {
  for (unsigned char c : text)
    if (c < 0x20 && c != '\t') throw MailError(what + " must be one line without control characters");
}

// RFC 2047 encoded words of at most 75 characters, cut on UTF-8 character boundaries and
// folded on separate lines.
std::string encoded_words(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + 45);  // 45 bytes → 60 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at), false) + "?=";
    at = end;
  }
  return out;
}

std::string header_text(const std::string& text) { return is_ascii(text) ? text : encoded_words(text); }

// "Name <address>" with the name quoted or encoded as needed.
std::string mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + address + ">";
  if (!is_ascii(name)) return encoded_words(name) + " <" + address + ">";
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + address + ">";
}

std::string rfc5322_date(std::time_t date) {
  std::tm tm{};
  gmtime_r(&date, &tm);
  static const std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

// Body lines end with CRLF whatever the text used.
std::string crlf_lines(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n')
      out += "\r\n";
    else
      out += text[i];
  }
  return out;
}

}  // namespace

void check_address(const std::string& address, const std::string& what) {
  auto at = address.find('@');
  bool ok = !address.empty() && address.size() <= 254 && at != std::string::npos && at > 0 &&
            at + 1 < address.size() && address.find('@', at + 1) == std::string::npos;
  for (unsigned char c : address)
    ok = ok && c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != ',';
  if (!ok) throw MailError(what + " '" + address.substr(0, 80) + "' is not an e-mail address");
}

std::string base64(const std::string& bytes, bool wrap) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? alphabet[n & 63] : '=';
    if (wrap && (line += 4) >= 76 && i + 3 < bytes.size()) {
      out += "\r\n";
      line = 0;
    }
  }
  return out;
}

std::string format_message(const Message& message, const Sender& from, std::time_t date,
                           const std::string& message_id) {
  check_address(message.to, "the recipient");
  check_address(from.address, "the sender");
  check_header_text(message.subject, "the subject");
  check_header_text(message.to_name, "the recipient's name");
  check_header_text(from.name, "the sender's name");
  check_header_text(message_id, "the message id");
  return "From: " + mailbox(from.name, from.address) + "\r\n" +    //
         "To: " + mailbox(message.to_name, message.to) + "\r\n" +  //
         "Subject: " + header_text(message.subject) + "\r\n" +     //
         "Date: " + rfc5322_date(date) + "\r\n" +                  //
         "Message-ID: <" + message_id + ">\r\n" +                  //
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "Auto-Submitted: auto-generated\r\n"
         "\r\n" +
         base64(crlf_lines(message.body), true) + "\r\n";
}

}  // namespace grappe::mail
