// Rejection ABC recovers a known parameter: a history generated with growth
// g = 0.04 (no shocks, so the path is 100 exp(0.04 t) exactly) against the
// prior g ~ uniform(0, 0.06).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/backtest/calibration_workflow.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace entente;
using namespace entente::analysis;

namespace {

const std::string kGrowth = test::source_path("tests/analysis/fixtures/backtest/growth.yaml");

CalibrateRequest abc_request(const fs::path& dir) {
  std::string csv = "year,series,value,unit,source\n";
  for (int y = 2000; y <= 2015; ++y) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", 100.0 * std::exp(0.04 * (y - 2000)));
    csv += std::to_string(y) + ",gdp_a," + buf + ",USD bn,truth\n";
  }
  csv += "2016,gdp_a,1,USD bn,after until: must not matter\n";
  const fs::path p = dir / "h.csv";
  std::ofstream(p) << csv;
  CalibrateRequest r;
  r.load.file = kGrowth;
  r.observed = p.string();
  r.until = 2015;
  r.samples = 60;
  r.runs_per_point = 8;
  r.accept = 0.1;
  r.seed = 5;
  r.threads = 2;
  return r;
}

}  // namespace

TEST_CASE("ABC recovers a known growth rate", "[calibration]") {
  const fs::path dir = test::scratch_dir("calibration_abc");
  const auto res = execute_calibrate(abc_request(dir), builtin_registry());
  REQUIRE_FALSE(res.interrupted);
  REQUIRE(res.params.size() == 1);
  CHECK(res.params[0].name == "g");
  CHECK(res.accepted.size() == 6);
  // Tolerance: with annual shocks of sd 0.02, the growth rate a 15-year
  // path reveals has sd 0.02 / sqrt(15) = 0.005; the CRPS over 8 replicates
  // sharing those shocks ranks points by how close g is to 0.04 within about
  // that, and the 6 kept of 60 stratified points span 0.006 of the prior at
  // least. So the posterior median must lie within 0.01 (2 sd) of the truth,
  // and the kept points must be much narrower than the prior's 90% range (0.054).
  CHECK(std::fabs(res.params[0].post_q50 - 0.04) <= 0.01);
  CHECK(res.params[0].post_q95 - res.params[0].post_q05 < 0.025);
  CHECK(res.params[0].prior_q05 == Approx(0.003));
  CHECK(res.params[0].prior_q95 == Approx(0.057));
  // Accepted points are the closest ones.
  for (std::size_t i = 1; i < res.accepted.size(); ++i)
    CHECK(res.distance[res.accepted[i - 1]] <= res.distance[res.accepted[i]]);
  CHECK(res.params[0].suggestion.rfind("{dist: triangular, min: ", 0) == 0);
  // The same result on one thread.
  auto one = abc_request(dir);
  one.threads = 1;
  const auto res1 = execute_calibrate(one, builtin_registry());
  CHECK(res1.distance == res.distance);
  CHECK(posterior_csv(res1) == posterior_csv(res));
}

TEST_CASE("calibration helpers", "[calibration]") {
  CHECK(interpolated_quantile({1, 2, 3, 4, 5}, 0.5) == 3.0);
  CHECK(interpolated_quantile({1, 2, 3, 4}, 0.5) == 2.5);
  CHECK(interpolated_quantile({7}, 0.95) == 7.0);
  CHECK(suggest_distribution({1, 2, 3}) == "{dist: triangular, min: 1, mode: 2, max: 3}");
  CHECK(suggest_distribution({1, 1, 1, 4}) == "{dist: triangular, min: 1, mode: 1, max: 4}");
  CHECK(suggest_distribution({2, 2}) == "{dist: fixed, value: 2}");
}

TEST_CASE("calibration rejects bad parameters", "[calibration]") {
  const fs::path dir = test::scratch_dir("calibration_bad");
  auto r = abc_request(dir);
  r.params = {"gg"};
  try {
    execute_calibrate(r, builtin_registry());
    FAIL("no error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() ==
          "--param: error: unknown uncertainty 'gg' (did you mean 'g'?); calibration parameters are the scenario's "
          "uncertainties");
  }
  r = abc_request(dir);
  r.accept = 0;
  CHECK_THROWS_AS(execute_calibrate(r, builtin_registry()), ScenarioError);
}
