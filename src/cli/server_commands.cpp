// grappe serve (the workspace server) and grappe demo (the whole pipeline on a synthetic register).
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "grappe/common/error.hpp"
#include "grappe/server/demo_pipeline.hpp"
#include "grappe/server/server.hpp"

namespace grappe::cli {
namespace {

server::ApiServer* running_server = nullptr;

void stop_on_signal(int) {
  if (running_server) running_server->stop();
}

void serve(server::ApiServer& api, const server::ServerOptions& options) {
  int port = api.bind();
  fmt::print(stderr, "grappe serve: listening on http://{}:{} (API under /api/v1{})\n", options.bind, port,
             std::filesystem::is_directory(options.web_dir) ? ", web app from " + options.web_dir : ", no web app");
  running_server = &api;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  api.run();
  running_server = nullptr;
}

// Options of the analyses the web app shows (K-density, lineage, simulations; docs/api.md).
void add_analysis_options(CLI::App& command, server::ServerOptions& o) {
  command.add_option("--founders", o.founders_path,
                     "Founders/directors CSV for the lineage of candidates (docs/lineage.md); needs --register")
      ->check(CLI::ExistingFile);
  command.add_option("--salt-file", o.salt_file,
                     "Secret salt for re-hashing person ids of --founders (default $GRAPPE_SALT_FILE or "
                     "~/.config/grappe/person.salt)");
  command.add_option("--kd-simulations", o.kd_simulations, "Monte Carlo simulations of a candidate's K-density envelopes")
      ->capture_default_str()->check(CLI::Range(0, 9999));
  command.add_option("--kd-seed", o.kd_seed, "Master seed of those simulations (as grappe kd --seed)")->capture_default_str();
  command.add_option("--analysis-jobs", o.analysis_jobs, "K-density and simulation runs computed at once")
      ->capture_default_str()->check(CLI::Range(1, 64));
  command.add_option("--analysis-threads", o.analysis_threads, "Threads those runs share (0: all cores)")
      ->capture_default_str()->check(CLI::Range(0, 1024));
  command.add_option("--max-replications", o.max_replications, "Replications allowed in one simulation request")
      ->capture_default_str()->check(CLI::Range(1, 1'000'000));
}

// The HTTP layer's workers and bounds (docs/deploy.md, "Limits").
void add_http_options(CLI::App& command, server::ServerOptions& o) {
  command.add_option("--threads", o.threads, "Handler workers (a request holds one only while it is handled)")
      ->capture_default_str()->check(CLI::Range(4, 4096));
  command.add_option("--db-connections", o.db_connections, "Database connections the handlers share")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  command.add_option("--io-threads", o.io_threads, "Event-loop threads reading and writing connections (0: one per core)")
      ->capture_default_str()->check(CLI::Range(0, 256));
  command.add_option("--max-body", o.max_body_bytes, "Largest request body in bytes, chunked or not (413 past it)")
      ->capture_default_str()->check(CLI::Range(1024, 1 << 30));
  command.add_option("--max-headers", o.max_headers, "Header fields allowed in a request (431 past it)")
      ->capture_default_str()->check(CLI::Range(16, 10000));
  command.add_option("--max-header-bytes", o.max_header_bytes,
                     "Memory of one connection: request line, headers and read buffer (431 past it)")
      ->capture_default_str()->check(CLI::Range(8192, 16 << 20));
  command.add_option("--max-connections", o.max_connections, "Open connections in all")
      ->capture_default_str()->check(CLI::Range(16, 1'000'000));
  command.add_option("--max-connections-per-address", o.max_connections_per_address,
                     "Open connections from one client address (0: no limit)")
      ->capture_default_str()->check(CLI::Range(0, 1'000'000));
  command.add_option("--idle-timeout", o.idle_timeout_seconds, "Seconds a silent connection is kept")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  command
      .add_option("--queue-deadline", o.queue_deadline_seconds,
                  "Seconds a request may wait for a handler worker before it gets 503 (0: no deadline)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  command.add_option("--listen-backlog", o.listen_backlog, "Connections the kernel queues before they are accepted")
      ->capture_default_str()->check(CLI::Range(16, 65535));
}

// E-mail: invitations, reminders and password resets (docs/workspace.md, "Contacts and e-mail").
void add_mail_options(CLI::App& command, server::ServerOptions& o) {
  command.add_option("--smtp-url", o.smtp_url,
                     "SMTP relay for e-mail, smtp://host:port or smtps://host:port (smtp://localhost:25: the "
                     "host's mail transfer agent); without it, messages stay in the outbox the animator reads");
  command.add_option("--mail-from", o.mail_from, "Sender address of the e-mail (needed with --smtp-url)");
  command.add_option("--mail-from-name", o.mail_from_name, "Sender name of the e-mail")->capture_default_str();
  command.add_option("--smtp-user", o.smtp_user,
                     "SMTP AUTH user (the password comes from the GRAPPE_SMTP_PASSWORD environment variable)");
}

void add_serve_command(CLI::App& app) {
  auto* command = app.add_subcommand("serve", "Serve the web workspace and its JSON API (docs/api.md)");
  auto options = std::make_shared<server::ServerOptions>();
  auto init_admin = std::make_shared<std::string>();
  command->add_option("--db", options->database, "SQLite file or postgresql:// URL")->capture_default_str();
  command->add_option("--register", options->register_path, "Register file: firms added by siret are looked up here");
  command->add_option("--candidates", options->candidates_path, "Scan output (JSON) offered as initiative templates");
  command->add_option("--port", options->port, "TCP port")->capture_default_str()->check(CLI::Range(0, 65535));
  command->add_option("--bind", options->bind, "Address to listen on (keep 127.0.0.1 behind a reverse proxy)")
      ->capture_default_str();
  command->add_option("--web", options->web_dir, "Folder of the web app's static files")->capture_default_str();
  command->add_option("--public-url", options->public_url, "Base URL of survey links (default http://BIND:PORT)");
  add_http_options(*command, *options);
  command->add_option("--survey-rate", options->survey_rate_per_token,
                      "Requests per second allowed on one survey link")->capture_default_str()
      ->check(CLI::Range(0.1, 1e6));
  add_analysis_options(*command, *options);
  add_mail_options(*command, *options);
  command->add_option("--init-admin", *init_admin,
                      "Create (or reset) the admin account with this e-mail and print a password to change at "
                      "first login");
  command->callback([options, init_admin] {
    server::ApiServer api(*options);
    if (!init_admin->empty()) {
      std::string password = api.accounts().init_admin(*init_admin);
      // Scripts read the password as the line's last word.
      fmt::print("admin: {}  one-time password: {}\n", *init_admin, password);
      fmt::print("(that password must be changed at first login)\n");
      std::fflush(stdout);
    }
    serve(api, *options);
  });
}

void add_demo_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "demo", "The main job in one go: demo register → ingest → scan → report → a demo initiative with its "
              "launch survey → serve on http://127.0.0.1:8080");
  auto options = std::make_shared<server::DemoOptions>();
  auto serve_options = std::make_shared<server::ServerOptions>();
  auto no_serve = std::make_shared<bool>(false);
  command->add_option("--workdir", options->workdir, "Folder for the demo's files")->capture_default_str();
  command->add_option("--establishments", options->establishments, "Size of the synthetic register")
      ->capture_default_str();
  command->add_option("--port", serve_options->port, "TCP port")->capture_default_str()->check(CLI::Range(0, 65535));
  command->add_option("--web", serve_options->web_dir, "Folder of the web app's static files")->capture_default_str();
  command->add_flag("--no-serve", *no_serve, "Prepare everything, then exit instead of serving");
  command->add_option("--analysis-threads", serve_options->analysis_threads, "Threads of K-density and simulation runs (0: all cores)")
      ->capture_default_str()->check(CLI::Range(0, 1024));
  command->callback([options, serve_options, no_serve] {
    server::DemoResult result = server::run_demo_pipeline(*options);
    serve_options->database = result.database;
    serve_options->register_path = result.register_path;
    serve_options->candidates_path = result.candidates_path;
    serve_options->founders_path = result.founders_path;
    serve_options->salt_file = result.salt_file;
    server::ApiServer api(*serve_options);
    std::string base = "http://127.0.0.1:" + std::to_string(serve_options->port);
    fmt::print("grappe demo ready in {}\n  admin:    {}  password: {}\n", options->workdir, result.admin_email,
               result.admin_password);
    if (!result.animator_email.empty())
      fmt::print("  animator: {}  password: {} (the same)\n", result.animator_email, result.admin_password);
    if (!result.report_path.empty()) fmt::print("  report:   {}\n", result.report_path);
    if (!result.founders_path.empty()) fmt::print("  founders: {} (lineage of the candidates)\n", result.founders_path);
    if (result.initiative_id)
      fmt::print("  initiative {} ({} firms), survey {}: {}/api/v1/surveys/{}\n", result.initiative_id,
                 result.member_count, result.survey_id, base, result.survey_id);
    if (!result.sample_token.empty()) fmt::print("  a survey link: {}/survey/{}\n", base, result.sample_token);
    std::fflush(stdout);
    if (!*no_serve) serve(api, *serve_options);
  });
}

}  // namespace

void add_server_commands(CLI::App& app) {
  add_serve_command(app);
  add_demo_command(app);
}

}  // namespace grappe::cli
