#pragma once
// Work split across processes (MPI ranks) without MPI in sight: estimators and null models see
// a `Team` (null for a single process), take their block of the replicates, and complete their
// results with the others' blocks. Every replicate keeps its own random stream
// (stream_seed(master, index, purpose)), and results are reassembled in index order, so a run
// on any number of ranks is bit-identical to a single-process run (docs/mpi.md).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace grappe::parallel {

// Processes working together on one job (an MPI communicator, or threads in tests).
class Team {
 public:
  virtual ~Team() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Collective (every member calls it, from one thread each): every member's bytes, in rank
  // order, on every member.
  virtual std::vector<std::string> all_gather(std::string_view mine) const = 0;
  bool is_root() const { return rank() == 0; }
};

struct Range {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};

// The contiguous block of items 0..n−1 of member `rank` out of `size`: blocks in rank order,
// the first n % size members taking one item more.
Range block_of(std::size_t n, int rank, int size);
// This process's block: every item without a team.
Range my_block(std::size_t n, const Team* team);

// `values` holds rows × width doubles (row-major) of which this member filled the rows of
// my_block(rows); on return every row is filled, on every member. No-op without a team.
void share_rows(const Team* team, std::vector<double>& values, std::size_t rows, std::size_t width);

// Round-robin dealing (item i to member i % size), for items of unequal cost such as sectors.
bool is_mine(std::size_t item, const Team* team);
// `mine` holds the texts of this member's items (is_mine), in increasing item order; returns
// the texts of all `items` items in item order, on every member.
std::vector<std::string> gather_round_robin(const Team* team, std::size_t items,
                                            const std::vector<std::string>& mine);

}  // namespace grappe::parallel
