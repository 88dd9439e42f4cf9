#pragma once
// `--mpi`: the MPI world of an `mpirun` job as a Team (team.hpp). Only the command-line layer
// creates a session; the modules see the Team. Without --mpi no MPI call is ever made, so the
// binary runs without mpirun as before.
#include <memory>

#include "grappe/parallel/team.hpp"

namespace grappe::parallel {

class MpiSession {
 public:
  // enabled = false: no MPI at all (team() is null, is_root() true). enabled = true:
  // MPI_Init_thread (funneled: only the calling thread talks to MPI; oneTBB threads compute).
  // Turns progress off on the ranks other than 0. Throws grappe::Error when grappe was built
  // without MPI.
  explicit MpiSession(bool enabled);
  // MPI_Finalize, except while an exception unwinds: that rank then exits with an error and
  // mpirun ends the job (finalizing would wait for ranks that may sit in a collective).
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  const Team* team() const { return team_.get(); }  // null without --mpi
  bool is_root() const { return !team_ || team_->is_root(); }
  int size() const { return team_ ? team_->size() : 1; }

 private:
  std::unique_ptr<Team> team_;
};

}  // namespace grappe::parallel
