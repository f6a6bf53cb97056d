// The particle filter of `entente backtest --origin` (analysis/backtest/
// particle_filter.hpp) on a scenario whose truth is known
// (tests/analysis/fixtures/backtest/growth.yaml): it recovers the growth rate
// of a synthetic history, more sharply with more years, and its results do
// not depend on the thread count. Plus the weighted ensemble's scores.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "analysis/backtest/particle_filter.hpp"
#include "analysis/backtest/scores.hpp"
#include "analysis/backtest/weighted_ensemble.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/loader.hpp"
#include "support/fixtures.hpp"

using namespace entente;
using namespace entente::analysis;

namespace {

struct Toy {
  LoadedScenario loaded;
  std::unique_ptr<CompiledScenario> sc;
  std::size_t g_slot = 0, gdp_a = 0;
};

Toy toy(std::vector<std::string> sets = {}) {
  Toy t;
  LoadRequest lr;
  lr.file = test::source_path("tests/analysis/fixtures/backtest/growth.yaml");
  lr.sets = std::move(sets);
  t.loaded = load_scenario(lr, builtin_registry());
  t.sc = compile_for_policy(t.loaded, builtin_registry(), "");
  for (std::size_t k = 0; k < t.sc->slots.size(); ++k)
    if (t.sc->slots[k].key == "uncertainties.g") t.g_slot = k;
  for (std::size_t o = 0; o < t.sc->outcomes.size(); ++o)
    if (t.sc->outcomes[o].spec.id == "gdp_a") t.gdp_a = o;
  return t;
}

// GDP of a for steps 1..last from one run with g = 0.04, observed with a 1% error.
std::vector<FilterObservation> synthetic(const Toy& t, std::size_t last) {
  PointOverrides truth;
  truth.slots = {{t.g_slot, 0.04}};
  const std::size_t n_out = t.sc->outcomes.size();
  std::vector<double> trace(static_cast<std::size_t>(t.sc->n_steps + 1) * n_out);
  RunState state;
  run_trace(*t.sc, {777, 0, 0}, state, trace.data(), &truth);
  std::vector<FilterObservation> obs;
  for (std::size_t s = 1; s <= last; ++s) {
    const double v = trace[s * n_out + t.gdp_a];
    obs.push_back({t.gdp_a, s, v, 0.01 * v});
  }
  return obs;
}

std::pair<double, double> posterior_90(const FilterResult& r, std::size_t slot) {
  std::vector<double> g;
  for (const auto& s : r.origin_states) g.push_back(s.sampled[slot]);
  std::vector<double> w(g.size(), 1.0);
  const WeightedEnsemble e(g.data(), w.data(), g.size());
  return {e.quantile(0.05), e.quantile(0.95)};
}

}  // namespace

TEST_CASE("particle filter recovers a known growth rate and narrows with more data", "[filter]") {
  const Toy t = toy();
  FilterOptions opt;
  opt.seed = 5;
  opt.particles = 1000;
  opt.threads = 2;
  opt.origin_step = 5;
  const auto short_run = run_particle_filter(*t.sc, synthetic(t, 5), opt);
  opt.origin_step = 18;
  const auto long_run = run_particle_filter(*t.sc, synthetic(t, 18), opt);
  REQUIRE(long_run.origin_states.size() == 1000);
  const auto [lo5, hi5] = posterior_90(short_run, t.g_slot);
  const auto [lo18, hi18] = posterior_90(long_run, t.g_slot);
  INFO("2005: [" << lo5 << ", " << hi5 << "], 2018: [" << lo18 << ", " << hi18 << "]");
  CHECK(lo5 <= 0.04);
  CHECK(0.04 <= hi5);
  CHECK(lo18 <= 0.04);
  CHECK(0.04 <= hi18);
  CHECK(hi18 - lo18 < 0.6 * (hi5 - lo5));
  CHECK(hi5 - lo5 < 0.5 * 0.06);  // narrower than the prior's 90% (0.054)
  // Every step reports its ESS; observed steps lose some, and resampling happened.
  REQUIRE(long_run.steps.size() == 25);
  bool resampled = false;
  for (std::size_t s = 0; s < long_run.steps.size(); ++s) {
    CHECK(long_run.steps[s].ess > 0);
    CHECK(long_run.steps[s].ess <= 1000.0 + 1e-9);
    resampled = resampled || long_run.steps[s].resampled;
  }
  CHECK(resampled);
  CHECK(long_run.steps[18].resampled);  // always at the origin
  // After the origin, every weight is equal.
  const double* w = long_run.weights_at(20);
  CHECK(std::all_of(w, w + 1000, [](double x) { return x == 1.0 / 1000; }));
}

