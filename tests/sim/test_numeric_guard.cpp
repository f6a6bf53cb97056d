// Numeric guards (sim/engine/numeric_guard.hpp): a deliberately broken
// component that writes NaN, infinity or an out-of-bounds value stops its run
// with an error naming the component, the element, the step, the run and the
// seed; the ensemble reports the lowest failing run on any thread count and
// never folds the bad run into its summary.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "analysis/summary/ensemble_summary.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/numeric_guard.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// Stands in for Dependence (it declares the same shared field) and breaks
// on purpose: at step `fail_step`, in run `fail_run` (or every run when
// negative), it writes `bad` into `where` (0: dependence[a, b]; 1: its
// private state; 2: its series `broken.a`). Healthy otherwise.
class BrokenDependence final : public Model {
 public:
  BrokenDependence(const CompiledScenario&, const ModelParams& p)
      : fail_step_(p.at("fail_step")), fail_run_(p.at("fail_run")), where_(p.at("where")), bad_(p.at("bad")) {}

  bool bind_output(std::string_view series, std::size_t slot, std::string&) override {
    if (series != "broken.a") return false;
    slot_ = slot;
    return true;
  }
  std::size_t state_size() const override { return 1; }
  void initialize(RunState& s, std::size_t offset) const override { write(s, offset); }
  void step(RunState& s, std::size_t offset) const override { write(s, offset); }

