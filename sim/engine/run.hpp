// One run of a compiled scenario: initialise the state at the start year,
// then advance it step by step. The ensemble, the benchmarks and (later) game
// sessions all drive runs through these functions.
#pragma once
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/util/error.hpp"

namespace entente {

// What identifies a run's random numbers (docs/reproducibility.md).
struct RunKey {
  std::uint64_t seed = 0;
  std::uint64_t design_point = 0;
  std::uint64_t run = 0;
};

// A run that produced a non-finite or out-of-bounds value (numeric_guard.hpp):
// names the run and the seed that reproduce it.
class RunError : public RuntimeFailure {
 public:
  RunError(const std::string& what, RunKey key) : RuntimeFailure(what), key_(key) {}
  RunKey key() const { return key_; }

 private:
  RunKey key_;
};

// The RunError for `what` in the run `key` names: "run R (seed S, design
// point D): what". A ComponentFault from initialize_run or advance_step
// becomes one of these in run_trace and run_trace_from.
RunError run_error(const RunKey& key, const std::string& what);

// Values a design point fixes for every run at that point (a sweep): slots
// replace their per-run draw, levers are held at an intensity for the whole
// run (events may still switch them).
struct PointOverrides {
  std::vector<std::pair<std::size_t, double>> slots;   // parameter slot, value
  std::vector<std::pair<std::size_t, double>> levers;  // lever index, intensity
};

// Draw the run's uncertainties, set actors, flows and levers at the start
// year and let each component initialise. Reuses `state`'s storage.
void initialize_run(const CompiledScenario& scenario, const RunKey& key, RunState& state,
                    const PointOverrides* point = nullptr);

// Re-key the run's random streams (exogenous shocks, events, components) as
// initialize_run derives them for `key`, and set state.run; everything else
// (draws of uncertainties, the state reached) stays. A future that starts
// from a given state (a game turn, a fork) draws its own numbers this way.
void reseed_run(const CompiledScenario& scenario, const RunKey& key, RunState& state);

// Advance one step: levers follow their schedules, events fire, components
// step in the scenario's order.
// Each component's values are checked as it finishes (numeric_guard.hpp);
// initialize_run and advance_step throw ComponentFault for a bad one.
void advance_step(const CompiledScenario& scenario, RunState& state);

// A facilitator's inject: the event fires now, outside its hazard, with all
// its effects (they act from the next step). Logged as injected.
void inject_event(const CompiledScenario& scenario, RunState& state, std::size_t event);

// Outcome o's value in the current step: its series times its scale.
inline double outcome_value(const CompiledScenario& scenario, const RunState& state, std::size_t o) {
  const CompiledOutcome& outcome = scenario.outcomes[o];
  return state.series[outcome.series_slot] * outcome.spec.scale;
}

// Copy the outcome values of the current step into out[0..n_outcomes);
// throws RunError when one is not finite.
void record_outcomes(const CompiledScenario& scenario, const RunState& state, const RunKey& key, double* out);

// A whole run: trace[(step * n_outcomes) + o] for steps 0..n_steps.
// `stop`, when given, is polled before every step: a run of a scenario at the
// actor limit takes seconds, and Ctrl-C must not wait for it. Returns false
// when stopped (the trace is then incomplete and must be dropped).
bool run_trace(const CompiledScenario& scenario, const RunKey& key, RunState& state, double* trace,
               const PointOverrides* point = nullptr, const std::atomic<bool>* stop = nullptr);

// A run that starts from `start` (a state at step k, e.g. a game's turn):
// `state` becomes a copy of it re-keyed with reseed_run(key), trace rows
// 0..k are copied from `prefix` (the path that led to `start`) and rows
// k+1..n_steps are computed.
// Polls `stop` like run_trace.
bool run_trace_from(const CompiledScenario& scenario, const RunKey& key, const RunState& start,
                    const double* prefix, RunState& state, double* trace, const std::atomic<bool>* stop = nullptr);

}  // namespace entente
