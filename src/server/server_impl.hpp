#pragma once
// Internal state of ApiServer, shared with the route files.
#include "grappe/animation/store.hpp"
#include "grappe/server/server.hpp"
#include "grappe/workspace/survey.hpp"
#include "analyses.hpp"
#include "http.hpp"
#include "mail_service.hpp"
#include "rate_limit.hpp"
#include "router.hpp"

namespace grappe::server {

struct ApiServer::Impl {
  ServerOptions options;
  std::unique_ptr<workspace::Database> db;
  std::unique_ptr<workspace::Accounts> accounts;
  std::unique_ptr<workspace::FirmDirectory> directory;
  std::unique_ptr<workspace::Initiatives> initiatives;
  std::unique_ptr<workspace::Surveys> surveys;
  std::unique_ptr<animation::AnimationStore> animation;
  std::unique_ptr<workspace::AccountLinks> links;  // invitation and reset links (routes_contacts.cpp)
  std::unique_ptr<MailService> mail;
  std::vector<Candidate> candidates;
  // Analyses (routes_analyses.cpp): the register file when given, its lineage service and the
  // K-density cache; CPU-heavy runs go through the gate.
  std::shared_ptr<const Register> register_file;
  std::unique_ptr<lineage::LineageService> lineage;
  std::unique_ptr<ComputeGate> gate;
  std::unique_ptr<KdService> kd;
  std::unique_ptr<HttpServer> http;
  std::unique_ptr<Router> router;
  std::unique_ptr<RateLimiter> per_token;  // requests on one survey link
  RateLimiter misses_per_client{0.5, 30};  // unknown survey links tried from one address
  RateLimiter resets_per_client{1.0 / 60, 5};   // password-reset requests from one address
  RateLimiter resets_per_email{1.0 / 600, 3};   // reset messages to one address
  int port = 0;
  int schema_version = 0;  // after the start-up migrations

  std::string public_url() const;
};

void add_account_routes(Router& router, ApiServer::Impl& server);
void add_initiative_routes(Router& router, ApiServer::Impl& server);
void add_survey_routes(Router& router, ApiServer::Impl& server);
void add_animation_routes(Router& router, ApiServer::Impl& server);
void add_analysis_routes(Router& router, ApiServer::Impl& server);
void add_contact_routes(Router& router, ApiServer::Impl& server);
// The e-mail service of the options: SMTP when smtp_url is set, else the outbox only.
std::unique_ptr<MailService> open_mail_service(const ServerOptions& options, workspace::Database& db);

// {id, email, name, role, initiative_roles: [{initiative_id, role}], disabled,
// must_change_password} (routes_accounts.cpp).
nlohmann::json user_json(const workspace::User& user);

// Refuses a member user who represents no firm of the initiative (403 not_representative);
// returns the firms the caller may act for (routes_animation.cpp, GET …/me).
std::vector<workspace::Member> readable_initiative(Context& ctx, animation::AnimationStore& store,
                                                   std::int64_t initiative);
// A date query parameter (YYYY-MM-DD), none when absent or empty (routes_animation.cpp).
std::optional<animation::Date> query_date(Context& ctx, const std::string& name);

// The register as a FirmDirectory sharing the server's register.
std::unique_ptr<workspace::FirmDirectory> register_directory(std::shared_ptr<const Register> reg);

}  // namespace grappe::server
