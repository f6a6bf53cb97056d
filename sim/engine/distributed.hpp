// Work spread over MPI ranks (`mpirun -np K entente run|compare|sweep`): the
// only code that talks MPI (distributed.cpp includes mpi.h, and only when
// built with ENTENTE_WITH_MPI). Without MPI, or with one rank, every function
// here says "one rank" and the callers take their single-process path.
//
// Scheme (docs/architecture.md, "MPI"): work is a sequence of units (blocks
// of 64 runs, or sweep design points). Rank 0 coordinates: ranks ask it for
// a chunk of units whenever they are free (dynamic load balancing; units
// differ in cost), compute the chunk with their own TBB threads and send the
// results back as bytes. Rank 0 also computes chunks on a thread of its own.
// Rank 0 buffers results that arrive early and hands them on strictly in
// unit order, so what it absorbs, writes and commits never depends on which
// rank computed what, or on the number of ranks.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/ensemble.hpp"
#include "sim/util/error.hpp"

namespace entente::distributed {

// True when this build can use MPI.
bool built_with_mpi();

// Initialises MPI when the process was started by an MPI launcher (mpirun,
// mpiexec, srun: detected from the environment; ENTENTE_MPI=1 forces it,
// ENTENTE_MPI=0 prevents it), so a plain `entente ...` never pays for MPI
// start-up. On ranks other than 0, standard output and error are sent to
// /dev/null: only rank 0 prints. No-op without MPI.
void init(int& argc, char**& argv);
// MPI_Finalize when init() initialised MPI.
void finalize();
// Ends every rank of the job: under MPI prints "entente: error: MESSAGE" and
// calls MPI_Abort with `code`; without MPI running throws Error(message, code)
// for the command line to report (library code never calls exit()).
[[noreturn]] void abort_job(const std::string& message, int code);

int rank();   // 0 without MPI
int ranks();  // 1 without MPI

// Thrown on ranks other than 0 when rank 0 failed for a reason they did not
// see themselves (a bad database, a failing run): they stop with the same
// exit code and print nothing.
class PeerFailed : public Error {
 public:
  explicit PeerFailed(int exit_code) : Error("stopped because rank 0 failed", exit_code) {}
};

// Collective: rank 0's `bytes` replace every other rank's. With `failure`
// non-zero on rank 0, the other ranks throw PeerFailed(failure) instead.
void broadcast(std::string& bytes, int failure = 0);

struct WorkPlan {
  std::uint64_t units = 0;
  // Units a rank asks for at once (e.g. a few per thread): large enough to
  // keep its threads busy, small enough to balance the end of the work.
  std::uint64_t chunk = 1;
  // Set by SIGINT/SIGTERM (on any rank; compute polls it too): no more
  // chunks are handed out, the chunks under way end at their next step
  // (compute_chunk keeps their finished prefix) and the units done in order
  // are consumed.
  const std::atomic<bool>* stop = nullptr;
};

// compute(first, count): results of units [first, first + count) (any rank,
// any thread). consume(unit, bytes): rank 0 only, on the calling thread, in
// unit order from 0. Collective over all ranks. Returns, on every rank, the
// number of units consumed: all of them unless stopped. An exception from
// compute (a RunError on any rank) stops the work and is rethrown on rank 0
// (the lowest unit's); the other ranks throw PeerFailed(1).
using ComputeFn = std::function<std::vector<std::string>(std::uint64_t first, std::uint64_t count)>;
using ConsumeFn = std::function<void(std::uint64_t unit, std::string& bytes)>;
std::uint64_t distribute(const WorkPlan& plan, const ComputeFn& compute, const ConsumeFn& consume);

// run_ensemble over all ranks (called by run_ensemble when
// options.distribute is set and there is more than one rank): blocks are the
// units; rank 0's reducer absorbs every block in block order, the others'
// reducers stay empty. Returns the runs completed on every rank.
std::uint64_t run_ensemble_distributed(const std::vector<const CompiledScenario*>& variants,
                                       const EnsembleOptions& options, EnsembleReducer& reducer);

// A chunk's units [0, count) computed on `threads` threads: task(i, out)
// writes unit i's result and returns false when a stop cut it short. Returns
// the results of the units before the first unfinished one: all of them, or
// after a stop only the finished prefix, which is what rank 0 can still
// consume in order (a shorter answer than the chunk asked for means "this
// rank stopped"; see distribute()).
std::vector<std::string> compute_chunk(std::uint64_t count, int threads, const std::atomic<bool>* stop,
                                       const std::function<bool(std::uint64_t i, std::string& out)>& task);

// The serialized blocks [first, first + count) of an ensemble, computed on
// `threads` threads: what a rank sends to rank 0 (exposed for tests). A stop
// returns the blocks finished before it, in order (compute_chunk).
std::vector<std::string> compute_blocks(const std::vector<const CompiledScenario*>& variants,
                                        const EnsembleOptions& options, std::uint64_t first, std::uint64_t count);

}  // namespace entente::distributed
