// The parallel ensemble: byte-identical summaries for any thread count,
// different seeds give different results, common random numbers across
// policies, and the run loop's bookkeeping.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/summary/ensemble_summary.hpp"
#include "analysis/writers/summary_writers.hpp"
#include "sim/engine/ensemble.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

std::string summary_bytes(const CompiledScenario& sc, std::uint64_t seed, std::uint64_t runs, int threads) {
  analysis::EnsembleSummary summary(sc);
  EnsembleOptions opt;
  opt.seed = seed;
  opt.runs = runs;
  opt.threads = threads;
  REQUIRE(run_ensemble(sc, opt, summary) == runs);
  return analysis::summary_csv(summary) + analysis::thresholds_csv(summary) + analysis::summary_json(summary).dump();
}

const LoadedScenario& default_scenario() {
  static const LoadedScenario loaded =
      load_scenario({test::source_path("scenarios/sino_russia_2035.yaml"), {}, {}}, builtin_registry());
  return loaded;
}

}  // namespace

TEST_CASE("summaries are byte-identical for 1, 2, 3 and 8 threads", "[ensemble][determinism]") {
  auto sc = compile_for_policy(default_scenario(), builtin_registry(), "");
  // 1000 runs: not a multiple of the block size, so the last block is partial.
  const std::string one = summary_bytes(*sc, 42, 1000, 1);
  CHECK(summary_bytes(*sc, 42, 1000, 2) == one);
  CHECK(summary_bytes(*sc, 42, 1000, 3) == one);
  CHECK(summary_bytes(*sc, 42, 1000, 8) == one);
}

TEST_CASE("a different seed gives different summaries and the same seed the same", "[ensemble][determinism]") {
  auto sc = compile_for_policy(default_scenario(), builtin_registry(), "");
  const std::string a = summary_bytes(*sc, 1, 300, 2);
  CHECK(summary_bytes(*sc, 1, 300, 2) == a);
  CHECK(summary_bytes(*sc, 2, 300, 2) != a);
}

TEST_CASE("runs of two policies share their uncertainty draws and shocks", "[ensemble][crn]") {
  auto base = compile_for_policy(default_scenario(), builtin_registry(), "baseline");
  auto pressure = compile_for_policy(default_scenario(), builtin_registry(), "maximum_pressure");
  RunState a, b;
  for (std::uint64_t run = 0; run < 20; ++run) {
    initialize_run(*base, {9, 0, run}, a);
    initialize_run(*pressure, {9, 0, run}, b);
    REQUIRE(a.sampled == b.sampled);
    for (int step = 0; step < base->n_steps; ++step) {
      advance_step(*base, a);
      advance_step(*pressure, b);
    }
    // Every stream consumed the same numbers, so they end in the same state.
    for (std::size_t i = 0; i < a.shock_streams.size(); ++i)
      CHECK(a.shock_streams[i].state() == b.shock_streams[i].state());
    for (std::size_t e = 0; e < a.event_streams.size(); ++e)
      CHECK(a.event_streams[e].state() == b.event_streams[e].state());
  }
}

TEST_CASE("the ensemble reports exactly the runs it was asked for", "[ensemble]") {
  auto sc = test::compile_text(test::MiniScenario{}.yaml());
  for (std::uint64_t runs : {1ULL, 63ULL, 64ULL, 65ULL, 777ULL}) {
    analysis::EnsembleSummary summary(*sc);
    EnsembleOptions opt;
    opt.runs = runs;
    opt.threads = 2;
    CHECK(run_ensemble(*sc, opt, summary) == runs);
    CHECK(summary.grid().runs() == runs);
    CHECK(summary.grid().cell(0, 0).stats.count() == runs);
  }
}

TEST_CASE("a stop request ends the ensemble early and says how far it got", "[ensemble]") {
  auto sc = test::compile_text(test::MiniScenario{}.yaml());
  analysis::EnsembleSummary summary(*sc);
  std::atomic<bool> stop{true};
  EnsembleOptions opt;
  opt.runs = 100000;
  opt.stop = &stop;
  CHECK(run_ensemble(*sc, opt, summary) == 0);
}

TEST_CASE("events fire at their hazard rate", "[ensemble][events]") {
  // A repeatable event with rate 0.3 a year over 10 yearly steps fires a
  // Poisson-like count with per-step probability p = 1 - exp(-0.3).
  test::MiniScenario m;
  m.extra =
      "events:\n"
      "  shock: {hazard: 0.3, repeatable: true, effects: [{kind: gdp_shock, actor: a, size: -0.01}], source: test}\n";
  auto sc = test::compile_text(m.yaml());
  const double p = 1 - std::exp(-0.3);
  const int runs = 4000;
  RunState s;
  double fired = 0;
  for (int r = 0; r < runs; ++r) {
    initialize_run(*sc, {3, 0, static_cast<std::uint64_t>(r)}, s);
    for (int step = 0; step < sc->n_steps; ++step) advance_step(*sc, s);
    fired += s.event_count[0];
  }
  const double n = runs * sc->n_steps;
  const double rate = fired / n;
  CHECK(std::fabs(rate - p) < 4 * std::sqrt(p * (1 - p) / n));
}

TEST_CASE("an event with zero hazard never fires", "[ensemble][events]") {
  test::MiniScenario m;
  m.extra = "events:\n  never: {hazard: 0, effects: [{kind: gdp_shock, actor: a, size: -0.5}], source: test}\n";
  auto sc = test::compile_text(m.yaml());
  RunState s;
  for (int r = 0; r < 500; ++r) {
    initialize_run(*sc, {1, 0, static_cast<std::uint64_t>(r)}, s);
    for (int step = 0; step < sc->n_steps; ++step) advance_step(*sc, s);
    REQUIRE(s.event_count[0] == 0);
  }
}