 private:
  void write(RunState& s, std::size_t offset) const {
    const std::size_t n = s.n_actors;
    s.dependence[0 * n + 1] = 0.5;
    s.model_state[offset] = 1;
    if (slot_ != kNone) s.series[slot_] = 0.25;
    const double fail_run = s.sampled[fail_run_.slot];
    if (s.step != static_cast<int>(s.sampled[fail_step_.slot])) return;
    if (fail_run >= 0 && static_cast<double>(s.run) != fail_run) return;
    const double bad = s.sampled[bad_.slot] == 0   ? std::numeric_limits<double>::quiet_NaN()
                       : s.sampled[bad_.slot] == 1 ? std::numeric_limits<double>::infinity()
                                                   : 1.5;
    switch (static_cast<int>(s.sampled[where_.slot])) {
      case 0: s.dependence[0 * n + 1] = bad; break;
      case 1: s.model_state[offset] = bad; break;
      default: s.series[slot_] = bad; break;
    }
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  ParamHandle fail_step_, fail_run_, where_, bad_;
  std::size_t slot_ = kNone;
};

const ModelRegistry& registry() {
  static const ModelRegistry reg = [] {
    ModelRegistry r = builtin_registry();
    ModelInfo info;
    info.name = "BrokenDependence";
    info.family = "test";
    info.summary = "a component that breaks on purpose";
    info.params = {
        {"fail_step", 3, 0, 100, "1", "step at which it writes the bad value", "test"},
        {"fail_run", -1, -1, 1e6, "1", "run that breaks (-1: every run)", "test"},
        {"where", 0, 0, 2, "1", "0 dependence, 1 private state, 2 series", "test"},
        {"bad", 0, 0, 2, "1", "0 NaN, 1 infinity, 2 the value 1.5", "test"},
    };
    info.outputs = {{"broken.a", "a series that breaks"}};
    info.reads = {"flows"};
    info.writes = {"dependence"};
    info.create = [](const CompiledScenario& sc, const ModelParams& p) {
      return std::make_unique<BrokenDependence>(sc, p);
    };
    r.add(std::move(info));
    return r;
  }();
  return reg;
}

std::unique_ptr<CompiledScenario> broken_scenario(const std::string& parameters) {
  test::MiniScenario mini;
  mini.outcomes = "  trade_ab: {series: trade.a.b}\n  broken: {series: broken.a}\n";
  std::string yaml = mini.yaml();
  const std::string healthy = "{name: Dependence}";
  yaml.replace(yaml.find(healthy), healthy.size(), "{name: BrokenDependence, parameters: " + parameters + "}");
  auto sc = compile_for_policy(load_scenario_text(yaml, "broken.yaml", registry()), registry(), "");
  REQUIRE(sc);
  return sc;
}

// The RunError message of an ensemble of `runs` on `threads` threads.
std::string ensemble_error(const CompiledScenario& sc, std::uint64_t runs, int threads) {
  analysis::EnsembleSummary summary(sc);
  EnsembleOptions opt;
  opt.seed = 7;
  opt.runs = runs;
  opt.threads = threads;
  try {
    run_ensemble(sc, opt, summary);
  } catch (const RunError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a component that writes NaN stops the run with the component, element, step, run and seed",
          "[guard]") {
  auto sc = broken_scenario("{fail_step: 3}");
  CHECK(ensemble_error(*sc, 50, 2) ==
        "run 0 (seed 7, design point 0): component 'BrokenDependence' set dependence[a, b] to nan at step 3 "
        "(2023); it must lie within [0, 1]");
}

TEST_CASE("infinity and values outside a field's bounds are caught as they are written", "[guard]") {
  CHECK(ensemble_error(*broken_scenario("{fail_step: 2, bad: 1}"), 10, 1) ==
        "run 0 (seed 7, design point 0): component 'BrokenDependence' set dependence[a, b] to inf at step 2 "
        "(2022); it must lie within [0, 1]");
  CHECK(ensemble_error(*broken_scenario("{fail_step: 5, bad: 2}"), 10, 1) ==
        "run 0 (seed 7, design point 0): component 'BrokenDependence' set dependence[a, b] to 1.5 at step 5 "
        "(2025); it must lie within [0, 1]");
  CHECK(ensemble_error(*broken_scenario("{fail_step: 4, where: 1, bad: 1}"), 10, 1) ==
        "run 0 (seed 7, design point 0): component 'BrokenDependence' set its private state [0] to inf at step 4 "
        "(2024); it must be finite");
}

TEST_CASE("a bad value in the start year or in a component's series names both", "[guard]") {
  CHECK(ensemble_error(*broken_scenario("{fail_step: 0, where: 2}"), 10, 1) ==
        "run 0 (seed 7, design point 0): component 'BrokenDependence' set series 'broken.a' (outcome 'broken') to "
        "nan at step 0 (2020); it must be finite");
}

TEST_CASE("the ensemble reports the lowest failing run on every thread count and the key reproduces it",
          "[guard]") {
  auto sc = broken_scenario("{fail_step: 6, fail_run: 137}");
  const std::string expected =
      "run 137 (seed 7, design point 0): component 'BrokenDependence' set dependence[a, b] to nan at step 6 "
      "(2026); it must lie within [0, 1]";
  for (int threads : {1, 2, 4}) CHECK(ensemble_error(*sc, 400, threads) == expected);
  // Fewer runs than the broken one: the ensemble completes and every summary
  // value is finite.
  CHECK(ensemble_error(*sc, 137, 2) == "no error");
  // The run key alone replays the failure, without the ensemble.
  RunState state;
  std::vector<double> trace(static_cast<std::size_t>(sc->n_steps + 1) * sc->outcomes.size());
  try {
    run_trace(*sc, {7, 0, 137}, state, trace.data());
    FAIL("run 137 did not fail on its own");
  } catch (const RunError& e) {
    CHECK(std::string(e.what()) == expected);
    CHECK(e.key().run == 137);
    CHECK(e.key().seed == 7);
  }
  CHECK_NOTHROW(run_trace(*sc, {7, 0, 136}, state, trace.data()));
}

TEST_CASE("every shipped scenario's components stay finite and within bounds under every policy", "[guard]") {
  // test_scenarios runs each policy; here the guard's table itself: each
  // built-in component's declared writes are known shared fields.
  for (const auto& info : builtin_registry().all())
    CHECK_NOTHROW(plan_field_checks(info.writes, 3, 2));
  CHECK_THROWS_WITH(plan_field_checks({"gdp", "no_such_field"}, 3, 2),
                    "a component declares it writes 'no_such_field', which is not a shared field");
}
