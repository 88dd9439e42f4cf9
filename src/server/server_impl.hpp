#pragma once
// Internal state of ApiServer, shared with the route files.
#include <httplib.h>

#include "grappe/animation/store.hpp"
#include "grappe/server/server.hpp"
#include "grappe/workspace/survey.hpp"
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
  nlohmann::json candidates = nlohmann::json::array();
  httplib::Server http;
  std::unique_ptr<Router> router;
  std::unique_ptr<RateLimiter> per_token;  // requests on one survey link
  RateLimiter misses_per_client{0.5, 30};  // unknown survey links tried from one address
  int port = 0;
  int schema_version = 0;  // after the start-up migrations

  std::string public_url() const;
};

void add_account_routes(Router& router, ApiServer::Impl& server);
void add_initiative_routes(Router& router, ApiServer::Impl& server);
void add_survey_routes(Router& router, ApiServer::Impl& server);
void add_animation_routes(Router& router, ApiServer::Impl& server);

}  // namespace grappe::server
