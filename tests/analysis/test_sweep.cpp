// Sweeps: the database holds every point, does not depend on the thread
// count, and a sweep that is interrupted (by a point limit, or by kill -9)
// and resumed ends identical to an uninterrupted one.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include "analysis/sqlite/statement.hpp"
#include "analysis/sweep/analysis_input.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/workflows/sweep_workflow.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace entente;
using namespace entente::analysis;

namespace {

fs::path scratch(const std::string& name) { return entente::test::scratch_dir("sweep_" + name); }

// A small scenario with two uncertainties and a lever.
std::string write_scenario(const fs::path& dir) {
  test::MiniScenario m;
  m.growth_sd = "0.03";
  m.trade_params = "{adjustment_rate: {ref: speed}, gdp_elasticity: {ref: elasticity}}";
  m.outcomes = "  trade_ab: {series: trade.a.b}\n  dep_ba: {series: dependence.b.a}\n";
  m.extra =
      "uncertainties:\n"
      "  speed: {dist: uniform, min: 0.2, max: 0.9, source: test}\n"
      "  elasticity: {dist: triangular, min: 0.6, mode: 1.0, max: 1.3, source: test}\n"
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, source: test}\n"
      "policies:\n"
      "  calm: {description: none, levers: {s: {intensity: 0}}}\n"
      "  tough: {description: full, levers: {s: {intensity: 1}}}\n";
  const fs::path file = dir / "mini.yaml";
  std::ofstream(file) << m.yaml();
  return file.string();
}

SweepRequest request(const std::string& scenario, const fs::path& db) {
  SweepRequest r;
  r.load.file = scenario;
  r.design = "lhs";
  r.samples = 40;
  r.replicates = 4;
  r.params = {"speed", "elasticity", "levers.s"};
  r.policies = {"calm", "tough"};
  r.db = db.string();
  r.seed = 11;
  r.threads = 2;
  return r;
}

}  // namespace

TEST_CASE("a sweep stores every point, policy, outcome and year", "[sweep]") {
  const fs::path dir = scratch("complete");
  const auto scenario = write_scenario(dir);
  auto res = execute_sweep(request(scenario, dir / "s.sqlite"), builtin_registry());
  CHECK(res.complete);
  CHECK(res.points == 40);
  CHECK(res.parameters == 3);
  SweepDatabase db((dir / "s.sqlite").string());
  CHECK(db.finished_points().size() == 40);
  CHECK(db.parameter_names() == std::vector<std::string>{"speed", "elasticity", "levers.s"});
  const auto means = db.point_means("tough", "trade_ab", 2030);
  REQUIRE(means.size() == 40);
  for (double v : means) CHECK(std::isfinite(v));
  // The design's lever values reach the runs: a full sanction under "calm"
  // too, since the design holds the lever (policies only set its schedule).
  const auto x = db.design_values(false);
  for (const auto& row : x) {
    CHECK(row[0] >= 0.2);
    CHECK(row[0] <= 0.9);
    CHECK(row[2] >= 0.0);
    CHECK(row[2] <= 1.0);
  }
}

TEST_CASE("a sweep stores the milestone years and the last by default, every year with every_year",
          "[sweep]") {
  const fs::path dir = scratch("default_years");
  const auto scenario = write_scenario(dir);  // 2020 to 2030
  auto years_of = [](const std::string& db) {
    return nlohmann::json::parse(SweepDatabase(db).manifest_value("years")).get<std::vector<double>>();
  };
  auto milestones = request(scenario, dir / "m.sqlite");
  execute_sweep(milestones, builtin_registry());
  CHECK(years_of(milestones.db) == std::vector<double>{2020, 2025, 2030});
  auto all = request(scenario, dir / "a.sqlite");
  all.every_year = true;
  execute_sweep(all, builtin_registry());
  CHECK(years_of(all.db).size() == 11);
  // The stored years' rows are the same either way.
  CHECK(SweepDatabase(milestones.db).point_means("tough", "dep_ba", 2025) ==
        SweepDatabase(all.db).point_means("tough", "dep_ba", 2025));
}

