#pragma once
// A Team of threads standing in for MPI ranks in unit tests: run(size, body) calls body(team)
// on `size` threads at once, each with its own rank; all_gather meets at a barrier.
#include <barrier>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "grappe/parallel/team.hpp"

namespace grappe::parallel::testing {

class ThreadTeam final : public Team {
 public:
  struct Shared {
    explicit Shared(int size) : slots(static_cast<std::size_t>(size)), barrier(size) {}
    std::vector<std::string> slots;
    std::barrier<> barrier;
  };
  ThreadTeam(Shared& shared, int rank) : shared_(shared), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return static_cast<int>(shared_.slots.size()); }
  std::vector<std::string> all_gather(std::string_view mine) const override {
    shared_.slots[static_cast<std::size_t>(rank_)] = std::string(mine);
    shared_.barrier.arrive_and_wait();  // every slot written
    std::vector<std::string> all = shared_.slots;
    shared_.barrier.arrive_and_wait();  // every slot read before the next gather overwrites it
    return all;
  }

  // Runs body on `size` members at once; rethrows the first failure.
  static void run(int size, const std::function<void(const Team&)>& body) {
    Shared shared(size);
    std::exception_ptr failure;
    std::mutex mutex;
    std::vector<std::thread> threads;
    for (int rank = 0; rank < size; ++rank)
      threads.emplace_back([&, rank] {
        try {
          body(ThreadTeam(shared, rank));
        } catch (...) {
          std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
  }

 private:
  Shared& shared_;
  int rank_;
};

}  // namespace grappe::parallel::testing
