#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include "commands.hpp"
#include "grappe/common/error.hpp"

namespace grappe::cli {

void add_threads_option(CLI::App& command, ThreadsOption& option) {
  command.add_option("--threads", option.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 4096));
}

ThreadLimit::ThreadLimit(const ThreadsOption& option) {
  int cores = tbb::info::default_concurrency();
  threads_ = option.threads > 0 ? option.threads : cores;
  control_ = new tbb::global_control(tbb::global_control::max_allowed_parallelism,
                                     static_cast<std::size_t>(threads_));
}

ThreadLimit::~ThreadLimit() { delete static_cast<tbb::global_control*>(control_); }

}  // namespace grappe::cli
