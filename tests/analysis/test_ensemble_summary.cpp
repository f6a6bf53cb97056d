// Streaming summaries against exact statistics of the same runs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/summary/ensemble_summary.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/loader.hpp"
#include "models/register_builtin.hpp"
#include "support/fixtures.hpp"

using namespace entente;

TEST_CASE("summary quantiles, means and threshold probabilities match the exact values of the runs", "[summary]") {
  test::MiniScenario m;
  m.growth_sd = "0.05";
  m.outcomes =
      "  gdp_a: {series: gdp.a, thresholds: [{above: 110}, {below: 95}]}\n"
      "  trade_ab: {series: trade.a.b}\n";
  auto sc = test::compile_text(m.yaml());
  const std::uint64_t runs = 3000;
  analysis::EnsembleSummary summary(*sc);
  EnsembleOptions opt;
  opt.seed = 5;
  opt.runs = runs;
  opt.threads = 2;
  run_ensemble(*sc, opt, summary);

  // Recompute every run serially and keep all values.
  const std::size_t steps = static_cast<std::size_t>(sc->n_steps) + 1, outs = sc->outcomes.size();
  std::vector<std::vector<double>> values(steps * outs);
  std::vector<std::uint64_t> by_above(steps, 0);
  RunState state;
  std::vector<double> trace(steps * outs);
  for (std::uint64_t r = 0; r < runs; ++r) {
    run_trace(*sc, {5, 0, r}, state, trace.data());
    bool crossed = false;
    for (std::size_t s = 0; s < steps; ++s) {
      for (std::size_t o = 0; o < outs; ++o) values[o * steps + s].push_back(trace[s * outs + o]);
      crossed = crossed || trace[s * outs + 0] >= 110;
      if (crossed) ++by_above[s];
    }
  }
  for (std::size_t o = 0; o < outs; ++o) {
    for (std::size_t s = 0; s < steps; ++s) {
      auto v = values[o * steps + s];
      std::sort(v.begin(), v.end());
      const auto& cell = summary.grid().cell(o, s);
      double mean = 0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      CHECK(cell.stats.mean() == Approx(mean).epsilon(1e-12));
      for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
        const double exact = v[static_cast<std::size_t>(std::floor(q * static_cast<double>(v.size() - 1)))];
        // The sketch's documented guarantee: relative error <= kSketchAccuracy.
        CHECK(std::fabs(cell.sketch.quantile(q) - exact) <= analysis::kSketchAccuracy * std::fabs(exact) + 1e-12);
      }
      if (o == 0) {
        const auto at_above = static_cast<std::uint64_t>(std::count_if(v.begin(), v.end(), [](double x) { return x >= 110; }));
        const auto at_below = static_cast<std::uint64_t>(std::count_if(v.begin(), v.end(), [](double x) { return x <= 95; }));
        CHECK(cell.at[0] == at_above);
        CHECK(cell.at[1] == at_below);
        CHECK(cell.by[0] == by_above[s]);
        CHECK(cell.by[0] >= cell.at[0]);
      }
    }
  }
}

// Issue "Model v2", quantiles of bounded indices: on the outlook's indices on
// [0, 1] every reported quantile is within 0.001 absolute of the exact order
// statistic of the same runs.
TEST_CASE("summary quantiles of the outlook's [0,1] indices are within 0.001 of the exact ones", "[summary]") {
  LoadRequest lr;
  lr.file = test::source_path("scenarios/sino_russia_2035.yaml");
  const LoadedScenario loaded = load_scenario(lr, builtin_registry());
  const auto sc = compile_for_policy(loaded, builtin_registry(), "");
  const std::uint64_t runs = 400;
  analysis::EnsembleSummary summary(*sc);
  EnsembleOptions opt;
  opt.seed = 8;
  opt.runs = runs;
  opt.threads = 2;
  run_ensemble(*sc, opt, summary);
  const std::size_t steps = static_cast<std::size_t>(sc->n_steps) + 1, outs = sc->outcomes.size();
  std::vector<std::vector<double>> values(steps * outs);
  RunState state;
  std::vector<double> trace(steps * outs);
  for (std::uint64_t r = 0; r < runs; ++r) {
    run_trace(*sc, {8, 0, r}, state, trace.data());
    for (std::size_t s = 0; s < steps; ++s)
      for (std::size_t o = 0; o < outs; ++o) values[o * steps + s].push_back(trace[s * outs + o]);
  }
  std::size_t checked = 0;
  for (std::size_t o = 0; o < outs; ++o) {
    if (sc->outcomes[o].spec.unit != "index 0-1") continue;
    for (std::size_t s = 0; s < steps; ++s) {
      auto v = values[o * steps + s];
      std::sort(v.begin(), v.end());
      for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
        const double exact = v[static_cast<std::size_t>(std::floor(q * static_cast<double>(v.size() - 1)))];
        INFO(sc->outcomes[o].spec.id << " step " << s << " q " << q);
        CHECK(std::fabs(summary.grid().cell(o, s).sketch.quantile(q) - exact) <= 0.001);
        ++checked;
      }
    }
  }
  CHECK(checked >= 5 * 15 * 3);  // dependence, alignment, cohesion at least
}
