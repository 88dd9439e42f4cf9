#pragma once
// `grappe demo`: the pipeline on a synthetic register, each stage run as a subcommand of this
// same executable (so a stage whose module is not built yet is skipped with a message), then a
// demo initiative from the shop-fitting candidate (the scan covers every trade, so every planted
// cluster reaches the map) with its launch survey open.
#include <cstdint>
#include <string>

#include "grappe/workspace/auth.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::server {

struct DemoOptions {
  std::string workdir = "grappe-demo";
  std::uint64_t establishments = 100'000;
  std::string executable = "/proc/self/exe";
};

struct DemoResult {
  std::string database, register_path, candidates_path, report_path;  // empty when a stage was skipped
  std::string founders_path;  // the demo register's founders file (lineage), when written
  std::string salt_file;      // the demo's own salt for re-hashing its founders' person ids
  std::string admin_email, admin_password;
  std::string animator_email;  // the demo animator, same first password as the admin
  std::int64_t initiative_id = 0, survey_id = 0, member_count = 0;
  std::string sample_token;  // one personal survey link's token
};

DemoResult run_demo_pipeline(const DemoOptions& options);

// The demo initiative's scripted history (demo_history.cpp): a year of animation on the
// initiative's firms (nothing when it has fewer than 8) — dated memberships, referrals, four
// topics through every stage, two of them opened and led by member firms.
void seed_demo_history(workspace::Database& db, std::int64_t initiative, const workspace::Actor& system);

}  // namespace grappe::server
