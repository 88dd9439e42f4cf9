#include "grappe/server/demo_pipeline.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "demo_contacts.hpp"
#include "grappe/animation/store.hpp"
#include "grappe/candidate/candidate.hpp"
#include "grappe/common/error.hpp"
#include "grappe/common/paths.hpp"
#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/initiatives.hpp"
#include "grappe/workspace/migrations.hpp"
#include "grappe/workspace/survey.hpp"

namespace grappe::server {
namespace {

namespace fs = std::filesystem;

// Runs `exe args…`. Returns the exit status.
int run(const std::string& exe, const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid < 0) throw Error("cannot start a subprocess");
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>("grappe")};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

void stage(const char* name, const std::string& message) { std::fprintf(stderr, "demo: %s: %s\n", name, message.c_str()); }

bool run_stage(const DemoOptions& o, const char* name, const std::vector<std::string>& args, const fs::path& output) {
  if (fs::exists(output)) {
    stage(name, "reusing " + output.string());
    return true;
  }
  stage(name, "running grappe " + args.front() + " …");
  if (run(o.executable, args) != 0 || !fs::exists(output)) {
    stage(name, "failed (see the messages above); continuing without it");
    return false;
  }
  return true;
}

// The shop-fitting candidate: its trade, or its NAF codes (31.01Z), else the best ranked one.
const Candidate& pick_candidate(const std::vector<Candidate>& candidates) {
  for (const auto& c : candidates)
    if (c.trade == "shop-fitting" || std::count(c.codes.begin(), c.codes.end(), "31.01Z")) return c;
  return candidates.front();
}

void create_initiative(const DemoOptions& o, DemoResult& result) {
  fs::path db_path = fs::path(o.workdir) / "grappe.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  auto db = workspace::open_database(db_path.string(), 4);
  workspace::migrate(*db, animation::server_migrations());
  workspace::Accounts accounts(*db);
  result.database = db_path.string();
  result.admin_email = "admin@demo.grappe.fr";
  result.admin_password = accounts.init_admin(result.admin_email);
  workspace::Actor system{std::nullopt, "demo"};
  result.animator_email = "animatrice@demo.grappe.fr";
  // Both demo passwords are printed: they must be changed at first login (issue 19).
  accounts.create_user(system, result.animator_email, "Animatrice (démo)", workspace::Role::animator,
                       result.admin_password, true);

  workspace::NewInitiative request;
  if (!result.candidates_path.empty()) {
    const auto candidates = read_candidates(result.candidates_path);
    if (!candidates.empty()) request = workspace::initiative_from(pick_candidate(candidates));
  }
  if (!request.candidate) stage("initiative", "no scan candidates: the initiative starts without members");
  request.name = "Agencement de magasins — démo";
  request.trade = "shop-fitting";
  request.description = "Initiative de démonstration créée par grappe demo.";
  workspace::Initiatives initiatives(*db, nullptr);
  const auto initiative = initiatives.create(system, request);
  result.initiative_id = initiative.id;
  result.member_count = initiative.member_count;
  add_demo_representatives(*db, result.initiative_id);
  workspace::Surveys surveys(*db);
  result.survey_id = surveys.create(system, result.initiative_id, {}).id;
  const auto invitations = surveys.create_invitations(system, result.survey_id);
  surveys.set_status(system, result.survey_id, "open");
  if (!invitations.empty()) result.sample_token = invitations.front().token;
  try {
    seed_demo_history(*db, result.initiative_id, system);
  } catch (const std::exception& e) {
    stage("history", std::string("failed: ") + e.what() + "; the initiative starts without one");
  }
  stage("initiative", "initiative " + std::to_string(result.initiative_id) + " with " +
                          std::to_string(result.member_count) + " firms, survey " +
                          std::to_string(result.survey_id) + " open with " +
                          std::to_string(invitations.size()) + " personal links");
}

}  // namespace

DemoResult run_demo_pipeline(const DemoOptions& options) {
  // The messages name the real executable, not /proc/self/exe.
  DemoOptions o = options;
  if (fs::is_symlink(options.executable)) o.executable = fs::read_symlink(options.executable).string();
  fs::create_directories(o.workdir);
  DemoResult result;
  fs::path dir = o.workdir, sirene = dir / "sirene", register_path = dir / "register.grappe";
  fs::path candidates = dir / "candidates.json", report = dir / "report.html";
  run_stage(o, "register", {"demo-register", "--out", sirene.string(), "--establishments",
                            std::to_string(o.establishments)}, sirene / "StockEtablissement_utf8.csv");
  // The demo register plants a few malformed lines to show how ingest reports them.
  if (fs::exists(sirene / "StockEtablissement_utf8.csv") && !fs::exists(register_path))
    stage("ingest", "the \"malformed line\" messages below are planted on purpose in the demo register: "
                    "they show how ingest reports bad rows, not a failure");
  if (fs::exists(sirene / "StockEtablissement_utf8.csv") &&
      run_stage(o, "ingest", {"ingest", "--etablissements", (sirene / "StockEtablissement_utf8.csv").string(),
                              "--unites-legales", (sirene / "StockUniteLegale_utf8.csv").string(), "--successions",
                              (sirene / "StockEtablissementLiensSuccession_utf8.csv").string(), "--out",
                              register_path.string()}, register_path))
    result.register_path = register_path.string();
  if (!result.register_path.empty() && fs::exists(sirene / "founders.csv")) {
    result.founders_path = (sirene / "founders.csv").string();
    result.salt_file = (dir / "person.salt").string();  // the demo's own, not the installation's
  }
  if (!result.register_path.empty()) {
    if (run_stage(o, "scan",
                  {"scan", "--register", result.register_path, "--all", "--out", candidates.string()},
                  candidates))
      result.candidates_path = candidates.string();
  }
  if (!result.candidates_path.empty() &&
      run_stage(o, "report", {"report", "--register", result.register_path, "--candidates", result.candidates_path,
                              "--out", report.string()}, report))
    result.report_path = report.string();
  create_initiative(o, result);
  return result;
}

}  // namespace grappe::server
