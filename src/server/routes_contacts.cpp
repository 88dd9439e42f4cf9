// Contacts and e-mail (docs/api.md, "Contacts, accounts by link and e-mail"): every
// representative with their member account, member accounts invited by e-mail link, survey
// invitations and reminders by e-mail with a preview, the send log and outbox, accounts an
// admin invites, account deletion, and password reset by link.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "grappe/common/error.hpp"
#include "grappe/workspace/errors.hpp"
#include "initiatives_json.hpp"
#include "input.hpp"
#include "server_impl.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;
using workspace::Transaction;

constexpr std::size_t kPreviewMessages = 3;

std::string password_link(const ApiServer::Impl& s, const std::string& token) {
  return s.public_url() + "/#/password/" + token;
}

std::string initiative_name(ApiServer::Impl& s, std::optional<std::int64_t> id) {
  if (!id) return "";
  return s.db->read([&](Transaction& tx) {
    auto row = tx.query_one("SELECT name FROM initiatives WHERE id = ?", {*id});
    return row ? row->text("name") : "";
  });
}

// The invitation message of a representative's member account, without issuing a link.
Outgoing member_invitation_preview(ApiServer::Impl& s, std::int64_t representative_id) {
  auto link = s.db->read([&](Transaction& tx) {
    auto rep = tx.query_one(
        "SELECT r.name, r.email, r.language, m.initiative_id FROM representatives r JOIN members m "
        "ON m.id = r.member_id WHERE r.id = ?",
        {representative_id});
    if (!rep) workspace::fail_not_found("representative " + std::to_string(representative_id));
    if (rep->text("email").empty())
      workspace::fail_invalid("this representative has no e-mail address: add one first", "no_email");
    return workspace::IssuedLink{.user = {0, rep->text("email"), rep->text("name")},
                                 .language = rep->text("language"),
                                 .initiative_id = rep->integer("initiative_id")};
  });
  link.expires_at = workspace::iso8601_after(workspace::AccountLinks::invitation_lifetime);
  const std::string placeholder = link.language == "en" ? "(the personal link is created on sending)"
                                                        : "(le lien personnel est créé à l'envoi)";
  return account_invitation_mail(link, initiative_name(s, link.initiative_id), placeholder);
}

struct Recipient {
  std::int64_t invitation_id = 0;
  SurveyMailFields fields;
  std::string email;
};

struct Mailing {
  std::int64_t initiative_id = 0;
  std::string status;                   // the survey's
  std::vector<Recipient> recipients{};  // with an e-mail address
  json without_email = json::array();   // firms to reach another way
  std::int64_t responded = 0;           // left out of reminders
};

Mailing survey_mailing(ApiServer::Impl& s, std::int64_t survey_id, const std::string& kind) {
  return s.db->read([&](Transaction& tx) {
    auto survey = tx.query_one(
        "SELECT s.status, c.initiative_id, i.name FROM surveys s JOIN components c ON c.id = "
        "s.component_id JOIN initiatives i ON i.id = c.initiative_id WHERE s.id = ?",
        {survey_id});
    if (!survey) workspace::fail_not_found("survey " + std::to_string(survey_id));
    Mailing out{.initiative_id = survey->integer("initiative_id"), .status = survey->text("status")};
    for (const auto& row : tx.query("SELECT i.id, i.token, i.responded_at, m.name AS firm, r.name, r.email, "
                                    "r.language FROM invitations i LEFT JOIN members m ON m.id = i.member_id "
                                    "LEFT JOIN representatives r ON r.id = i.representative_id WHERE "
                                    "i.survey_id = ? ORDER BY m.name, i.id",
                                    {survey_id})) {
      if (kind == "reminder" && !row.is_null("responded_at")) {
        ++out.responded;
        continue;
      }
      if (row.text("email").empty()) {
        out.without_email.push_back({{"firm", row.text("firm")}, {"name", row.text("name")}});
        continue;
      }
      out.recipients.push_back(
          {row.integer("id"),
           {kind, row.optional_text("language").value_or("fr"), row.text("name"), row.text("firm"),
            survey->text("name"), s.public_url() + "/survey/" + row.text("token")},
           row.text("email")});
    }
    return out;
  });
}

Outgoing recipient_mail(const Mailing& mailing, const Recipient& r) {
  Outgoing m = survey_mail(r.fields);
  m.to = r.email;
  m.to_name = r.fields.name;
  m.initiative_id = mailing.initiative_id;
  return m;
}

json send_mailing(ApiServer::Impl& s, Context& ctx, std::int64_t survey_id, const std::string& kind,
                  bool preview) {
  Mailing mailing = survey_mailing(s, survey_id, kind);
  json out = {{"kind", kind},
              {"recipients", mailing.recipients.size()},
              {"without_email", mailing.without_email},
              {"already_responded", mailing.responded},
              {"relay", s.mail->has_relay()}};
  if (preview) {
    json messages = json::array();
    for (std::size_t i = 0; i < std::min(kPreviewMessages, mailing.recipients.size()); ++i)
      messages.push_back(recipient_mail(mailing, mailing.recipients[i]).to_json());
    out["messages"] = messages;
    return out;
  }
  if (mailing.status != "open")
    workspace::fail_conflict("open the survey before sending its links (it is " + mailing.status + ")",
                             "survey_not_open");
  json counts = {{"sent", 0}, {"outbox", 0}, {"failed", 0}}, items = json::array();
  for (const auto& r : mailing.recipients) {
    json entry = s.mail->deliver(ctx.actor, recipient_mail(mailing, r));
    counts[entry["status"].get<std::string>()] = counts[entry["status"].get<std::string>()].get<int>() + 1;
    if (entry["status"] != "failed")
      s.db->write([&](Transaction& tx) {
        tx.execute(kind == "reminder" ? "UPDATE invitations SET reminded_at = ? WHERE id = ?"
                                      : "UPDATE invitations SET invited_at = ? WHERE id = ?",
                   {workspace::now_iso8601(), r.invitation_id});
      });
    items.push_back(entry);
  }
  out.update(counts);
  out["items"] = items;
  return out;
}

