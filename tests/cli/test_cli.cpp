// The entente executable end to end: exit codes, files written, byte-identical
// outputs across thread counts, overrides, and quiet piped output.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/util/sha256.hpp"
#include "support/cli_runner.hpp"

namespace fs = std::filesystem;

namespace {

using entente::test::run_cli;
using entente::test::slurp;

fs::path scratch(const std::string& name) { return entente::test::scratch_dir("cli_" + name); }

const std::string kScenario = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml";

}  // namespace

TEST_CASE("entente --help and --version succeed and no command is a usage error", "[cli]") {
  auto help = run_cli("--help");
  CHECK(help.code == 0);
  CHECK(help.out.find("validate FILE") != std::string::npos);
  CHECK(help.out.find("run FILE") != std::string::npos);
  CHECK(run_cli("--version").out.rfind("entente ", 0) == 0);
  CHECK(run_cli("").code == 2);
  auto typo = run_cli("rnu x.yaml");
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean 'run'?") != std::string::npos);
  for (const char* cmd : {"run --help", "validate --help", "models --help"}) CHECK(run_cli(cmd).code == 0);
}

TEST_CASE("entente run writes identical files for 1 and 2 threads", "[cli][determinism]") {
  const fs::path a = scratch("threads1"), b = scratch("threads2");
  auto r1 = run_cli("run " + kScenario + " --runs 300 --seed 7 --threads 1 --out " + a.string());
  auto r2 = run_cli("run " + kScenario + " --runs 300 --seed 7 --threads 2 --out " + b.string());
  REQUIRE(r1.code == 0);
  REQUIRE(r2.code == 0);
  for (const char* f : {"summary.csv", "thresholds.csv", "summary.json"}) {
    INFO(f);
    CHECK(!slurp(a / f).empty());
    CHECK(slurp(a / f) == slurp(b / f));
  }
  const auto manifest = nlohmann::json::parse(slurp(a / "manifest.json"));
  CHECK(manifest["format"] == "entente-manifest");
  CHECK(manifest["seed"] == 7);
  CHECK(manifest["runs"] == 300);
  CHECK(manifest["threads"] == 1);
  CHECK(manifest["scenario"]["hash_sha256"].get<std::string>().size() == 64);
  CHECK(manifest["resolved_scenario"]["name"] == "sino_russia_2035");
  CHECK(manifest.contains("git_revision"));
  CHECK(manifest.contains("wall_seconds"));
  // The manifest lists the hash of every file of the set.
  for (const char* f : {"summary.csv", "thresholds.csv", "summary.json"})
    CHECK(manifest["files"][f] == entente::sha256_hex(slurp(a / f)));
  // Piped (not a terminal): no progress bar on stderr.
  CHECK(r1.err.empty());
  // No temporary files are left behind.
  for (const auto& e : fs::directory_iterator(a)) CHECK(e.path().extension() != ".tmp");
}

TEST_CASE("entente run --format csv prints exactly summary.csv", "[cli]") {
  const fs::path dir = scratch("format");
  auto r = run_cli("run " + kScenario + " --runs 100 --format csv --out " + dir.string());
  REQUIRE(r.code == 0);
  CHECK(r.out == slurp(dir / "summary.csv"));
  CHECK(r.out.rfind("outcome,year,runs,mean,sd,se,p05,p25,p50,p75,p95,min,max\n", 0) == 0);
  auto j = run_cli("run " + kScenario + " --runs 100 --format json");
  REQUIRE(j.code == 0);
  CHECK(nlohmann::json::parse(j.out)["runs"] == 100);
}

TEST_CASE("entente run prints the headline table", "[cli]") {
  auto r = run_cli("run " + kScenario + " --runs 200");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Russia's dependence on China") != std::string::npos);
  CHECK(r.out.find("2021") != std::string::npos);
  CHECK(r.out.find("2035") != std::string::npos);
  CHECK(r.out.find("median [5th, 95th percentile] over 200 runs") != std::string::npos);
}

TEST_CASE("set overrides and policies change the results and bad ones exit with code 2", "[cli]") {
  auto base = run_cli("run " + kScenario + " --runs 100 --format csv");
  auto set = run_cli("run " + kScenario + " --runs 100 --format csv --set levers.tariffs_china.intensity=0.9");
  auto policy = run_cli("run " + kScenario + " --runs 100 --format csv --policy maximum_pressure");
  REQUIRE(base.code == 0);
  REQUIRE(set.code == 0);
  REQUIRE(policy.code == 0);
  CHECK(set.out != base.out);
  CHECK(policy.out != base.out);

  auto bad_set = run_cli("run " + kScenario + " --set levers.western_sanctions_russia.intensity=abc");
  CHECK(bad_set.code == 2);
  CHECK(bad_set.err.find("--set:1:43: error: lever 'western_sanctions_russia' intensity must be a number, got 'abc'") !=
        std::string::npos);
  auto bad_policy = run_cli("run " + kScenario + " --policy maximum_presure");
  CHECK(bad_policy.code == 2);
  CHECK(bad_policy.err.find("unknown policy 'maximum_presure' (did you mean 'maximum_pressure'?)") !=
        std::string::npos);
}

