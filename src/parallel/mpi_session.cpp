#include "grappe/parallel/mpi_session.hpp"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "grappe/common/error.hpp"
#include "grappe/common/progress.hpp"

#ifdef GRAPPE_HAVE_MPI
// The C API only (the C++ bindings are deprecated and live in another library).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace grappe::parallel {

namespace {

// Started by Open MPI's mpirun (or an MPI launcher setting PMI_SIZE) with several ranks, but
// without --mpi: every rank would run the whole job and write the same files.
void warn_if_launched_without_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* size = std::getenv(name); size && std::atoi(size) > 1) {
      std::fprintf(stderr,
                   "grappe: warning: %s ranks started without --mpi: each runs the whole job and writes the "
                   "same files.\n",
                   size);
      return;
    }
}

}  // namespace

#ifdef GRAPPE_HAVE_MPI
namespace {

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(std::string("MPI: ") + what +
              " failed: " + std::string(text, static_cast<std::size_t>(length)));
}

class MpiTeam final : public Team {
 public:
  MpiTeam() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<std::string> all_gather(std::string_view mine) const override {
    // Sizes first, then the bytes (MPI counts are ints: one gather holds at most 2 GiB).
    long long own = static_cast<long long>(mine.size());
    std::vector<long long> sizes(static_cast<std::size_t>(size_));
    check(MPI_Allgather(&own, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD),
          "MPI_Allgather");
    std::vector<int> counts(sizes.size()), offsets(sizes.size());
    long long total = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      counts[i] = static_cast<int>(sizes[i]);
      offsets[i] = static_cast<int>(total);
      total += sizes[i];
      if (total > INT_MAX) throw Error("MPI: more than 2 GiB to gather at once.");
    }
    std::string all(static_cast<std::size_t>(total), '\0');
    check(MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_BYTE, all.data(), counts.data(),
                         offsets.data(), MPI_BYTE, MPI_COMM_WORLD),
          "MPI_Allgatherv");
    std::vector<std::string> blocks(sizes.size());
    for (std::size_t i = 0; i < sizes.size(); ++i)
      blocks[i] = all.substr(static_cast<std::size_t>(offsets[i]), static_cast<std::size_t>(counts[i]));
    return blocks;
  }

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace

MpiSession::MpiSession(bool enabled) {
  if (!enabled) {
    warn_if_launched_without_mpi();
    return;
  }
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  // Errors come back as codes (turned into grappe::Error) instead of aborting the job silently.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  team_ = std::make_unique<MpiTeam>();
  if (!team_->is_root()) Progress::set_enabled(false);  // rank 0 alone reports
}

MpiSession::~MpiSession() {
  if (!team_) return;
  if (std::uncaught_exceptions() > 0) return;
  MPI_Finalize();
}

#else

MpiSession::MpiSession(bool enabled) {
  if (!enabled) {
    warn_if_launched_without_mpi();
    return;
  }
  throw Error(
      "this grappe was built without MPI (install libopenmpi-dev and rebuild): --mpi is not available.");
}

MpiSession::~MpiSession() = default;

#endif

}  // namespace grappe::parallel
