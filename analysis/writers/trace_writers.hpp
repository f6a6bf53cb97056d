// One run told in full (`entente run --trace RUN`): every outcome in every
// year, and the run's event log (events, injects, triggers) in order.
#pragma once
#include <string>
#include <vector>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente::analysis {

struct RunStory {
  std::uint64_t run = 0;
  std::vector<double> trace;  // trace[step * n_outcomes + o], steps 0..n_steps
  std::vector<LogEntry> log;
};

// Replays run `run` of the ensemble (same key, so the same draws).
RunStory tell_run(const CompiledScenario& scenario, std::uint64_t seed, std::uint64_t run);

// year,<outcome ids...>: one row per reported year.
std::string trace_csv(const CompiledScenario& scenario, const RunStory& story);
// year,kind,name: kind is event, injected or trigger; name the event id or
// the trigger's label ("LEVER when EVENT").
std::string events_csv(const CompiledScenario& scenario, const RunStory& story);

}  // namespace entente::analysis
