#include "sim/util/env_hooks.hpp"

#include <cstdlib>

namespace entente {

const std::array<EnvHookInfo, 6>& env_hooks() {
  static const std::array<EnvHookInfo, 6> table = {{
      {EnvHook::kMpi, "ENTENTE_MPI",
       "1 forces MPI start-up, 0 prevents it; unset, MPI starts when mpiexec/srun variables are present"},
      {EnvHook::kMpiStats, "ENTENTE_MPI_STATS",
       "not 0: rank 0 prints how many work units each rank computed (bench/mpi_scaling.sh)"},
      {EnvHook::kMpiTestDie, "ENTENTE_MPI_TEST_DIE",
       "R:N makes rank R kill itself when assigned its N-th chunk (tests/mpi fault injection)"},
      {EnvHook::kTestPhases, "ENTENTE_TEST_PHASES",
       "1: print 'entente: phase NAME' at each phase boundary (interruption tests)"},
      {EnvHook::kTestPauseAt, "ENTENTE_TEST_PAUSE_AT",
       "NAME: pause up to 60 s at that phase until a signal arrives (interruption tests)"},
      {EnvHook::kPlayTestCrash, "ENTENTE_PLAY_TEST_CRASH",
       "between-writes: a play command kills itself between the journal entry and the state (crash tests)"},
  }};
  return table;
}

const char* env_hook(EnvHook hook) { return std::getenv(env_hooks()[static_cast<std::size_t>(hook)].name); }

}  // namespace entente
