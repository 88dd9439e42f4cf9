// Message formatting (headers, encoded words, base64 body, header injection) and sending
// through libcurl's SMTP to a local sink.
#include "grappe/mail/mail.hpp"

#include <gtest/gtest.h>

#include "../thrown.hpp"
#include "smtp_sink.hpp"

namespace grappe::test {
namespace {

using mail::Message;

// Decodes the base64 body of a formatted message (test helper).
std::string decoded_body(const std::string& text) {
  std::string body = text.substr(text.find("\r\n\r\n") + 4), out;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : body) {
    auto v = alphabet.find(c);
    if (v == std::string::npos) continue;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    if ((count += 6) >= 8) out += static_cast<char>((bits >> (count -= 8)) & 0xFF);
  }
  return out;
}

TEST(MailFormat, HeadersAndBase64Body) {
  Message m{"marie@firm.example", "Marie Dupont", "Invitation",
            "Bonjour Marie,\nVotre lien : https://x/#/a\n"};
  std::string text = mail::format_message(m, {"noreply@cci.example", "CCI"}, 0, "abc@cci.example");
  EXPECT_NE(text.find("From: \"CCI\" <noreply@cci.example>\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("To: \"Marie Dupont\" <marie@firm.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: Invitation\r\n"), std::string::npos);
  EXPECT_NE(text.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(text.find("Message-ID: <abc@cci.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_EQ(decoded_body(text), "Bonjour Marie,\r\nVotre lien : https://x/#/a\r\n");
}

TEST(MailFormat, NonAsciiSubjectAndNameAreEncodedWords) {
  Message m{"a@b.example", "Hélène", "Réunion du groupe « achats » — très longue ligne de sujet à couper",
            "x"};
  std::string text = mail::format_message(m, {"n@c.example", "grappe"}, 0, "id@c.example");
  EXPECT_NE(text.find("To: =?UTF-8?B?" + mail::base64("Hélène", false) + "?= <a@b.example>"),
            std::string::npos);
  auto subject = text.substr(text.find("Subject: "));
  subject = subject.substr(0, subject.find("\r\nDate:"));
  // Folded into several encoded words, none longer than 75 characters, all ASCII.
  EXPECT_NE(subject.find("\r\n =?UTF-8?B?"), std::string::npos) << subject;
  for (unsigned char c : subject) EXPECT_LT(c, 0x80);
}

TEST(MailFormat, RefusesHeaderInjection) {
  mail::Sender from{"n@c.example", "grappe"};
  EXPECT_THROW(mail::format_message({"a@b.example", "", "Hi\r\nBcc: x@y.example", "x"}, from, 0, "i@c"),
               mail::MailError);
  EXPECT_THROW(mail::format_message({"a@b.example\r\nBcc: x@y.example", "", "Hi", "x"}, from, 0, "i@c"),
               mail::MailError);
  EXPECT_THROW(mail::format_message({"a@b.example", "Eve\nBcc: x@y", "Hi", "x"}, from, 0, "i@c"),
               mail::MailError);
  EXPECT_THROW(mail::format_message({"not an address", "", "Hi", "x"}, from, 0, "i@c"), mail::MailError);
  EXPECT_THROW(mail::format_message({"a@b.example", "", "Hi", "x"}, {"<evil>@c", "g"}, 0, "i@c"),
               mail::MailError);
}

TEST(MailFormat, Base64) {
  EXPECT_EQ(mail::base64("", false), "");
  EXPECT_EQ(mail::base64("f", false), "Zg==");
  EXPECT_EQ(mail::base64("fo", false), "Zm8=");
  EXPECT_EQ(mail::base64("foobar", false), "Zm9vYmFy");
  std::string wrapped = mail::base64(std::string(200, 'x'), true);
  EXPECT_EQ(wrapped.find("\r\n"), 76u);
}

TEST(SmtpMailer, DeliversToTheRelay) {
  SmtpSink sink;
  auto mailer = mail::smtp_mailer({sink.url(), {"noreply@cci.example", "CCI"}, "", "", 10});
  mailer->send({"marie@firm.example", "Marie", "Bienvenue", "Ligne 1\n.Ligne qui commence par un point\n"});
  ASSERT_TRUE(sink.wait_for(1));
  auto got = sink.messages().front();
  EXPECT_EQ(got.from, "<noreply@cci.example>");
  EXPECT_EQ(got.to, "<marie@firm.example>");
  EXPECT_NE(got.data.find("Subject: Bienvenue\r\n"), std::string::npos) << got.data;
  EXPECT_EQ(decoded_body(got.data), "Ligne 1\r\n.Ligne qui commence par un point\r\n");
}

TEST(SmtpMailer, ReportsARefusedRecipientAndAnUnreachableRelay) {
  SmtpSink sink;
  auto mailer = mail::smtp_mailer({sink.url(), {"noreply@cci.example", "CCI"}, "", "", 10});
  const auto refused = test::message_of<mail::MailError>([&] {
    mailer->send({"nobody@reject.test", "", "x", "x"});
  });
  EXPECT_NE(refused.find("550"), std::string::npos) << "a refused recipient: " << refused;
  EXPECT_TRUE(sink.messages().empty());
  // Port 1 on loopback: nothing listens there.
  auto nowhere = mail::smtp_mailer({"smtp://127.0.0.1:1", {"noreply@cci.example", "CCI"}, "", "", 5});
  EXPECT_THROW(nowhere->send({"a@b.example", "", "x", "x"}), mail::MailError);
  EXPECT_THROW(mail::smtp_mailer({"http://127.0.0.1:25", {"noreply@cci.example", "CCI"}, "", "", 5}),
               mail::MailError);
}

}  // namespace
}  // namespace grappe::test