void add_mail_routes(Router& r, ApiServer::Impl& s) {
  r.add("GET", "/api/v1/initiatives/{id}/representatives", Access::animator, [&s](Context& ctx) -> Reply {
    return items_json(s.initiatives->all_representatives(ctx.id(1)), contact_json);
  });
  // body {preview?}: the message, or the account with its invitation sent (or in the outbox).
  r.add("POST", "/api/v1/representatives/{id}/account", Access::animator, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    if (input::boolean(body, "preview").value_or(false))
      return json{{"message", member_invitation_preview(s, ctx.id(1)).to_json()},
                  {"relay", s.mail->has_relay()}};
    workspace::IssuedLink link = s.links->invite_representative(ctx.actor, ctx.id(1));
    json mail = s.mail->deliver(
        ctx.actor,
        account_invitation_mail(link, initiative_name(s, link.initiative_id), password_link(s, link.token)));
    return Reply(201, json{{"user", user_json(link.user)}, {"expires_at", link.expires_at}, {"mail", mail}});
  });
  // body {kind: invitation|reminder, preview?}
  r.add("POST", "/api/v1/surveys/{id}/mailings", Access::animator, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    std::string kind = input::text(body, "kind", 20).value_or("invitation");
    if (kind != "invitation" && kind != "reminder")
      workspace::fail_invalid("'kind' must be invitation or reminder");
    return send_mailing(s, ctx, ctx.id(1), kind, input::boolean(body, "preview").value_or(false));
  });
  r.add("GET", "/api/v1/mail", Access::animator, [&s](Context& ctx) -> Reply {
    std::int64_t initiative = ctx.query_integer("initiative", 0, 0, INT64_MAX / 2);
    return s.mail->log(initiative ? std::optional(initiative) : std::nullopt, ctx.at_least(Access::admin),
                       ctx.query_integer("offset", 0, 0, 1'000'000'000),
                       ctx.query_integer("limit", 50, 1, 500));
  });
}

void add_account_link_routes(Router& r, ApiServer::Impl& s) {
  r.add("POST", "/api/v1/users/invitations", Access::admin, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    std::string email = input::email(body, "email", true);
    auto role = workspace::parse_role(input::required_text(body, "role", 20));
    if (!role) workspace::fail_invalid("'role' must be admin, animator, observer or member");
    auto link = s.links->invite_user(ctx.actor, email, input::text(body, "name").value_or(""), *role);
    json mail = s.mail->deliver(ctx.actor, account_invitation_mail(link, "", password_link(s, link.token)));
    return Reply(201, json{{"user", user_json(link.user)}, {"expires_at", link.expires_at}, {"mail", mail}});
  });
  r.add("DELETE", "/api/v1/users/{id}", Access::admin, [&s](Context& ctx) -> Reply {
    s.accounts->delete_user(ctx.actor, ctx.id(1));
    return Reply(204, nullptr);
  });
  r.add("GET", "/api/v1/account-links/{token}", Access::anonymous, [&s](Context& ctx) -> Reply {
    const auto link = s.links->inspect(ctx.path_text(1));
    return json{{"purpose", link.purpose},
                {"email", link.user.email},
                {"name", link.user.name},
                {"expires_at", link.expires_at}};
  });
  r.add("POST", "/api/v1/account-links/{token}", Access::anonymous, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    auto user = s.links->redeem(ctx.path_text(1), input::required_text(body, "password", 256));
    return json{{"email", user.email}, {"role", workspace::to_string(user.role)}};
  });
  // The same answer whether or not the e-mail has an account.
  r.add("POST", "/api/v1/password-reset", Access::anonymous, [&s](Context& ctx) -> Reply {
    json body = input::object(ctx.body());
    std::string email = input::email(body, "email", true);
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (!s.resets_per_client.take(ctx.req.remote_addr))
      throw Error(ErrorKind::too_many, "too_many_attempts",
                                      "too many reset requests from this address: wait a few minutes");
    if (s.resets_per_email.take(email))
      if (auto link = s.links->request_reset(ctx.actor, email))
        s.mail->deliver(ctx.actor, password_reset_mail(*link, password_link(s, link->token)));
    return Reply(202, json{{"requested", true}});
  });
}

}  // namespace

std::unique_ptr<MailService> open_mail_service(const ServerOptions& o, workspace::Database& db) {
  if (o.smtp_url.empty()) return std::make_unique<MailService>(db, nullptr);
  if (o.mail_from.empty()) throw InputError("--smtp-url needs --mail-from (the sender's address)");
  const char* password = std::getenv("GRAPPE_SMTP_PASSWORD");
  try {
    return std::make_unique<MailService>(
        db, mail::smtp_mailer(
                {o.smtp_url, {o.mail_from, o.mail_from_name}, o.smtp_user, password ? password : ""}));
  } catch (const mail::MailError& e) {
    throw InputError(e.what());
  }
}

void add_contact_routes(Router& r, ApiServer::Impl& s) {
  add_mail_routes(r, s);
  add_account_link_routes(r, s);
}

}  // namespace grappe::server