TEST_CASE("a sweep database stores years as integers and shows its design wide", "[sweep]") {
  const fs::path dir = scratch("wide");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  execute_sweep(req, builtin_registry());
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(req.db.c_str(), &h) == SQLITE_OK);
  {
    entente::analysis::sqlite::Statement years(h, "SELECT DISTINCT typeof(year) FROM stats");
    REQUIRE(years.step());
    CHECK(years.text(0) == "integer");
    CHECK_FALSE(years.step());
    // One column per parameter, by its name, holding the design's values.
    entente::analysis::sqlite::Statement wide(h, "SELECT point, speed, elasticity, \"levers.s\" FROM design_wide ORDER BY point");
    const auto x = SweepDatabase(req.db).design_values(false);
    std::size_t rows = 0;
    while (wide.step()) {
      const auto pt = static_cast<std::size_t>(wide.integer(0));
      CHECK(wide.real(1) == x.at(pt)[0]);
      CHECK(wide.real(2) == x.at(pt)[1]);
      CHECK(wide.real(3) == x.at(pt)[2]);
      ++rows;
    }
    CHECK(rows == 40);
  }
  sqlite3_close(h);
  // Integer years read back as the same doubles: the digests still match.
  CHECK(SweepDatabase(req.db).verify_digests().damaged.empty());
}

TEST_CASE("with one replicate only the mean is stored and the results view gives the rest", "[sweep]") {
  const fs::path dir = scratch("one_replicate");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  req.replicates = 1;
  execute_sweep(req, builtin_registry());
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(req.db.c_str(), &h) == SQLITE_OK);
  auto count = [&](const char* sql) {
    entente::analysis::sqlite::Statement st(h, sql);
    st.step();
    return st.integer(0);
  };
  CHECK(count("SELECT count(*) FROM stats") == 40 * 2 * 2 * 3);
  CHECK(count("SELECT count(*) FROM stats WHERE mean IS NULL OR sd IS NOT NULL OR p50 IS NOT NULL OR "
              "max IS NOT NULL") == 0);
  CHECK(count("SELECT count(*) FROM results WHERE n = 1 AND sd = 0 AND p05 = mean AND p95 = mean AND "
              "min = mean AND max = mean") == 40 * 2 * 2 * 3);
  sqlite3_close(h);
  CHECK(SweepDatabase(req.db).verify_digests().damaged.empty());
}

TEST_CASE("a sweep into :memory: runs, writes no file and has nothing to resume", "[sweep][cli]") {
  const fs::path dir = scratch("memory");
  const auto scenario = write_scenario(dir);
  const std::string common = "sweep " + scenario + " --design lhs --samples 8 --replicates 2 --db :memory:";
  const auto ok = test::run_cli(common);
  CHECK(ok.code == 0);
  CHECK(ok.out.find(":memory:: 8 points") != std::string::npos);
  CHECK_FALSE(fs::exists(":memory:"));
  const auto resumed = test::run_cli(common + " --resume");
  CHECK(resumed.code == 2);
  CHECK(resumed.err.find("nothing to resume") != std::string::npos);
}

TEST_CASE("sweep databases are identical for 1 and 2 threads", "[sweep][determinism]") {
  const fs::path dir = scratch("threads");
  const auto scenario = write_scenario(dir);
  auto one = request(scenario, dir / "one.sqlite");
  one.threads = 1;
  auto two = request(scenario, dir / "two.sqlite");
  execute_sweep(one, builtin_registry());
  execute_sweep(two, builtin_registry());
  CHECK(SweepDatabase(one.db).canonical_dump() == SweepDatabase(two.db).canonical_dump());
}

TEST_CASE("a sweep stopped part-way and resumed equals an uninterrupted sweep", "[sweep][resume]") {
  const fs::path dir = scratch("resume");
  const auto scenario = write_scenario(dir);
  auto full = request(scenario, dir / "full.sqlite");
  execute_sweep(full, builtin_registry());

  auto part = request(scenario, dir / "part.sqlite");
  part.limit = 13;
  auto first = execute_sweep(part, builtin_registry());
  CHECK_FALSE(first.complete);
  CHECK(SweepDatabase(part.db).finished_points().size() == 13);
  part.limit = 0;
  part.resume = true;
  auto second = execute_sweep(part, builtin_registry());
  CHECK(second.complete);
  CHECK(second.points_done_before == 13);
  CHECK(second.points_done_now == 27);
  CHECK(SweepDatabase(part.db).canonical_dump() == SweepDatabase(full.db).canonical_dump());
}

