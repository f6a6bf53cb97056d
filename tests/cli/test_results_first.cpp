// Results land first (issue 15): whatever happens to the report, the computed
// result set stays; an --out DIR that could never be written is refused
// before any computing.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;

namespace {

const std::string kScenario = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml";

// PATH with a stand-in gnuplot that fails, for the scope of one test.
class FailingGnuplot {
 public:
  explicit FailingGnuplot(const fs::path& dir) {
    const fs::path bin = dir / "bin";
    fs::create_directories(bin);
    std::ofstream(bin / "gnuplot") << "#!/bin/sh\necho 'gnuplot: simulated failure' >&2\nexit 1\n";
    fs::permissions(bin / "gnuplot", fs::perms::owner_all);
    const char* p = std::getenv("PATH");
    old_ = p ? p : "/usr/bin:/bin";
    ::setenv("PATH", (bin.string() + ":" + old_).c_str(), 1);
  }
  ~FailingGnuplot() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

}  // namespace

TEST_CASE("a report that fails leaves the results, warns with its cause and how to redraw", "[cli][report]") {
  const fs::path dir = entente::test::scratch_dir("results_first");
  const std::string out = (dir / "o").string();
  // A previous result with its report: a failed report must not leave it
  // beside the new numbers.
  REQUIRE(run_cli("run " + kScenario + " --runs 8 --seed 1 --quiet --out " + out).code == 0);
  REQUIRE(fs::exists(fs::path(out) / "report.html"));
  const std::string old_summary = entente::test::slurp(fs::path(out) / "summary.csv");

  FailingGnuplot failing(dir);
  SECTION("by default a warning, exit 0") {
    const auto r = run_cli("run " + kScenario + " --runs 8 --seed 2 --quiet --out " + out);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("entente: warning: the report was not drawn: ") != std::string::npos);
    CHECK(r.err.find("simulated failure") != std::string::npos);
    CHECK(r.err.find("draw the report later with: entente report " + out) != std::string::npos);
  }
  SECTION("with --strict-report an error, exit 1") {
    const auto r = run_cli("run " + kScenario + " --runs 8 --seed 2 --quiet --strict-report --out " + out);
    INFO(r.err);
    CHECK(r.code == 1);
    CHECK(r.err.find("entente: error: the report was not drawn: ") != std::string::npos);
  }
  CHECK(fs::exists(fs::path(out) / "manifest.json"));
  CHECK(entente::test::slurp(fs::path(out) / "summary.csv") != old_summary);
  CHECK_FALSE(fs::exists(fs::path(out) / "report.html"));
  CHECK_FALSE(fs::exists(fs::path(out) / "charts"));
}

TEST_CASE("an --out DIR that could never be written is exit 2 before computing", "[cli]") {
  const fs::path dir = entente::test::scratch_dir("out_checked");
  std::ofstream(dir / "a_file") << "x";
  const auto empty = run_cli("run " + kScenario + " --runs 8 --quiet --out ''");
  CHECK(empty.code == 2);
  CHECK(empty.err == "entente: error: --out needs a directory name, got an empty one\n");
  const auto file = run_cli("compare " + kScenario + " --runs 8 --quiet --out " + (dir / "a_file").string());
  CHECK(file.code == 2);
  CHECK(file.err.find("a_file exists and is not a directory") != std::string::npos);
  const auto under_file = run_cli("run " + kScenario + " --runs 8 --quiet --out " + (dir / "a_file/sub").string());
  CHECK(under_file.code == 2);
  CHECK(under_file.err.find("is not a directory") != std::string::npos);
  if (::geteuid() != 0) {  // root may write anywhere
    fs::create_directories(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    const auto locked = run_cli("run " + kScenario + " --runs 8 --quiet --out " + (dir / "locked/o").string());
    CHECK(locked.code == 2);
    CHECK(locked.err.find("Permission denied") != std::string::npos);
    fs::permissions(dir / "locked", fs::perms::owner_all);
  }
}

TEST_CASE("a stage left by a killed process is removed by the next command", "[cli]") {
  const fs::path dir = entente::test::scratch_dir("stale_stage");
  // PID 2^22 + 1 is above Linux's pid_max limit: never a live process.
  const fs::path stale = dir / ".o.partial-4194305";
  fs::create_directories(stale / "charts");
  REQUIRE(run_cli("run " + kScenario + " --runs 8 --quiet --no-report --out " + (dir / "o").string()).code == 0);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(dir / "o" / "manifest.json"));
}
