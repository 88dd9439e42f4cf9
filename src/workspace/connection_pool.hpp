#pragma once
// A bounded pool of database connections (internal to the workspace module).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace grappe::workspace::detail {

template <class Connection>
class ConnectionPool {
 public:
  ConnectionPool(int max_size, std::function<std::unique_ptr<Connection>()> open)
      : max_size_(max_size < 1 ? 1 : max_size), open_(std::move(open)) {}

  // Borrowed connection, returned to the pool when the lease ends (dropped if broken).
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (c_) pool_->give_back(std::move(c_), broken_); }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }
    void mark_broken() { broken_ = true; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> c_;
    bool broken_ = false;
  };

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_count_ < max_size_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    ++open_count_;
    lock.unlock();
    try {
      return Lease(this, open_());
    } catch (...) {
      std::lock_guard relock(mutex_);
      --open_count_;
      available_.notify_one();
      throw;
    }
  }

 private:
  void give_back(std::unique_ptr<Connection> c, bool broken) {
    std::lock_guard lock(mutex_);
    if (broken) --open_count_;
    else idle_.push_back(std::move(c));
    available_.notify_one();
  }

  int max_size_;
  std::function<std::unique_ptr<Connection>()> open_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_count_ = 0;
};

}  // namespace grappe::workspace::detail