TEST_CASE("resuming needs --resume and the same sweep", "[sweep][resume]") {
  const fs::path dir = scratch("guard");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  req.limit = 5;
  execute_sweep(req, builtin_registry());
  req.limit = 0;
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()),
                    Catch::Contains("already exists; use --resume to continue that sweep"));
  req.resume = true;
  const auto seed = req.seed;
  req.seed = 12;
  // The refusal names what differs, with both values, and only that.
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()),
                    Catch::Contains("holds a different sweep (differs in seed (the database has " +
                                    std::to_string(seed) + ", this command 12)); resume it with the options"));
  req.replicates += 1;
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()), Catch::Contains("differs in seed (") &&
                                                                Catch::Contains("; replicates (the database has"));
}

TEST_CASE("unknown sweep parameters are named with a suggestion", "[sweep]") {
  const fs::path dir = scratch("params");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  req.params = {"sped"};
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()), Catch::Contains("unknown uncertainty 'sped' (did you mean 'speed'?)"));
  CHECK_FALSE(fs::exists(dir / "s.sqlite"));
}

TEST_CASE("a sweep killed with SIGKILL resumes to the uninterrupted result", "[sweep][resume][cli]") {
  const fs::path dir = scratch("kill");
  const std::string cli = ENTENTE_CLI_PATH;
  const std::string scenario = test::source_path("scenarios/sino_russia_2035.yaml");
  // Two threads: a transaction holds max(16 x threads, 64) = 64 points.
  const std::string common =
      " sweep " + scenario + " --design lhs --samples 160 --replicates 8 --seed 3 --threads 2 --quiet --db ";
  REQUIRE(std::system((cli + common + (dir / "full.sqlite").string()).c_str()) == 0);
  // The same sweep held just after its first commit and killed there, with no
  // chance to clean up (a fixed sleep would kill a slow sanitizer build
  // before anything was committed).
  const std::string err = (dir / "killed.err").string();
  const std::string killed = "(ENTENTE_TEST_PAUSE_AT=committed " + cli + common + (dir / "part.sqlite").string() +
                             " 2>" + err + " & pid=$!; i=0; until grep -q 'paused at committed' " + err +
                             " || [ $i -ge 1200 ]; do sleep 0.05; i=$((i+1)); done; kill -9 $pid; wait $pid) "
                             "2>/dev/null";
  std::system(killed.c_str());
  REQUIRE(fs::exists(dir / "part.sqlite"));
  CHECK(SweepDatabase((dir / "part.sqlite").string()).finished_points().size() == 64);
  REQUIRE(std::system((cli + common + (dir / "part.sqlite").string() + " --resume").c_str()) == 0);
  CHECK(SweepDatabase((dir / "part.sqlite").string()).canonical_dump() ==
        SweepDatabase((dir / "full.sqlite").string()).canonical_dump());
}

TEST_CASE("a sweep killed before its design was recorded resumes from the first point", "[sweep][resume]") {
  const fs::path dir = scratch("killed_early");
  const auto scenario = write_scenario(dir);
  auto full = request(scenario, dir / "full.sqlite");
  execute_sweep(full, builtin_registry());
  // What a kill between creating the tables and committing the design leaves.
  auto part = request(scenario, dir / "part.sqlite");
  { SweepDatabase empty(part.db); }
  part.resume = true;
  auto resumed = execute_sweep(part, builtin_registry());
  CHECK(resumed.complete);
  CHECK(resumed.points_done_before == 0);
  CHECK(SweepDatabase(part.db).canonical_dump() == SweepDatabase(full.db).canonical_dump());
}