TEST_CASE("bad options and missing files exit with code 2 and write nothing", "[cli]") {
  const fs::path dir = scratch("nothing");
  auto missing = run_cli("run /nonexistent/scenario.yaml --out " + (dir / "o").string());
  CHECK(missing.code == 2);
  CHECK(missing.err.find("/nonexistent/scenario.yaml: error: cannot open file") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "o"));
  CHECK(run_cli("run " + kScenario + " --runs 0").code == 2);
  CHECK(run_cli("run " + kScenario + " --threads -1").code == 2);
  CHECK(run_cli("run " + kScenario + " --format xml").code == 2);
  CHECK(run_cli("run " + kScenario + " --bogus").code == 2);
  CHECK(run_cli("run").code == 2);
}

TEST_CASE("entente validate and entente models describe what they check", "[cli]") {
  auto v = run_cli("validate " + kScenario);
  CHECK(v.code == 0);
  CHECK(v.out.find(": ok") != std::string::npos);
  auto m = run_cli("models");
  CHECK(m.code == 0);
  for (const char* s : {"TradeSanctions", "Dependence", "sanctions_elasticity", "weight_exports", "dependence.<i>.<j>"})
    CHECK(m.out.find(s) != std::string::npos);
  CHECK(run_cli("models TradeSanctions").code == 0);
  auto unknown = run_cli("models Dependance");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("did you mean 'Dependence'?") != std::string::npos);
}

TEST_CASE("entente compare writes the comparison, the charts and the report", "[cli][compare]") {
  const fs::path dir = scratch("compare");
  auto r = run_cli("compare " + kScenario + " --policy baseline --policy maximum_pressure --runs 200 --years 2030,2035 --out " +
                   dir.string());
  REQUIRE(r.code == 0);
  for (const char* f : {"compare.csv", "compare.json", "manifest.json", "report.html"}) CHECK(fs::exists(dir / f));
  CHECK(fs::exists(dir / "charts" / "fan_russia_dependence_on_china.svg"));
  CHECK(fs::exists(dir / "charts" / "fan_russia_dependence_on_china.png"));
  CHECK(r.out.find("each policy against Live with the partnership: mean difference [95% CI], verdict") !=
        std::string::npos);
  CHECK(r.out.find("  Maximum pressure ") != std::string::npos);  // policies by label
  CHECK(r.out.find("common random numbers") != std::string::npos);
  CHECK(r.out.find("report: " + (dir / "report.html").string()) != std::string::npos);
  const auto j = nlohmann::json::parse(slurp(dir / "compare.json"));
  CHECK(j["report_years"] == nlohmann::json::array({2030.0, 2035.0}));
  const auto m = nlohmann::json::parse(slurp(dir / "manifest.json"));
  CHECK(m["command"] == "compare");
  CHECK(m["policies"] == nlohmann::json::array({"baseline", "maximum_pressure"}));
  CHECK(m["files"]["compare.json"] == entente::sha256_hex(slurp(dir / "compare.json")));
}

TEST_CASE("entente compare rejects bad policy lists and years with exit code 2", "[cli][compare]") {
  auto one = run_cli("compare " + kScenario + " --policy baseline --policy baseline --runs 10");
  CHECK(one.code == 2);
  CHECK(one.err.find("policy 'baseline' is listed twice") != std::string::npos);
  auto unknown = run_cli("compare " + kScenario + " --policy baseline --policy reduce_valeu --runs 10");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("did you mean 'reduce_value'?") != std::string::npos);
  auto years = run_cli("compare " + kScenario + " --years 2040 --runs 10");
  CHECK(years.code == 2);
  CHECK(years.err.find("--years: error: 2040 is not a year of the scenario (2021 to 2035 by year)") != std::string::npos);
  CHECK(run_cli("compare " + kScenario + " --years abc").code == 2);
}

TEST_CASE("negative numbers, repeated years and resuming a missing sweep are usage errors", "[cli]") {
  auto seed = run_cli("run " + kScenario + " --runs 10 --seed -1");
  CHECK(seed.code == 2);
  CHECK(seed.err.find("option --seed takes a non-negative number, got -1") != std::string::npos);
  auto years = run_cli("compare " + kScenario + " --runs 10 --years 2035,2035");
  CHECK(years.code == 2);
  CHECK(years.err.find("--years lists 2035 twice") != std::string::npos);
  CHECK(run_cli("sweep " + kScenario + " --years 2035abc --db x.sqlite").code == 2);
  const fs::path dir = scratch("resume_missing");
  auto resume = run_cli("sweep " + kScenario + " --resume --db " + (dir / "none.sqlite").string());
  CHECK(resume.code == 2);
  CHECK(resume.err.find("does not exist, so there is no sweep to resume") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "none.sqlite"));
  std::ofstream(dir / "text.sqlite") << "not a database\n";
  auto garbage = run_cli("sweep " + kScenario + " --resume --db " + (dir / "text.sqlite").string());
  CHECK(garbage.code == 2);
}
