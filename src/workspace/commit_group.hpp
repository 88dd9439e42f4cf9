#pragma once
// Group commit (internal to the workspace module): concurrent callers share one transaction
// and one COMMIT, so one flush of the write-ahead log acknowledges them all. A caller queues
// its function; while fewer than `max_in_flight` groups run, a caller still queued becomes the
// leader, takes up to `max_group` queued calls (in their order) and has the backend run them as
// one group, then wakes their callers. No caller waits for a timer: a lone call is its own
// group at once, and calls that arrive while groups run form the next one.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "grappe/workspace/database.hpp"

namespace grappe::workspace::detail {

class CommitGroup {
 public:
  struct Call {
    const std::function<void(Transaction&)>* fn;
    std::exception_ptr error{};  // set when this call (or its whole group) failed
    bool taken = false, done = false;
    // Its caller's own: waking every waiting caller at each group's end cost the server more
    // CPU (lock contention) than the group saved.
    std::condition_variable wake{};
  };
  // Runs one group in one transaction, each call in its own savepoint (a call's failure in its
  // Call::error); throws when the group as a whole failed (BEGIN, COMMIT, the connection):
  // every call of it then gets that error, nothing of it was acknowledged.
  using RunGroup = std::function<void(const std::vector<Call*>&)>;

  CommitGroup(int max_in_flight, std::size_t max_group, RunGroup run)
      : max_in_flight_(std::max(1, max_in_flight)),
        max_group_(std::max<std::size_t>(1, max_group)),
        run_(std::move(run)) {}

  // Returns once fn's group has committed; throws fn's own error or its group's.
  void run(const std::function<void(Transaction&)>& fn) {
    Call call{&fn};
    std::unique_lock lock(mutex_);
    queue_.push_back(&call);
    while (!call.done) {
      if (!call.taken && in_flight_ < max_in_flight_ && queue_.size() >= gather_)
        lead(lock);
      else
        call.wake.wait(lock);
    }
    if (call.error) std::rethrow_exception(call.error);
  }

  void gather_next_group(std::size_t calls) {
    std::lock_guard lock(mutex_);
    gather_ = calls;
  }

 private:
  // Called with the lock held; runs the group without it.
  void lead(std::unique_lock<std::mutex>& lock) {
    const auto size = static_cast<std::ptrdiff_t>(std::min(queue_.size(), max_group_));
    std::vector<Call*> group(queue_.begin(), queue_.begin() + size);
    queue_.erase(queue_.begin(), queue_.begin() + size);
    for (Call* c : group) c->taken = true;
    gather_ = 0;
    ++in_flight_;
    wake_next_leader();
    lock.unlock();
    std::exception_ptr failed;
    try {
      run_(group);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    --in_flight_;
    for (Call* c : group) {
      if (failed && !c->error) c->error = failed;
      c->done = true;
      c->wake.notify_one();
    }
    wake_next_leader();
  }

  // A caller arriving while a group may start leads it itself; queued callers are woken one at
  // a time, the first in the queue, when a group may start.
  void wake_next_leader() {
    if (!queue_.empty() && in_flight_ < max_in_flight_) queue_.front()->wake.notify_one();
  }

  const int max_in_flight_;
  const std::size_t max_group_;
  const RunGroup run_;
  std::mutex mutex_;
  std::deque<Call*> queue_;
  int in_flight_ = 0;
  std::size_t gather_ = 0;  // gather_next_group
};

}  // namespace grappe::workspace::detail
