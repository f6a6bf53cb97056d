// entente run --trace RUN: one run's outcomes year by year and its event log,
// consistent with the ensemble and hashed in the manifest.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;
using entente::test::slurp;

namespace {

// A crisis certain to fire in the first step switches sanctions on from the
// second; trade a -> b falls from then on.
fs::path write_scenario(const fs::path& dir) {
  entente::test::MiniScenario m;
  m.outcomes = "  trade_ab: {series: trade.a.b}\n  crisis: {series: event.crisis}\n";
  m.extra =
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, assumption: test,\n"
      "      triggers: [{when: {event: crisis}, intensity: 1}]}\n"
      "events:\n"
      "  crisis: {hazard: 50, assumption: test}\n";
  const fs::path file = dir / "story.yaml";
  std::ofstream(file) << m.yaml();
  return file;
}

}  // namespace

TEST_CASE("entente run --trace writes the run's outcomes and its event log", "[cli][trace]") {
  const fs::path dir = entente::test::scratch_dir("trace");
  const fs::path file = write_scenario(dir);
  auto r = run_cli("run " + file.string() + " --runs 4 --seed 3 --trace 2 --quiet --no-report --out " +
                   (dir / "out").string());
  REQUIRE(r.code == 0);
  CHECK(slurp(dir / "out" / "events.csv") ==
        "year,kind,name\n"
        "2021,event,crisis\n"
        "2021,trigger,s when crisis\n");
  const std::string trace = slurp(dir / "out" / "trace.csv");
  CHECK(trace.rfind("year,trade_ab,crisis\n2020,10,0\n2021,10,1\n", 0) == 0);
  std::size_t rows = 0;
  for (char c : trace) rows += c == '\n';
  CHECK(rows == 1 + 11);  // header and 2020..2030
  const auto manifest = nlohmann::json::parse(slurp(dir / "out" / "manifest.json"));
  CHECK(manifest["files"].contains("trace.csv"));
  CHECK(manifest["files"].contains("events.csv"));
}

TEST_CASE("a traced run is the ensemble's run with that index", "[cli][trace]") {
  // With one run the summary's mean is that run's value.
  const fs::path dir = entente::test::scratch_dir("trace_one");
  const fs::path file = write_scenario(dir);
  auto r = run_cli("run " + file.string() + " --runs 1 --seed 9 --trace 0 --quiet --no-report --out " +
                   (dir / "out").string());
  REQUIRE(r.code == 0);
  const auto summary = nlohmann::json::parse(slurp(dir / "out" / "summary.json"));
  const std::string trace = slurp(dir / "out" / "trace.csv");
  const std::string last = trace.substr(trace.rfind('\n', trace.size() - 2) + 1);
  const double traced = std::stod(last.substr(last.find(',') + 1));
  CHECK(traced == summary["outcomes"][0]["mean"].back().get<double>());
}

TEST_CASE("run rejects --trace without --out or past the last run", "[cli][trace]") {
  const fs::path dir = entente::test::scratch_dir("trace_bad");
  const fs::path file = write_scenario(dir);
  auto no_out = run_cli("run " + file.string() + " --runs 4 --trace 1");
  CHECK(no_out.code == 2);
  CHECK(no_out.err == "entente: error: --trace needs --out DIR: it writes trace.csv and events.csv there\n");
  auto past = run_cli("run " + file.string() + " --runs 4 --trace 4 --out " + (dir / "o").string());
  CHECK(past.code == 2);
  CHECK(past.err == "entente: error: --trace 4 is not a run of this ensemble; runs are 0 to 3\n");
  CHECK_FALSE(fs::exists(dir / "o"));
}
