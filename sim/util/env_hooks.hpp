// Every environment variable the entente libraries read, declared once: its
// name and why it exists (docs/reliability.md, "Environment variables", lists
// the same table; tests/sim/test_env_hooks.cpp keeps the two in step). Code
// reads a variable only through env_hook(), so a hook cannot appear unlisted.
#pragma once
#include <array>

namespace entente {

enum class EnvHook {
  kMpi,            // ENTENTE_MPI
  kMpiStats,       // ENTENTE_MPI_STATS
  kMpiTestDie,     // ENTENTE_MPI_TEST_DIE
  kTestPhases,     // ENTENTE_TEST_PHASES
  kTestPauseAt,    // ENTENTE_TEST_PAUSE_AT
  kPlayTestCrash,  // ENTENTE_PLAY_TEST_CRASH
};

struct EnvHookInfo {
  EnvHook hook;
  const char* name;
  const char* purpose;
};

// The table, in EnvHook order.
const std::array<EnvHookInfo, 6>& env_hooks();

// The variable's value, or nullptr when it is not set.
const char* env_hook(EnvHook hook);

}  // namespace entente
