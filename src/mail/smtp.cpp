#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <mutex>

#include "grappe/mail/mail.hpp"

namespace grappe::mail {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string& data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->at);
  std::memcpy(buffer, upload->data.data() + upload->at, n);
  upload->at += n;
  return n;
}

// A unique Message-ID: 16 random bytes at the sender's domain.
std::string message_id(const std::string& from) {
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return std::string(hex) + from.substr(from.find('@'));
}

class SmtpMailer : public Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    if (settings_.url.rfind("smtp://", 0) != 0 && settings_.url.rfind("smtps://", 0) != 0)
      throw MailError("the SMTP URL must start with smtp:// or smtps:// (got '" + settings_.url + "')");
    check_address(settings_.from.address, "--mail-from");
    global_init();
    if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  }

  void send(const Message& message) override {
    const std::string text =
        format_message(message, settings_.from, std::time(nullptr), message_id(settings_.from.address));
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw MailError("libcurl could not start a transfer");
    const std::string from = "<" + settings_.from.address + ">", to = "<" + message.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(recipients, curl_slist_free_all);
    Upload upload{text};
    char error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    // A relay that offers STARTTLS gets it; a local MTA on port 25 may not offer it.
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, settings_.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(10L, settings_.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK)
      throw MailError("SMTP " + settings_.url + ": " +
                      (*error ? std::string(error) : curl_easy_strerror(code)));
  }

 private:
  SmtpSettings settings_;
};

}  // namespace

std::unique_ptr<Mailer> smtp_mailer(SmtpSettings settings) {
  return std::make_unique<SmtpMailer>(std::move(settings));
}

}  // namespace grappe::mail
