// `entente run` as a library call: load and validate the scenario, compile it
// under a policy, run the ensemble and write the outputs. The CLI only parses
// options and maps errors to exit codes; tests call this directly.
#pragma once
#include <functional>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "analysis/backtest/conditioning.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/summary/ensemble_summary.hpp"
#include "analysis/writers/trace_writers.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

struct RunRequest {
  LoadRequest load;
  std::string policy;
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::optional<std::uint64_t> trace_run;   // also tell this run in full (trace.csv, events.csv)
  bool progress = false;                    // draw a progress bar on a terminal
  // Called with the work done so far (runs, or points for a sweep) as it
  // advances, from the engine's threads; for callers other than the terminal
  // bar (the Python module's tqdm). Must be cheap and thread-safe.
  std::function<void(std::uint64_t done)> on_progress;
  const std::atomic<bool>* stop = nullptr;  // set by SIGINT/SIGTERM handlers
  std::optional<ConditionRequest> condition;  // --condition-on: the runs continue the filter's particles
};

struct RunResult {
  LoadedScenario loaded;
  std::unique_ptr<CompiledScenario> compiled;
  std::unique_ptr<EnsembleSummary> summary;
  RunSettings settings;
  std::optional<RunStory> story;  // the traced run, when asked for
  std::optional<ConditionedEnsemble> conditioned;  // with --condition-on
  bool interrupted = false;
};

// Throws ScenarioError for bad input, RunError when a run fails.
RunResult execute_run(const RunRequest& request, const ModelRegistry& registry);

// Writes summary.csv, thresholds.csv, summary.json (and trace.csv and
// events.csv for a traced run) and manifest.json into `dir` (created if
// needed), each atomically, the manifest last with the SHA-256 of the others
// under "files".
void write_run_outputs(const RunResult& result, const std::string& dir);

// The outputs of a conditioned ensemble, shared by run and compare: filter.csv
// (the ESS per year) and the manifest's "conditioned_on" (file, hash, origin).
void add_conditioning_outputs(const ConditionedEnsemble& conditioned, ResultFiles& files,
                              nlohmann::ordered_json& manifest);

}  // namespace entente::analysis
