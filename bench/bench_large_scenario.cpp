// Load, validate and compile time of a generated scenario with 200 actors and
// 2,000 dependencies (tests/support/large_scenario.cpp), and of one run of
// it: the scale a study of many actors reaches. Separate stages so a
// regression shows where it is (e.g. a quadratic look-up in validation).
#include <benchmark/benchmark.h>

#include <vector>

#include "models/register_builtin.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/loader.hpp"
#include "support/large_scenario.hpp"

namespace {

const std::string& large_yaml() {
  static const std::string yaml = entente::test::generate_large_scenario();
  return yaml;
}

// YAML text -> validated spec (what `entente validate` does before compiling).
void BM_LargeScenarioLoad(benchmark::State& st) {
  const auto& registry = entente::builtin_registry();
  for (auto _ : st) {
    auto loaded = entente::load_scenario_text(large_yaml(), "large.yaml", registry);
    benchmark::DoNotOptimize(loaded.spec.dependencies.size());
  }
}
BENCHMARK(BM_LargeScenarioLoad)->Unit(benchmark::kMillisecond);

// Load + validate + compile under the file's own settings.
void BM_LargeScenarioLoadCompile(benchmark::State& st) {
  const auto& registry = entente::builtin_registry();
  for (auto _ : st) {
    auto loaded = entente::load_scenario_text(large_yaml(), "large.yaml", registry);
    auto sc = entente::compile_for_policy(loaded, registry, "");
    benchmark::DoNotOptimize(sc->n_slots());
  }
}
BENCHMARK(BM_LargeScenarioLoadCompile)->Unit(benchmark::kMillisecond);

// One run (15 yearly steps) of the compiled scenario.
void BM_LargeScenarioRun(benchmark::State& st) {
  const auto& registry = entente::builtin_registry();
  const auto sc =
      entente::compile_for_policy(entente::load_scenario_text(large_yaml(), "large.yaml", registry), registry, "");
  std::vector<double> trace(static_cast<std::size_t>(sc->n_steps + 1) * sc->outcomes.size());
  entente::RunState state;
  std::uint64_t run = 0;
  for (auto _ : st) {
    entente::run_trace(*sc, {1, 0, run++}, state, trace.data());
    benchmark::DoNotOptimize(trace.data());
  }
}
BENCHMARK(BM_LargeScenarioRun)->Unit(benchmark::kMillisecond);

}  // namespace
