// The parallel ensemble: runs are independent tasks over one immutable
// compiled scenario. Runs are grouped in fixed blocks of kBlockRuns; each
// block reduces its runs in run order, and blocks are absorbed in block order,
// so every floating-point sum is the same for any thread count. Blocks are
// processed in waves, so memory holds a wave of block summaries, never one
// per run.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/engine/run.hpp"

namespace entente {

inline constexpr std::uint64_t kBlockRuns = 64;

// Reduction of one block of runs (filled by one thread).
class BlockAccumulator {
 public:
  virtual ~BlockAccumulator() = default;
  // traces[p][(step * n_outcomes) + o] for steps 0..n_steps: run `run` of
  // every scenario variant p (one per policy), all with the same run key.
  virtual void add_run(std::uint64_t run, const double* const* traces) = 0;
};

class EnsembleReducer {
 public:
  virtual ~EnsembleReducer() = default;
  virtual std::unique_ptr<BlockAccumulator> make_block() = 0;
  // Called on the calling thread, in block order.
  virtual void absorb(BlockAccumulator& block) = 0;
};

struct EnsembleOptions {
  std::uint64_t seed = 1;
  std::uint64_t design_point = 0;
  std::uint64_t runs = 1000;
  int threads = 0;  // 0: all hardware threads
  // Called on the calling thread after each wave with the runs finished.
  std::function<void(std::uint64_t done)> on_progress;
  // Set from a signal handler: polled before every run; the wave in
  // progress is dropped and the runs of the waves absorbed so far returned.
  const std::atomic<bool>* stop = nullptr;
  // Values every run holds fixed (one design point of a sweep), or none.
  const PointOverrides* point = nullptr;
  // Runs that start from a given state instead of the start year (a game
  // fork): run r is run_trace_from(start, key {seed, design_point, r}) with
  // trace rows up to start->step copied from start_prefix. `point` is then
  // ignored (the state already holds its draws).
  const RunState* start = nullptr;
  const double* start_prefix = nullptr;
  // A conditioned ensemble (entente run --condition-on): run r starts from
  // starts[r % starts.size()] as above, its trace rows up to that state's
  // step from start_prefixes[r % size]. Takes precedence over `start`.
  const std::vector<RunState>* starts = nullptr;
  const std::vector<std::vector<double>>* start_prefixes = nullptr;
  // Spread the blocks over the MPI ranks when the process runs under mpirun
  // with more than one rank (sim/engine/distributed.hpp): every rank calls
  // run_ensemble, rank 0's reducer receives every block in block order, the
  // others' stay empty. Inert without MPI or with one rank.
  bool distribute = false;
};

// Returns the number of runs completed (less than requested only when stopped).
// A RunError from any run is rethrown after the wave (the lowest run's).
std::uint64_t run_ensemble(const CompiledScenario& scenario, const EnsembleOptions& options,
                           EnsembleReducer& reducer);

// The same for several variants of one scenario (policies): run r of every
// variant uses the same run key, so they share uncertainty draws and shocks
// (common random numbers), and the reducer sees them together. The variants
// must have the same steps and outcomes.
std::uint64_t run_ensemble(const std::vector<const CompiledScenario*>& variants, const EnsembleOptions& options,
                           EnsembleReducer& reducer);

// The scheduling both the ensemble and sweeps use: task(i) for i in [0, n)
// runs on `threads` threads in waves of `wave` tasks; after each wave,
// commit(first, count) runs on the calling thread. When *stop is set, tasks
// not yet started are skipped and the wave in progress is dropped (not
// committed), so a stop waits for the tasks running, never for the wave;
// long tasks should poll *stop themselves. Returns the number of tasks committed. An exception from a
// task is rethrown after its wave (the lowest index's), before that wave's
// commit.
std::uint64_t run_in_waves(std::uint64_t n, int threads, std::uint64_t wave,
                           const std::function<void(std::uint64_t)>& task,
                           const std::function<void(std::uint64_t first, std::uint64_t count)>& commit,
                           const std::atomic<bool>* stop);

// The thread count `threads` resolves to: 0 means every hardware thread,
// more than the hardware has is capped at that (results never depend on it).
int resolve_threads(int threads);

}  // namespace entente
