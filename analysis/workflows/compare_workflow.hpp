// `entente compare` as a library call: load the scenario once, compile it
// under each policy, run all policies over the same futures (run r of each
// shares its draws), and write compare.csv, compare.json and the manifest.
#pragma once
#include <functional>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/backtest/conditioning.hpp"
#include "analysis/compare/compare_writers.hpp"
#include "analysis/compare/paired_comparison.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

struct CompareRequest {
  LoadRequest load;
  std::vector<std::string> policies;  // the first is the reference; empty: every policy of the file
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::vector<double> years;  // report years; empty: the middle and end years
  bool progress = false;
  // Called with the work done so far (runs, or points for a sweep) as it
  // advances, from the engine's threads; for callers other than the terminal
  // bar (the Python module's tqdm). Must be cheap and thread-safe.
  std::function<void(std::uint64_t done)> on_progress;
  const std::atomic<bool>* stop = nullptr;
  std::optional<ConditionRequest> condition;  // --condition-on: filtered under the reference policy, policies differ after the origin
};

struct CompareResult {
  CompareResult() = default;
  // context.loaded points at this result's own `loaded`, so a move must
  // re-point it (a defaulted move left it dangling: Python's compare, which
  // moves the result off its worker thread, read freed memory).
  CompareResult(CompareResult&& o) noexcept { *this = std::move(o); }
  CompareResult& operator=(CompareResult&& o) noexcept {
    loaded = std::move(o.loaded);
    compiled = std::move(o.compiled);
    comparison = std::move(o.comparison);
    context = o.context;
    context.loaded = o.context.loaded == &o.loaded ? &loaded : o.context.loaded;
    settings = std::move(o.settings);
    conditioned = std::move(o.conditioned);
    interrupted = o.interrupted;
    return *this;
  }

  LoadedScenario loaded;
  std::vector<std::unique_ptr<CompiledScenario>> compiled;  // one per policy, reference first
  std::unique_ptr<PairedComparison> comparison;
  CompareContext context;
  RunSettings settings;
  std::optional<ConditionedEnsemble> conditioned;  // with --condition-on
  bool interrupted = false;
};

// Throws ScenarioError for bad input (unknown or repeated policies, fewer
// than two, report years that are not steps of the scenario).
CompareResult execute_compare(const CompareRequest& request, const ModelRegistry& registry);

// compare.csv, compare.json, then manifest.json listing their hashes.
void write_compare_outputs(const CompareResult& result, const std::string& dir);

}  // namespace entente::analysis
