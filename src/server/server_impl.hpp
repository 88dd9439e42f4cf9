#pragma once
// Internal state of ApiServer, shared with the route files.
#include <httplib.h>

#include "grappe/animation/store.hpp"
#include "grappe/server/server.hpp"
#include "grappe/workspace/survey.hpp"
#include "analyses.hpp"
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
  // Analyses (routes_analyses.cpp): the register file when given, its lineage service and the
  // K-density cache; CPU-heavy runs go through the gate.
  std::shared_ptr<const Register> register_file;
  std::unique_ptr<lineage::LineageService> lineage;
  std::unique_ptr<ComputeGate> gate;
  std::unique_ptr<KdService> kd;
  httplib::Server http;
  std::unique_ptr<Router> router;
  std::unique_ptr<RateLimiter> per_token;  // requests on one survey link
  RateLimiter misses_per_client{0.5, 30};  // unknown survey links tried from one address
  int port = 0;
  int listen_socket = -1;  // seen through the socket-options hook, to raise the backlog
  int schema_version = 0;  // after the start-up migrations

  std::string public_url() const;
};

inline constexpr int kListenBacklog = 1024;

void add_account_routes(Router& router, ApiServer::Impl& server);
void add_initiative_routes(Router& router, ApiServer::Impl& server);
void add_survey_routes(Router& router, ApiServer::Impl& server);
void add_animation_routes(Router& router, ApiServer::Impl& server);
void add_analysis_routes(Router& router, ApiServer::Impl& server);

// The register as a FirmDirectory sharing the server's register.
std::unique_ptr<workspace::FirmDirectory> register_directory(std::shared_ptr<const Register> reg);

}  // namespace grappe::server
