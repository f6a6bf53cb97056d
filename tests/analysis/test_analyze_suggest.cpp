// entente analyze names what a sweep holds when asked for what it does not:
// a misspelt outcome gets a did-you-mean and the list, a year the sweep did
// not store the nearest one (issue 18, "CLI habits").
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/sweep/analysis_input.hpp"
#include "analysis/workflows/sweep_workflow.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace entente;
using namespace entente::analysis;

TEST_CASE("analyze suggests the outcome and year a sweep holds", "[sweep][cli]") {
  const fs::path dir = entente::test::scratch_dir("analyze_suggest");
  test::MiniScenario m;
  m.trade_params = "{adjustment_rate: {ref: speed}}";
  m.extra = "uncertainties:\n  speed: {dist: uniform, min: 0.2, max: 0.9, source: test}\n";
  std::ofstream(dir / "mini.yaml") << m.yaml();
  SweepRequest r;
  r.load.file = (dir / "mini.yaml").string();
  r.design = "lhs";
  r.samples = 4;
  r.replicates = 1;
  r.years = {2025, 2030};
  r.db = (dir / "s.sqlite").string();
  r.threads = 1;
  REQUIRE(execute_sweep(r, builtin_registry()).complete);
  CHECK_THROWS_WITH(read_sweep_for_analysis(r.db, "trade_ba", 2030, ""),
                    Catch::Contains("no outcome 'trade_ba' in this sweep (did you mean 'trade_ab'?); its outcomes: "
                                    "dep_ab or trade_ab"));
  CHECK_THROWS_WITH(read_sweep_for_analysis(r.db, "trade_ab", 2031, ""),
                    Catch::Contains("no year 2031 in this sweep (did you mean 2030?); it stored 2025 or 2030"));
  CHECK(read_sweep_for_analysis(r.db, "trade_ab", 2030, "").y.size() == 4);
  const auto cli = entente::test::run_cli("analyze prim --db " + r.db + " --outcome trade_abb --year 2030");
  CHECK(cli.code == 2);
  CHECK(cli.err.find("(did you mean 'trade_ab'?)") != std::string::npos);
}
