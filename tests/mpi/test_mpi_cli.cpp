// entente under mpirun on this machine (2 and 3 ranks, oversubscribed):
// run, compare and sweep write exactly what a single process writes, a
// sweep resumes across rank counts, a rank that dies fails the job and the
// finished points resume, and an error on rank 0 is printed once. Compiled
// only in builds with ENTENTE_WITH_MPI (tests/CMakeLists.txt), so CTest
// registers these tests only there.
#if ENTENTE_WITH_MPI
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analysis/sweep/sweep_db.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;

namespace {

using entente::test::run_cli;
using entente::test::slurp;

fs::path scratch(const std::string& name) { return entente::test::scratch_dir("mpi_" + name); }

const std::string kScenario = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml";

// mpirun as CI runs it: as root in a container, without a network, more
// ranks than cores. Shared memory (vader) without the kernel's single-copy
// mechanism, which containers often forbid; no binding of a rank to one core
// (a rank runs several threads).
std::string mpirun(int ranks) {
  return "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
         "OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1 " +
         std::string(ENTENTE_MPIEXEC) + " --allow-run-as-root --oversubscribe --bind-to none -np " +
         std::to_string(ranks) + " ";
}

entente::test::CliResult run_mpi(int ranks, const std::string& args, const std::string& env = "") {
  const fs::path dir = scratch("io_" + std::to_string(ranks) + "_" + std::to_string(std::hash<std::string>{}(args)));
  const std::string cmd = env + " " + mpirun(ranks) + ENTENTE_CLI_PATH + " " + args + " >" + (dir / "out").string() +
                          " 2>" + (dir / "err").string();
  const int status = std::system(cmd.c_str());
  entente::test::CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

// The manifest without what legitimately differs between two runs.
nlohmann::json stable_manifest(const fs::path& dir) {
  auto m = nlohmann::json::parse(slurp(dir / "manifest.json"));
  for (const char* k : {"created_utc", "wall_seconds", "ranks"}) m.erase(k);
  return m;
}

std::string dump(const fs::path& db) { return entente::analysis::SweepDatabase(db.string()).canonical_dump(); }

}  // namespace

TEST_CASE("mpirun -np 2 and 3 entente run writes the files of a single process", "[mpi][cli][determinism]") {
  const fs::path one = scratch("run1"), two = scratch("run2"), three = scratch("run3");
  const std::string args = "run " + kScenario + " --runs 1000 --seed 7 --threads 1 --no-report --out ";
  const auto r1 = run_cli(args + one.string());
  const auto r2 = run_mpi(2, args + two.string());
  const auto r3 = run_mpi(3, args + three.string());
  REQUIRE(r1.code == 0);
  INFO(r2.err << r3.err);
  REQUIRE(r2.code == 0);
  REQUIRE(r3.code == 0);
  for (const char* f : {"summary.csv", "thresholds.csv", "summary.json"}) {
    INFO(f);
    CHECK(!slurp(one / f).empty());
    CHECK(slurp(two / f) == slurp(one / f));
    CHECK(slurp(three / f) == slurp(one / f));
  }
  CHECK(stable_manifest(two) == stable_manifest(one));
  CHECK(stable_manifest(three) == stable_manifest(one));
  CHECK(nlohmann::json::parse(slurp(one / "manifest.json"))["ranks"] == 1);
  CHECK(nlohmann::json::parse(slurp(two / "manifest.json"))["ranks"] == 2);
  CHECK(nlohmann::json::parse(slurp(three / "manifest.json"))["ranks"] == 3);
  // Only rank 0 prints: one table, one header line.
  CHECK(r3.out.find("3 ranks x 1 threads") != std::string::npos);
  CHECK(r3.out.find("sino_russia_2035:") == r3.out.rfind("sino_russia_2035:"));
}

TEST_CASE("mpirun -np 2 entente run --condition-on writes the files of a single process", "[mpi][cli][determinism][filter]") {
  const fs::path one = scratch("cond1"), two = scratch("cond2");
  const std::string args = "run " + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/backcast_2000_2024.yaml --condition-on " +
                           std::string(ENTENTE_SOURCE_DIR) + "/scenarios/data/history_2000_2021.csv --origin 2018 " +
                           "--runs 300 --seed 7 --threads 1 --no-report --out ";
  const auto r1 = run_cli(args + one.string());
  const auto r2 = run_mpi(2, args + two.string());
  REQUIRE(r1.code == 0);
  INFO(r2.err);
  REQUIRE(r2.code == 0);
  for (const char* f : {"summary.csv", "summary.json", "filter.csv"}) {
    INFO(f);
    CHECK(!slurp(one / f).empty());
    CHECK(slurp(two / f) == slurp(one / f));
  }
  CHECK(stable_manifest(two) == stable_manifest(one));
}

TEST_CASE("mpirun -np 2 entente backtest --origin and --origins write the files of a single process",
          "[mpi][cli][determinism][filter][backtest]") {
  const std::string base = "backtest " + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/backcast_2000_2024.yaml --observed " +
                           std::string(ENTENTE_SOURCE_DIR) + "/scenarios/data/history_2000_2021.csv " +
                           "--runs 200 --seed 7 --threads 1 --obs-error 0.2 --no-charts ";
  struct Case {
    std::string name, args;
    std::vector<std::string> files;
    std::string printed;  // a line the command prints once
  };
  const std::vector<Case> cases = {
      {"bt_origin", "--origin 2018 --max-lead 3", {"backtest.csv", "scores.csv", "leads.csv", "filter.csv", "backtest.json"},
       "effective sample size per year"},
      {"bt_rolling", "--origins 2014,2018", {"rolling.csv", "rolling.json", "origin_2014/backtest.csv", "origin_2018/filter.csv"},
       "rolling origins 2014, 2018"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const fs::path one = scratch(c.name + "1"), two = scratch(c.name + "2");
    const auto r1 = run_cli(base + c.args + " --out " + one.string());
    const auto r2 = run_mpi(2, base + c.args + " --out " + two.string());
    REQUIRE(r1.code == 0);
    INFO(r2.err);
    REQUIRE(r2.code == 0);
    for (const auto& f : c.files) {
      INFO(f);
      CHECK(!slurp(one / f).empty());
      CHECK(slurp(two / f) == slurp(one / f));
    }
    CHECK(stable_manifest(two) == stable_manifest(one));
    // Only rank 0 prints: the table once.
    const auto first = r2.out.find(c.printed);
    REQUIRE(first != std::string::npos);
    CHECK(r2.out.find(c.printed, first + 1) == std::string::npos);
  }
}

TEST_CASE("mpirun -np 2 and 3 entente compare writes the files of a single process", "[mpi][cli][determinism]") {
  const fs::path one = scratch("cmp1"), two = scratch("cmp2"), three = scratch("cmp3");
  const std::string args = "compare " + kScenario +
                           " --policy baseline --policy reduce_value --policy maximum_pressure --runs 400 --seed 3"
                           " --threads 1 --no-report --quiet --out ";
  REQUIRE(run_cli(args + one.string()).code == 0);
  REQUIRE(run_mpi(2, args + two.string()).code == 0);
  REQUIRE(run_mpi(3, args + three.string()).code == 0);
  for (const char* f : {"compare.csv", "compare.json"}) {
    INFO(f);
    CHECK(!slurp(one / f).empty());
    CHECK(slurp(two / f) == slurp(one / f));
    CHECK(slurp(three / f) == slurp(one / f));
  }
  CHECK(stable_manifest(three) == stable_manifest(one));
}

TEST_CASE("a sweep under mpirun equals a single process, and resumes across rank counts", "[mpi][sweep][resume]") {
  const fs::path dir = scratch("sweep");
  const std::string common = "sweep " + kScenario +
                             " --design lhs --samples 60 --replicates 4 --policy baseline --policy reduce_value"
                             " --years 2025,2035 --seed 11 --threads 1 --quiet --db ";
  REQUIRE(run_cli(common + (dir / "one.sqlite").string()).code == 0);
  const auto two = run_mpi(2, common + (dir / "two.sqlite").string());
  INFO(two.err);
  REQUIRE(two.code == 0);
  CHECK(dump(dir / "two.sqlite") == dump(dir / "one.sqlite"));
  // 3 ranks compute 17 points and stop; 2 ranks finish the rest.
  REQUIRE(run_mpi(3, common + (dir / "part.sqlite").string() + " --limit 17").code == 0);
  CHECK(entente::analysis::SweepDatabase((dir / "part.sqlite").string()).finished_points().size() == 17);
  const auto resumed = run_mpi(2, common + (dir / "part.sqlite").string() + " --resume");
  REQUIRE(resumed.code == 0);
  CHECK(dump(dir / "part.sqlite") == dump(dir / "one.sqlite"));
  // Only rank 0 touches the database and reports its errors, once.
  const auto exists = run_mpi(3, common + (dir / "two.sqlite").string());
  CHECK(exists.code == 2);
  const std::string needle = "already exists; use --resume";
  CHECK(exists.err.find(needle) != std::string::npos);
  CHECK(exists.err.find(needle) == exists.err.rfind(needle));
}

TEST_CASE("a rank that dies fails the job and the finished points resume", "[mpi][sweep][resume]") {
  const fs::path dir = scratch("die");
  const std::string common = "sweep " + kScenario +
                             " --design lhs --samples 600 --replicates 2 --years 2035 --seed 5 --threads 1 --quiet --db ";
  REQUIRE(run_cli(common + (dir / "one.sqlite").string()).code == 0);
  // Rank 1 is killed (SIGKILL) when it is handed its 3rd chunk (of 64 points).
  const auto died = run_mpi(2, common + (dir / "part.sqlite").string(), "ENTENTE_MPI_TEST_DIE=1:3");
  CHECK(died.code != 0);
  CHECK(died.err.find("signal 9") != std::string::npos);
  REQUIRE(fs::exists(dir / "part.sqlite"));
  const auto before = entente::analysis::SweepDatabase((dir / "part.sqlite").string()).finished_points().size();
  INFO("points committed before the rank died: " << before);
  CHECK(before < 600);
  const auto resumed = run_mpi(3, common + (dir / "part.sqlite").string() + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(dump(dir / "part.sqlite") == dump(dir / "one.sqlite"));
}

TEST_CASE("a sweep under mpirun stopped by SIGTERM keeps whole points in order, as a single process would",
          "[mpi][sweep][resume][interrupt]") {
  const fs::path dir = scratch("stop");
  const std::string common = "sweep " + kScenario +
                             " --design lhs --samples 4000 --replicates 2 --years 2035 --seed 9 --threads 1 --db ";
  // SIGTERM to the ranks (as a batch system, or the kernel's parent-death
  // signal when mpirun itself is killed, sends it) once rank 0 has committed
  // its first wave of points (not a fixed sleep: CI is slow): every rank stops at its next step and rank 0 commits, in order, the whole
  // points it holds.
  const fs::path err = dir / "err";
  const std::string script =
      "ENTENTE_TEST_PHASES=1 " + mpirun(2) + ENTENTE_CLI_PATH + " " + common + (dir / "part.sqlite").string() +
      " >/dev/null 2>" + err.string() + " & m=$!; i=0; while ! grep -q 'phase committed' " + err.string() +
      " && [ $i -lt 1200 ]; do sleep 0.02; i=$((i+1)); done; pkill -TERM -P $m; wait $m; echo $? > " +
      (dir / "rc").string();
  std::ofstream(dir / "stop.sh") << script << "\n";
  REQUIRE(std::system(("sh " + (dir / "stop.sh").string()).c_str()) == 0);
  const std::string stderr_text = slurp(err);
  INFO(stderr_text);
  CHECK(slurp(dir / "rc") == "130\n");
  CHECK(stderr_text.find("entente: interrupted") != std::string::npos);
  const auto kept = entente::analysis::SweepDatabase((dir / "part.sqlite").string()).finished_points().size();
  INFO("points kept: " << kept);
  REQUIRE(kept > 0);
  CHECK(kept < 4000);
  // The kept points are the first ones, exactly as one process computes them.
  REQUIRE(run_cli(common + (dir / "one.sqlite").string() + " --quiet --limit " + std::to_string(kept)).code == 0);
  CHECK(dump(dir / "part.sqlite") == dump(dir / "one.sqlite"));
}

#endif
