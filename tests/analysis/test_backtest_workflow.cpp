// The backtest workflow on a scenario whose truth is known
// (tests/analysis/fixtures/backtest/growth.yaml): observations drawn from the
// model itself are covered at the nominal rate, observations far from it
// score worse than persistence, and unmatched series are notes.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/backtest/backtest_workflow.hpp"
#include "sim/engine/run.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace entente;
using namespace entente::analysis;

namespace {

const std::string kGrowth = test::source_path("tests/analysis/fixtures/backtest/growth.yaml");

// Observations of every outcome for 2001..last, each (outcome, year) from its
// own run of the model under another seed: independent draws from the
// model's marginal distribution at that year.
std::string synthetic_history(int last, std::uint64_t seed) {
  LoadRequest lr;
  lr.file = kGrowth;
  auto loaded = load_scenario(lr, builtin_registry());
  auto sc = compile_for_policy(loaded, builtin_registry(), "");
  const std::size_t n_out = sc->outcomes.size();
  std::vector<double> trace(static_cast<std::size_t>(sc->n_steps + 1) * n_out);
  RunState state;
  std::string csv = "year,series,value,unit,source\n";
  std::uint64_t run = 0;
  for (int y = 2001; y <= last; ++y)
    for (std::size_t o = 0; o < n_out; ++o) {
      run_trace(*sc, {seed, 0, run++}, state, trace.data());
      const auto step = static_cast<std::size_t>(y - 2000);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", trace[step * n_out + o]);
      csv += std::to_string(y) + "," + sc->outcomes[o].spec.id + "," + buf + ",USD bn,\"synthetic, seed " +
             std::to_string(seed) + "\"\n";
    }
  return csv;
}

std::string write(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

BacktestRequest request(const std::string& observed) {
  BacktestRequest r;
  r.load.file = kGrowth;
  r.observed = observed;
  r.runs = 2000;
  r.seed = 3;
  r.threads = 2;
  return r;
}

}  // namespace

TEST_CASE("backtest: observations drawn from the model are covered at the nominal rate", "[backtest]") {
  const fs::path dir = test::scratch_dir("backtest_truth");
  auto req = request(write(dir, "h.csv", synthetic_history(2021, 99)));
  const auto res = execute_backtest(req, builtin_registry());
  REQUIRE_FALSE(res.interrupted);
  CHECK(res.until == 2021);
  REQUIRE(res.series.size() == 3);
  // 60 independent observations: coverage ~ Binomial(63, p)/63; allow 3
  // standard errors around the nominal 90% and 50%.
  const double n = static_cast<double>(res.overall.n);
  CHECK(res.overall.n == 60);  // 2001 of each series has no earlier year for the baselines: listed, not scored
  CHECK(std::fabs(res.overall.coverage_90 - 0.9) <= 3 * std::sqrt(0.9 * 0.1 / n));
  CHECK(std::fabs(res.overall.coverage_50 - 0.5) <= 3 * std::sqrt(0.5 * 0.5 / n));
  // GDP of a spreads with the uncertain growth rate: the model knows that,
  // persistence of the 2001 value does not.
  for (const auto& s : res.series) {
    INFO(s.series);
    CHECK(s.in_sample.n == 20);
    CHECK(s.rows.size() == 21);
    CHECK_FALSE(s.rows.front().scored);
    CHECK(s.in_sample.crps_model < s.in_sample.crps_persistence);
    CHECK(s.forecast.size() == 3);  // 2022-2024
    CHECK(s.bands.size() == 25);
    CHECK(s.outcome_unit == "USD bn");
    CHECK(s.observed_unit == "USD bn");
    for (const auto& r : s.rows) {
      CHECK(std::isfinite(r.crps_model));
      CHECK(r.model.q05 <= r.model.q25);
      CHECK(r.model.q25 <= r.model.q50);
      CHECK(r.model.q50 <= r.model.q75);
      CHECK(r.model.q75 <= r.model.q95);
    }
  }
  CHECK(res.notes.empty());
  const std::string table = backtest_table(res);
  CHECK(table.find("gdp_a") != std::string::npos);
  CHECK(table.find("all (CRPS / mean |obs|)") != std::string::npos);
}

TEST_CASE("backtest: a history far from the model scores worse than persistence", "[backtest]") {
  // GDP of a shrinking 3% a year while the model grows it at 0-6% a year.
  const fs::path dir = test::scratch_dir("backtest_far");
  std::string csv = "year,series,value,unit,source\n";
  for (int y = 2000; y <= 2021; ++y)
    csv += std::to_string(y) + ",gdp_a," + std::to_string(100.0 * std::exp(-0.03 * (y - 2000))) + ",USD bn,decline\n";
  csv += "2005,gdp_world,1000,USD bn,nobody\n";
  auto req = request(write(dir, "h.csv", csv));
  req.runs = 500;
  const auto res = execute_backtest(req, builtin_registry());
  REQUIRE(res.series.size() == 1);
  const auto& s = res.series.front();
  CHECK(s.in_sample.crps_model > s.in_sample.crps_persistence);
  CHECK(s.in_sample.crps_model > s.in_sample.crps_trend);
  REQUIRE(s.in_sample.skill_persistence.has_value());
  CHECK(*s.in_sample.skill_persistence < 0);
  CHECK(*s.in_sample.skill_trend < 0);
  CHECK(s.in_sample.coverage_90 < 0.5);
  // The trend of the last five years before the origin (2017-2021) follows the
  // decline's slope there, -3 exp(-0.03 * 19).
  REQUIRE(s.baselines.has_value());
  CHECK(s.baselines->slope == Approx(-3.0 * std::exp(-0.03 * 19)).margin(0.05));
  CHECK(s.baselines->last_year == 2021);
  REQUIRE(res.notes.size() == 1);
  CHECK(res.notes[0] ==
        "skipped 1 observed series with no outcome of that id (use --map SERIES=OUTCOME): gdp_world");
  // The scores file leaves an undefined skill empty: no NaN anywhere.
  const std::string sc = scores_csv(res);
  CHECK(sc.find("nan") == std::string::npos);
  CHECK(sc.find("inf") == std::string::npos);
  CHECK(backtest_json(res).find("nan") == std::string::npos);
}

TEST_CASE("backtest: an exact naive forecast leaves the skill score undefined, never NaN", "[backtest]") {
  const fs::path dir = test::scratch_dir("backtest_flat");
  std::string csv = "year,series,value,unit,source\n";
  for (int y = 2000; y <= 2021; ++y) csv += std::to_string(y) + ",gdp_a,100,USD bn,flat\n";
  auto req = request(write(dir, "h.csv", csv));
  req.runs = 300;
  const auto res = execute_backtest(req, builtin_registry());
  const auto& s = res.series.front();
  CHECK(s.in_sample.crps_persistence == 0.0);
  CHECK(s.in_sample.crps_trend == 0.0);
  CHECK(s.in_sample.crps_model > 1.0);
  CHECK_FALSE(s.in_sample.skill_persistence.has_value());
  CHECK_FALSE(s.in_sample.skill_trend.has_value());
  const std::string sc = scores_csv(res);
  CHECK(sc.find("gdp_a,gdp_a,in,21,") != std::string::npos);
  CHECK(s.in_sample.crps_walk == 0.0);
  CHECK_FALSE(s.in_sample.skill_walk.has_value());
  CHECK(sc.find(",,,") != std::string::npos);  // empty skill fields
  for (const std::string& text : {sc, backtest_csv(res), forecast_csv(res), leads_csv(res), backtest_json(res)}) {
    CHECK(text.find("nan") == std::string::npos);
    CHECK(text.find("inf") == std::string::npos);
  }
  CHECK(backtest_json(res).find("\"skill_vs_persistence\": null") != std::string::npos);
}

TEST_CASE("backtest: --map, --until and observations off the scenario's years", "[backtest]") {
  const fs::path dir = test::scratch_dir("backtest_map");
  const std::string csv =
      "year,series,value,unit,source\n"
      "1995,gdp_of_a,90,USD bn,x\n"
      "2000,gdp_of_a,100,USD bn,x\n"
      "2005,gdp_of_a,116,USD bn,x\n"
      "2010,gdp_of_a,135,USD bn,x\n"
      "2015,gdp_of_a,157,USD bn,x\n"
      "2020,gdp_of_a,182,USD bn,x\n";
  auto req = request(write(dir, "h.csv", csv));
  req.runs = 300;
  req.map = {"gdp_of_a=gdp_a"};
  req.until = 2010;
  const auto res = execute_backtest(req, builtin_registry());
  REQUIRE(res.series.size() == 1);
  const auto& s = res.series.front();
  CHECK(s.outcome == "gdp_a");
  CHECK(s.in_sample.n == 2);  // 2000 has no earlier observation for the baselines
  REQUIRE(s.out_of_sample);
  CHECK(s.out_of_sample->n == 2);
  CHECK(s.forecast.size() == 14);  // 2011-2024
  CHECK(s.forecast.front().model.year == 2011);
  REQUIRE(res.notes.size() == 1);
  CHECK(res.notes[0] == "skipped 1 observations on no year of the scenario: gdp_of_a 1995");
  // The start year is the model's own start value: degenerate and covered.
  CHECK(s.rows.front().model.q05 == 100.0);
  CHECK(s.rows.front().in_90);

  auto bad = req;
  bad.map = {"gdp_of_a=gdp_aa"};
  try {
    execute_backtest(bad, builtin_registry());
    FAIL("no error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() ==
          "--map: error: 'gdp_of_a=gdp_aa': the scenario has no outcome 'gdp_aa' (did you mean 'gdp_a'?)");
  }
  bad = req;
  bad.until = 2030;
  CHECK_THROWS_AS(execute_backtest(bad, builtin_registry()), ScenarioError);
  bad = request(write(dir, "none.csv", "year,series,value\n2001,nothing,1\n"));
  CHECK_THROWS_AS(execute_backtest(bad, builtin_registry()), ScenarioError);
}
