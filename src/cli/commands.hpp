#pragma once
// Each module adds its subcommands to the `grappe` app. A subcommand's callback throws
// grappe::InputError for bad input (exit 2) and grappe::Error for other failures (exit 1).
#include <CLI/CLI.hpp>

namespace grappe::cli {

void add_register_commands(CLI::App& app);  // ingest, info, export
void add_demo_commands(CLI::App& app);      // demo-register
void add_measure_commands(CLI::App& app);   // measure, kd, mfun
void add_scan_commands(CLI::App& app);      // scan, report
void add_lineage_commands(CLI::App& app);   // lineage
void add_sim_commands(CLI::App& app);       // simulate
void add_animation_commands(CLI::App& app); // needs
void add_server_commands(CLI::App& app);    // serve, demo

// --threads N (default: all cores): returns the option so callers can read it after parsing.
// Applies the limit to oneTBB for the duration of the command (see common_options.cpp).
struct ThreadsOption {
  int threads = 0;  // 0: all cores
};
void add_threads_option(CLI::App& command, ThreadsOption& option);
// Limits oneTBB to option.threads for the lifetime of the returned object.
class ThreadLimit {
 public:
  explicit ThreadLimit(const ThreadsOption& option);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;
  int threads() const { return threads_; }

 private:
  void* control_ = nullptr;
  int threads_ = 1;
};

}  // namespace grappe::cli