TEST_CASE("another program's database is refused and left untouched", "[sweep][resume]") {
  const fs::path dir = scratch("foreign");
  const auto scenario = write_scenario(dir);
  const fs::path db = dir / "other.sqlite";
  sqlite3* other = sqlite::open(db.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
  sqlite::exec(other, db.string(), "CREATE TABLE notes (t TEXT)");
  sqlite3_close(other);
  const auto size = fs::file_size(db);
  auto req = request(scenario, db);
  req.resume = true;
  CHECK_THROWS_WITH(execute_sweep(req, builtin_registry()),
                    Catch::Contains("other.sqlite: error: not a sweep database written by entente sweep"));
  CHECK(fs::file_size(db) == size);
  CHECK_THROWS_WITH(SweepDatabase(db.string()), "not a sweep database written by entente sweep");
}

TEST_CASE("a sweep database reads back as analysis input", "[sweep]") {
  const fs::path dir = scratch("reader");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  execute_sweep(req, builtin_registry());
  auto in = read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough");
  CHECK(in.design_kind == "lhs");
  CHECK(in.names.size() == 3);
  CHECK(in.x.size() == 40);
  CHECK(in.y.size() == 40);
  CHECK_THROWS_WITH(read_sweep_for_analysis(req.db, "trade_ab", 2030, "soft"), Catch::Contains("no policy 'soft'"));
  CHECK_THROWS_WITH(read_sweep_for_analysis(req.db, "nope", 2030, "tough"), Catch::Contains("no outcome 'nope' in this sweep; its outcomes: dep_ba or trade_ab"));
}

TEST_CASE("analysis of a sweep can take any stored statistic as the response", "[sweep]") {
  const fs::path dir = scratch("statistic");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  execute_sweep(req, builtin_registry());
  const SweepDatabase db(req.db);
  const auto mean = read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough");
  const auto p95 = read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough", "", "p95");
  const auto sd = read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough", "", "sd");
  CHECK(mean.y == db.point_means("tough", "trade_ab", 2030));
  CHECK(p95.y == db.point_values("tough", "trade_ab", 2030, "p95"));
  CHECK(p95.response == "trade_ab p95 2030 (tough)");
  CHECK(mean.response == "trade_ab 2030 (tough)");
  // Four replicates a point: their 95th percentile lies above their mean,
  // and their spread is positive, at every point.
  for (std::size_t i = 0; i < mean.y.size(); ++i) {
    CHECK(p95.y[i] >= mean.y[i]);
    CHECK(sd.y[i] > 0);
  }
  // With --versus: the difference of the two policies' statistics.
  const auto versus = read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough", "calm", "p95");
  const auto calm = db.point_values("calm", "trade_ab", 2030, "p95");
  for (std::size_t i = 0; i < versus.y.size(); ++i) CHECK(versus.y[i] == p95.y[i] - calm[i]);
  CHECK(versus.response == "trade_ab p95 2030 (tough - calm)");
  CHECK_THROWS_WITH(read_sweep_for_analysis(req.db, "trade_ab", 2030, "tough", "", "maxx"),
                    "no statistic 'maxx' in a sweep (did you mean 'max'?); a sweep stores mean, sd, p05, p25, p50, p75, "
                    "p95, min or max per point");
  // The SQL takes only a fixed column name.
  CHECK_THROWS_AS(db.point_values("tough", "trade_ab", 2030, "mean FROM stats; --"), std::invalid_argument);
}

TEST_CASE("entente analyze prim finds where one policy does worse than another in a sweep", "[sweep][cli]") {
  const fs::path dir = scratch("versus");
  const auto scenario = write_scenario(dir);
  auto req = request(scenario, dir / "s.sqlite");
  req.samples = 200;
  req.params = {"speed", "elasticity"};  // a designed lever would hold it for both policies
  execute_sweep(req, builtin_registry());
  const std::string cmd = std::string(ENTENTE_CLI_PATH) + " analyze prim --db " + req.db +
                          " --outcome trade_ab --year 2030 --policy tough --versus calm --where \"y < 0\" --format json >" +
                          (dir / "out.json").string() + " 2>" + (dir / "err.txt").string();
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::ifstream in(dir / "out.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("tough - calm") != std::string::npos);
}