TEST_CASE("particle filter: identical for 1 and 2 threads", "[filter]") {
  const Toy t = toy();
  FilterOptions opt;
  opt.seed = 9;
  opt.particles = 300;
  opt.origin_step = 12;
  opt.threads = 1;
  const auto obs = synthetic(t, 12);
  const auto a = run_particle_filter(*t.sc, obs, opt);
  opt.threads = 2;
  const auto b = run_particle_filter(*t.sc, obs, opt);
  CHECK(a.values == b.values);
  CHECK(a.weights == b.weights);
  for (std::size_t s = 0; s < a.steps.size(); ++s) {
    CHECK(a.steps[s].ess == b.steps[s].ess);
    CHECK(a.steps[s].resampled == b.steps[s].resampled);
  }
}

// The record reads 15% above the model's world in every year (a level
// error that lasts, like China's GDP in the backcast), and the model has no
// shocks that could absorb it (a's growth_sd = 0: GDP_a = 100 exp(g t)).
// Without a discrepancy the filter can only bend g to split the difference
// between level and slope; with the AR(1) discrepancy it learns the level in
// sample and carries it into the forecast.
TEST_CASE("particle filter: a persistent discrepancy carries a level error into the forecast", "[filter]") {
  const Toy t = toy({"actors.a.attributes.growth_sd=0"});
  auto obs = synthetic(t, 15);
  std::vector<double> record;
  for (auto& o : obs) {
    o.value *= 1.15;
    o.sd *= 1.15;
    record.push_back(o.value);
  }
  obs.resize(12);
  FilterOptions opt;
  opt.seed = 3;
  opt.particles = 1000;
  opt.threads = 2;
  opt.origin_step = 12;
  const auto plain = run_particle_filter(*t.sc, obs, opt);
  opt.discrepancy_outcomes = {t.gdp_a};
  const auto biased = run_particle_filter(*t.sc, obs, opt);
  auto forecast = [&](const FilterResult& r) {
    return WeightedEnsemble(r.values_at(15, t.gdp_a), r.weights_at(15), 1000);
  };
  const double y = record[14];  // step 15
  const auto with = forecast(biased), without = forecast(plain);
  INFO("record " << y << "; median with discrepancy " << with.quantile(0.5) << " [" << with.quantile(0.05) << ", "
                 << with.quantile(0.95) << "], without " << without.quantile(0.5) << " [" << without.quantile(0.05)
                 << ", " << without.quantile(0.95) << "]");
  CHECK(with.quantile(0.05) <= y);
  CHECK(y <= with.quantile(0.95));
  CHECK(with.crps(y) < 0.5 * without.crps(y));
  // The level went into the discrepancy, not into the growth rate.
  const auto [lo, hi] = posterior_90(biased, t.g_slot);
  CHECK(lo <= 0.04);
  CHECK(0.04 <= hi);
  // Deterministic at any thread count, and off unless asked for.
  opt.threads = 1;
  CHECK(run_particle_filter(*t.sc, obs, opt).values == biased.values);
  CHECK(plain.values != biased.values);
  opt.stop_at_origin = true;
  CHECK_THROWS_AS(run_particle_filter(*t.sc, obs, opt), std::invalid_argument);
}

TEST_CASE("particle filter: the Liu-West kernel keeps the parameters' spread", "[filter]") {
  CHECK(liu_west_shrinkage(0.98) == Approx((3 * 0.98 - 1) / (2 * 0.98)));
  CHECK(liu_west_shrinkage(1.0) == 1.0);
  const Toy t = toy();
  FilterOptions opt;
  opt.particles = 200;
  opt.threads = 1;
  CHECK_THROWS_AS(run_particle_filter(*t.sc, {}, [&] { auto o = opt; o.ess_threshold = 1.5; return o; }()),
                  std::invalid_argument);
  CHECK_THROWS_AS(run_particle_filter(*t.sc, {}, [&] { auto o = opt; o.discount = 0; return o; }()),
                  std::invalid_argument);
}

TEST_CASE("weighted ensemble: quantiles, CRPS and PIT", "[filter][scores]") {
  const std::vector<double> x = {3, 1, 2, 4};
  const std::vector<double> eq(4, 1.0);
  const WeightedEnsemble e(x.data(), eq.data(), 4);
  CHECK(e.quantile(0.25) == 1);
  CHECK(e.quantile(0.26) == 2);
  CHECK(e.quantile(0.5) == 2);
  CHECK(e.quantile(1.0) == 4);
  for (double y : {-1.0, 1.5, 2.0, 3.7, 9.0}) CHECK(e.crps(y) == Approx(crps_sample(x, y)));
  CHECK(e.pit(2.5) == 0.5);
  CHECK(e.pit(2.0) == Approx(0.25 + 0.125));
  // Integer weights are repetitions.
  const std::vector<double> w = {2, 1, 0, 1};  // 3, 3, 1, 4
  const WeightedEnsemble f(x.data(), w.data(), 4);
  for (double y : {0.0, 2.0, 3.0, 3.5, 5.0}) CHECK(f.crps(y) == Approx(crps_sample({3, 3, 1, 4}, y)));
  CHECK(f.quantile(0.5) == 3);
  CHECK(f.pit(3.5) == 0.75);
}
