#pragma once
// Token buckets keyed by a string (a survey token, a client address): `rate` requests per
// second sustained, `burst` at once. Memory is bounded by forgetting full buckets.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace grappe::server {

class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  // Takes one token; false when the bucket is empty.
  bool take(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (buckets_.size() > 200000) forget_full(now);
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
      double elapsed = std::chrono::duration<double>(now - b.at).count();
      b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
      b.at = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
  // True while the bucket still has a token (does not take one).
  bool has(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) return true;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.at).count();
    return it->second.tokens + elapsed * rate_ >= 1;
  }

 private:
  struct Bucket { double tokens; std::chrono::steady_clock::time_point at; };
  void forget_full(std::chrono::steady_clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();)
      if (it->second.tokens + std::chrono::duration<double>(now - it->second.at).count() * rate_ >= burst_)
        it = buckets_.erase(it);
      else ++it;
    if (buckets_.size() > 200000) buckets_.clear();
  }
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace grappe::server
