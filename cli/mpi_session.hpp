// MPI for the lifetime of the entente process: initialised when an MPI
// launcher started it (mpirun, srun), finalised on the way out. A plain
// `entente ...`, and every build without ENTENTE_WITH_MPI, skips both.
#pragma once

namespace entente::cli {

class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

}  // namespace entente::cli
