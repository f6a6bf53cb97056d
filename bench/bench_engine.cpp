// Engine benchmarks on the default scenario (docs/performance.md):
//  - BM_Ensemble: the full engine (ensemble, events, levers, summaries) at
//    1 and 2 threads, reported as runs per second;
//  - BM_BareLoop: the same component step functions called in a plain loop
//    for the same runs with the same lever schedules, on one thread, without
//    the ensemble, events, outcome checks or summaries: the engine's
//    overhead is the ratio of BM_Ensemble/1 to this.
#include <benchmark/benchmark.h>

#include "analysis/summary/ensemble_summary.hpp"
#include "models/register_builtin.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/scenario/loader.hpp"

namespace {

using namespace entente;

const CompiledScenario& scenario() {
  static const LoadedScenario loaded = load_scenario(
      {std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml", {}, {}}, builtin_registry());
  static const auto compiled = compile_for_policy(loaded, builtin_registry(), "");
  return *compiled;
}

constexpr std::uint64_t kRuns = 4096;

void BM_Ensemble(benchmark::State& state) {
  const CompiledScenario& sc = scenario();
  for (auto _ : state) {
    analysis::EnsembleSummary summary(sc);
    EnsembleOptions opt;
    opt.seed = 1;
    opt.runs = kRuns;
    opt.threads = static_cast<int>(state.range(0));
    benchmark::DoNotOptimize(run_ensemble(sc, opt, summary));
  }
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(kRuns * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ensemble)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BareLoop(benchmark::State& state) {
  const CompiledScenario& sc = scenario();
  RunState s;
  double sink = 0;
  for (auto _ : state) {
    for (std::uint64_t r = 0; r < kRuns; ++r) {
      initialize_run(sc, {1, 0, r}, s);
      for (int step = 1; step <= sc.n_steps; ++step) {
        ++s.step;
        s.year = sc.years[static_cast<std::size_t>(step)];
        for (std::size_t l = 0; l < sc.levers.size(); ++l)
          s.lever_intensity[l] = sc.levers[l].intensity_by_step[static_cast<std::size_t>(step)];
        for (std::size_t m = 0; m < sc.models.size(); ++m) sc.models[m]->step(s, sc.model_state_offset[m]);
        for (const auto& o : sc.outcomes) sink += s.series[o.series_slot];
      }
    }
    benchmark::DoNotOptimize(sink);
  }
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(kRuns * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BareLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_InitializeRun(benchmark::State& state) {
  const CompiledScenario& sc = scenario();
  RunState s;
  std::uint64_t r = 0;
  for (auto _ : state) {
    initialize_run(sc, {1, 0, r++}, s);
    benchmark::DoNotOptimize(s.sampled.data());
  }
}
BENCHMARK(BM_InitializeRun);

}  // namespace

BENCHMARK_MAIN();
