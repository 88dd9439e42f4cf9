#include "mail_service.hpp"

#include "grappe/workspace/auth.hpp"

namespace grappe::server {
namespace {

using nlohmann::json;

bool english(const std::string& language) { return language == "en"; }

std::string greeting(const std::string& language, const std::string& name) {
  if (english(language)) return name.empty() ? "Hello,\n\n" : "Hello " + name + ",\n\n";
  return name.empty() ? "Bonjour,\n\n" : "Bonjour " + name + ",\n\n";
}

// "2026-12-13T10:00:00Z" → "2026-12-13 10:00 UTC": the expiry as a person reads it.
std::string readable_time(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

json Outgoing::to_json() const {
  return {{"kind", kind},         {"to", to},           {"to_name", to_name},
          {"language", language}, {"subject", subject}, {"body", body}};
}

Outgoing survey_mail(const SurveyMailFields& f) {
  const bool reminder = f.kind == "reminder";
  Outgoing m{.kind = reminder ? "survey_reminder" : "survey_invitation",
             .language = english(f.language) ? "en" : "fr"};
  if (english(f.language)) {
    m.subject = (reminder ? "Reminder: " : "") + f.initiative + " — a short survey for " + f.firm;
    m.body = greeting(f.language, f.name) +
             (reminder ? "We have not received the answers of " + f.firm + " yet. "
                       : "You are invited, for " + f.firm + ", to the launch of the initiative \"" +
                             f.initiative + "\". ") +
             "The survey takes about ten minutes: your needs, what you could share, and the firms you work "
             "with.\n\nYour personal link (no account needed; keep it to yourself):\n" +
             f.link +
             "\n\nYou can change your answers until the survey closes, download them or erase them "
             "through the same link.\n";
  } else {
    m.subject = (reminder ? "Rappel : " : "") + f.initiative + " — un court questionnaire pour " + f.firm;
    m.body = greeting(f.language, f.name) +
             (reminder ? "Nous n'avons pas encore reçu les réponses de " + f.firm + ". "
                       : "Vous êtes invité·e, pour " + f.firm + ", au lancement de l'initiative « " +
                             f.initiative + " ». ") +
             "Le questionnaire prend une dizaine de minutes : vos besoins, ce que vous pourriez partager, "
             "les entreprises avec qui vous travaillez.\n\nVotre lien personnel (sans compte ; ne le "
             "transmettez pas) :\n" +
             f.link +
             "\n\nVous pouvez modifier vos réponses jusqu'à la clôture, les télécharger ou les "
             "effacer avec ce même lien.\n";
  }
  return m;
}

Outgoing account_invitation_mail(const workspace::IssuedLink& link, const std::string& initiative,
                                 const std::string& url) {
  Outgoing m{.initiative_id = link.initiative_id,
             .kind = link.initiative_id ? "account_invitation" : "user_invitation",
             .to = link.user.email,
             .to_name = link.user.name,
             .language = english(link.language) ? "en" : "fr"};
  const std::string expires = readable_time(link.expires_at);
  if (english(link.language)) {
    m.subject = initiative.empty() ? "Your grappe account" : "Your member account for " + initiative;
    m.body = greeting("en", link.user.name) +
             (initiative.empty() ? "An account was opened for you on grappe."
                                 : "Your firm takes part in \"" + initiative +
                                       "\". With this account you read the board, state and support needs, "
                                       "propose and lead topics for your firm.") +
             "\n\nChoose your password here (the link works once, until " + expires + "):\n" + url +
             "\n\nYour login is this e-mail address: " + link.user.email + "\n";
  } else {
    m.subject = initiative.empty() ? "Votre compte grappe" : "Votre compte membre pour " + initiative;
    m.body =
        greeting("fr", link.user.name) +
        (initiative.empty() ? "Un compte vous a été ouvert sur grappe."
                            : "Votre entreprise participe à « " + initiative +
                                  " ». Avec ce compte, vous consultez le tableau, exprimez et soutenez des "
                                  "besoins, proposez et pilotez des sujets pour votre entreprise.") +
        "\n\nChoisissez votre mot de passe ici (lien valable une fois, jusqu'au " + expires + ") :\n" + url +
        "\n\nVotre identifiant est cette adresse : " + link.user.email + "\n";
  }
  return m;
}

Outgoing password_reset_mail(const workspace::IssuedLink& link, const std::string& url) {
  Outgoing m{.kind = "password_reset", .to = link.user.email, .to_name = link.user.name, .language = "fr"};
  // Accounts have no language of their own: the reset message is bilingual.
  m.subject = "grappe — réinitialisation du mot de passe / password reset";
  m.body =
      greeting("fr", link.user.name) +
      "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une fois, jusqu'au " +
      readable_time(link.expires_at) + ") :\n" + url +
      "\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\n— \n\n" +
      "To choose a new password, open the link above (it works once, until " +
      readable_time(link.expires_at) +
      ").\nIf you did not ask for it, ignore this message: your password stays as it is.\n";
  return m;
}

json MailService::deliver(const workspace::Actor& actor, const Outgoing& m) {
  std::string status = "outbox", error;
  if (mailer_) {
    try {
      mailer_->send({m.to, m.to_name, m.subject, m.body});
      status = "sent";
    } catch (const std::exception& e) {
      status = "failed";
      error = e.what();
    }
  }
  return db_.write([&](workspace::Transaction& tx) {
    const std::string now = workspace::now_iso8601();
    auto id = tx.insert(
        "INSERT INTO mail_messages (initiative_id, kind, to_address, to_name, language, subject, body, "
        "status, error, created_by, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {m.initiative_id ? workspace::Value(*m.initiative_id) : workspace::Value(nullptr), m.kind, m.to,
         m.to_name, m.language, m.subject, m.body, status, error, actor.label, now,
         status == "sent" ? workspace::Value(now) : workspace::Value(nullptr)});
    workspace::audit(tx, actor, "mail." + status, "mail:" + std::to_string(id), m.kind);
    return json{{"id", id}, {"status", status}, {"error", error}, {"to", m.to}, {"kind", m.kind}};
  });
}

json MailService::log(std::optional<std::int64_t> initiative, bool admin, std::int64_t offset,
                      std::int64_t limit) {
  std::string where = admin ? "1 = 1" : "kind NOT IN ('user_invitation', 'password_reset')";
  workspace::Params params;
  if (initiative) {
    where += " AND initiative_id = ?";
    params.push_back(*initiative);
  }
  return db_.read([&](workspace::Transaction& tx) {
    const auto total =
        tx.query_one("SELECT COUNT(*) AS n FROM mail_messages WHERE " + where, params)->integer("n");
    params.push_back(limit);
    params.push_back(offset);
    json items = json::array();
    for (const auto& row :
         tx.query("SELECT id, initiative_id, kind, to_address, to_name, language, subject, body, "
                  "status, error, created_by, created_at, sent_at FROM mail_messages WHERE " +
                      where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                  params))
      items.push_back({{"id", row.integer("id")},
                       {"initiative_id",
                        row.is_null("initiative_id") ? json(nullptr) : json(row.integer("initiative_id"))},
                       {"kind", row.text("kind")},
                       {"to", row.text("to_address")},
                       {"to_name", row.text("to_name")},
                       {"language", row.text("language")},
                       {"subject", row.text("subject")},
                       {"body", row.text("body")},
                       {"status", row.text("status")},
                       {"error", row.text("error")},
                       {"created_by", row.text("created_by")},
                       {"created_at", row.text("created_at")},
                       {"sent_at", row.optional_text("sent_at").value_or("")}});
    return json{
        {"items", items}, {"total", total}, {"offset", offset}, {"limit", limit}, {"relay", has_relay()}};
  });
}

}  // namespace grappe::server
