// sweep --condition-on (docs/calibration.md, "Conditioned sweeps"): the
// history is assimilated once, every point's replicates continue the same
// conditioned particles from the origin, the design varies levers only, and
// the database does not depend on the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/sweep/point_summary.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/workflows/sweep_workflow.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace entente;
using namespace entente::analysis;

namespace {

std::string write_scenario(const fs::path& dir) {
  test::MiniScenario m;
  m.growth_sd = "0.03";
  m.trade_params = "{adjustment_rate: {ref: speed}, gdp_elasticity: {ref: elasticity}}";
  m.outcomes = "  trade_ab: {series: trade.a.b}\n  dep_ba: {series: dependence.b.a}\n";
  m.extra =
      "uncertainties:\n"
      "  speed: {dist: uniform, min: 0.2, max: 0.9, source: test}\n"
      "  elasticity: {dist: uniform, min: 0.3, max: 1.6, source: test}\n"
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, source: test}\n"
      "policies:\n"
      "  calm: {description: none, levers: {s: {intensity: 0}}}\n"
      "  tough: {description: full, levers: {s: {intensity: 1}}}\n";
  const fs::path file = dir / "mini.yaml";
  std::ofstream(file) << m.yaml();
  return file.string();
}

// Trade a -> b observed 2020-2024, growing 6% a year (2% error).
std::string write_history(const fs::path& dir) {
  std::string csv = "year,series,value,sd\n";
  for (int y = 2020; y <= 2024; ++y) {
    const double v = 10.0 * std::exp(0.06 * (y - 2020));
    csv += std::to_string(y) + ",trade_ab," + std::to_string(v) + "," + std::to_string(0.02 * v) + "\n";
  }
  const fs::path p = dir / "history.csv";
  std::ofstream(p) << csv;
  return p.string();
}

SweepRequest request(const fs::path& dir, const std::string& db, int threads) {
  SweepRequest r;
  r.load.file = write_scenario(dir);
  r.design = "lhs";
  r.samples = 8;
  r.replicates = 4;
  r.params = {"levers.s"};
  r.policies = {"calm", "tough"};
  r.db = (dir / db).string();
  r.years = {2023, 2030};  // a year before the origin (the default years have none)
  r.seed = 5;
  r.threads = threads;
  ConditionRequest c;
  c.observed = write_history(dir);
  c.origin = 2024;
  r.condition = c;
  r.particles = 200;
  return r;
}

}  // namespace

TEST_CASE("replicates take evenly spaced conditioned particles", "[sweep][filter]") {
  CHECK(conditioned_particle(0, 4, 200) == 25);
  CHECK(conditioned_particle(3, 4, 200) == 175);
  CHECK(conditioned_particle(0, 1, 200) == 100);
  CHECK(conditioned_particle(199, 200, 200) == 199);
  CHECK(conditioned_particle(7, 10, 4) == 3);  // more replicates than particles: r mod N
}

TEST_CASE("a conditioned sweep shares the past, varies the levers after the origin, for any thread count",
          "[sweep][filter][determinism]") {
  const fs::path dir = entente::test::scratch_dir("sweep_condition");
  const SweepResult one = execute_sweep(request(dir, "t1.sqlite", 1), builtin_registry());
  const SweepResult two = execute_sweep(request(dir, "t2.sqlite", 2), builtin_registry());
  REQUIRE(one.complete);
  REQUIRE(two.complete);
  REQUIRE(one.conditioned);
  CHECK(one.conditioned->origin == 2024);
  CHECK(one.conditioned->observations == 5);
  SweepDatabase a(one.db), b(two.db);
  CHECK(a.canonical_dump() == b.canonical_dump());
  CHECK(a.manifest_value("conditioned_on").find("\"origin\":2024") != std::string::npos);
  // Up to the origin every point and policy holds the same particles' past;
  // after it the designed lever (held from the origin on) moves trade.
  for (const char* policy : {"calm", "tough"}) {
    INFO(policy);
    const auto past = a.point_means(policy, "trade_ab", 2023);
    for (double v : past) CHECK(v == past.front());
    const auto future = a.point_means(policy, "trade_ab", 2030);
    CHECK(*std::min_element(future.begin(), future.end()) < *std::max_element(future.begin(), future.end()));
  }
  CHECK(a.point_means("calm", "trade_ab", 2023) == a.point_means("tough", "trade_ab", 2023));
  // The conditioned past is near the record (10 e^(0.06 x 3) = 12.0 in 2023).
  CHECK(std::fabs(a.point_means("calm", "trade_ab", 2023).front() - 12.0) < 1.5);
}

TEST_CASE("a conditioned sweep refuses uncertainties as design parameters", "[sweep][filter]") {
  const fs::path dir = entente::test::scratch_dir("sweep_condition_refused");
  auto req = request(dir, "s.sqlite", 1);
  req.params = {"speed", "levers.s"};
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()),
                    Catch::Contains("'speed' is an uncertainty; with --condition-on the uncertainties are the "
                                    "particle filter's posterior draws"));
  req.params.clear();  // the default, every uncertainty, is refused the same way
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()), Catch::Contains("'elasticity' is an uncertainty"));
  CHECK_FALSE(fs::exists(dir / "s.sqlite"));
  const auto cli = entente::test::run_cli("sweep " + req.load.file + " --param speed --condition-on " +
                                          req.condition->observed + " --db " + (dir / "c.sqlite").string());
  CHECK(cli.code == 2);
  CHECK(cli.err.find("'speed' is an uncertainty") != std::string::npos);
  CHECK(entente::test::run_cli("sweep " + req.load.file + " --param levers.s --particles 10 --db " +
                               (dir / "d.sqlite").string())
            .code == 2);  // --particles without --condition-on
}
