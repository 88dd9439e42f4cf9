#pragma once
// Internal: the workspace's e-mail (survey invitations and reminders, member-account
// invitations, password resets): composed in the recipient's language, sent through the SMTP
// relay when the server has one, otherwise kept in an outbox; every message is logged in
// `mail_messages` with its status.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "grappe/mail/mail.hpp"
#include "grappe/workspace/account_links.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::server {

struct Outgoing {
  std::optional<std::int64_t> initiative_id{};
  // survey_invitation, survey_reminder, account_invitation, user_invitation, password_reset
  std::string kind{};
  std::string to{}, to_name{}, language{}, subject{}, body{};
  nlohmann::json to_json() const;
};

// The texts, in French or English ("en"; anything else is French).
struct SurveyMailFields {
  std::string kind;  // "invitation" or "reminder"
  std::string language, name, firm, initiative, link;
};
Outgoing survey_mail(const SurveyMailFields& fields);
Outgoing account_invitation_mail(const workspace::IssuedLink& link, const std::string& initiative,
                                 const std::string& url);
Outgoing password_reset_mail(const workspace::IssuedLink& link, const std::string& url);

class MailService {
 public:
  MailService(workspace::Database& db, std::unique_ptr<mail::Mailer> mailer)
      : db_(db), mailer_(std::move(mailer)) {}
  bool has_relay() const { return mailer_ != nullptr; }
  // Sends the message through the relay (status "sent", or "failed" with the relay's answer),
  // or keeps it in the outbox (status "outbox") without one; logs it either way and returns
  // the log entry.
  nlohmann::json deliver(const workspace::Actor& actor, const Outgoing& message);
  // The send log, newest first. Messages about accounts an admin creates and password resets
  // carry working links to any account: only admins see them (`admin`).
  nlohmann::json log(std::optional<std::int64_t> initiative, bool admin, std::int64_t offset,
                     std::int64_t limit);

 private:
  workspace::Database& db_;
  std::unique_ptr<mail::Mailer> mailer_;
};

}  // namespace grappe::server
