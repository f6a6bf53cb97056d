// `entente sweep` as a library call: choose the parameters (the scenario's
// uncertainties by default, or any subset of uncertainties and levers), make
// the design, and run every design point's replicates under every policy into
// the results database, wave by wave, resumably.
#pragma once
#include <functional>
#include <atomic>
#include <string>
#include <vector>

#include "analysis/backtest/conditioning.hpp"
#include "analysis/design/design.hpp"
#include "analysis/design/params_file.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

struct SweepRequest {
  LoadRequest load;
  std::string design = "lhs";  // sobol, lhs, grid, morris, mc
  std::size_t samples = 64;    // see docs/sweeps.md for what it means per design
  int levels = 0;              // grid: levels per parameter; morris: grid levels (0: 4)
  bool second_order = false;   // sobol
  int maximin = 0;             // lhs
  std::vector<std::string> params;  // uncertainty ids or levers.<id>; empty: every uncertainty
  std::string params_file;          // a design params file (its distributions replace the declared ones)
  std::uint64_t replicates = 8;
  std::vector<std::string> policies;  // empty: the file's own settings, stored as policy "scenario"
  // Reported years; empty: default_sweep_years (every_year: all of them).
  std::vector<double> years;
  bool every_year = false;
  std::string db = "sweep.sqlite";  // ":memory:": a throwaway sweep, nothing written, nothing to resume
  bool resume = false;
  std::uint64_t limit = 0;  // compute at most this many points now (0: all); the rest on --resume
  std::uint64_t seed = 1;
  int threads = 0;
  // --condition-on: the filter runs `particles` particles up to the origin
  // under the first policy; replicate r of every point and policy continues
  // particle conditioned_particle(r, replicates, particles) from it
  // (docs/calibration.md, "Conditioned sweeps"). Only levers may then be
  // design parameters: the uncertainties are the filter's posterior draws.
  std::optional<ConditionRequest> condition;
  std::uint64_t particles = 1000;
  bool progress = false;
  // Called with the work done so far (runs, or points for a sweep) as it
  // advances, from the engine's threads; for callers other than the terminal
  // bar (the Python module's tqdm). Must be cheap and thread-safe.
  std::function<void(std::uint64_t done)> on_progress;
  const std::atomic<bool>* stop = nullptr;
};

struct SweepResult {
  std::uint64_t points = 0, points_done_before = 0, points_done_now = 0;
  std::size_t parameters = 0;
  double wall_seconds = 0;
  int threads = 1;
  int ranks = 1;  // MPI ranks (mpirun -np K); threads are per rank
  bool interrupted = false;  // stopped by a signal
  bool complete = false;     // every point of the design is in the database
  std::string db;
  std::optional<ConditionedEnsemble> conditioned;  // --condition-on: the filter's record
};

// Throws ScenarioError for bad input (unknown parameter, policy, year; a
// database of a different sweep; an existing database without --resume).
SweepResult execute_sweep(const SweepRequest& request, const ModelRegistry& registry);

}  // namespace entente::analysis
