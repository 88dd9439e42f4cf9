#include "grappe/common/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace grappe {

namespace {
std::atomic<bool> g_enabled{true};
constexpr std::int64_t kPrintIntervalNs = 250'000'000;
}  // namespace

void Progress::set_enabled(bool enabled) { g_enabled = enabled; }
bool Progress::enabled() { return g_enabled; }

Progress::Progress(std::string label, std::uint64_t total, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      tty_(isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { finish(); }

void Progress::advance(std::uint64_t n) {
  done_.fetch_add(n, std::memory_order_relaxed);
  maybe_print(false);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  maybe_print(true);
}

void Progress::maybe_print(bool force) {
  if (!g_enabled || !tty_) return;
  auto now = std::chrono::steady_clock::now();
  std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - start_).count();
  std::int64_t last = last_print_ns_.load(std::memory_order_relaxed);
  if (!force && ns - last < kPrintIntervalNs) return;
  if (!last_print_ns_.compare_exchange_strong(last, ns) && !force) return;
  std::lock_guard lock(print_mutex_);
  double seconds = ns / 1e9;
  std::uint64_t done = done_.load();
  std::string line = total_ > 0 ? fmt::format("\r{}: {}/{} {} ({:.0f}%) {:.1f}s", label_, done, total_, unit_,
                                              100.0 * done / total_, seconds)
                                : fmt::format("\r{}: {} {} {:.1f}s", label_, done, unit_, seconds);
  std::fputs(line.c_str(), stderr);
  if (force) std::fputs("\n", stderr);
  std::fflush(stderr);
}

}  // namespace grappe
