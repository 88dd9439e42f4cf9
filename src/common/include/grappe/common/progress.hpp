#pragma once
// Progress on long work, printed to stderr at most a few times a second; silent when stderr is
// not a terminal unless forced (so logs of batch runs stay short).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace grappe {

class Progress {
 public:
  // total = 0 when unknown (then counts are printed without a percentage).
  Progress(std::string label, std::uint64_t total, std::string unit = "");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Thread-safe; cheap when called often.
  void advance(std::uint64_t n = 1);
  void finish();

  // Global switch for --quiet and for tests.
  static void set_enabled(bool enabled);
  static bool enabled();

 private:
  void maybe_print(bool force);
  std::string label_;
  std::string unit_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::int64_t> last_print_ns_{0};
  std::mutex print_mutex_;
  bool finished_ = false;
  bool tty_;
};

}  // namespace grappe
