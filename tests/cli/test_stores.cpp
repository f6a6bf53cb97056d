// Stores that cannot be trusted are refused (issue 15, classes 4 and 8): a
// damaged sweep database or game session is never written into, a stored
// state that no longer matches its hash is never loaded, two sweeps never
// write one database, and `analyze` never writes a schema into a file it was
// only asked to read.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "analysis/play/session_store.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/sweep/sweep_lock.hpp"
#include "sim/play/play_scenario.hpp"
#include "tests/support/cli_runner.hpp"

namespace fs = std::filesystem;
using entente::test::run_cli;
using entente::test::slurp;

namespace {

const std::string kScenario = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/sino_russia_2035.yaml";
const std::string kSweep = "sweep " + kScenario + " --design lhs --samples 4 --replicates 2 --seed 5 --quiet --db ";

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("a damaged sweep database is refused untouched, with the way out", "[cli][stores]") {
  const fs::path dir = entente::test::scratch_dir("damaged_sweep");
  const std::string db = (dir / "s.sqlite").string();
  REQUIRE(run_cli(kSweep + db).code == 0);
  std::string bytes = slurp(db);
  const std::size_t page = (static_cast<unsigned char>(bytes[16]) << 8) | static_cast<unsigned char>(bytes[17]);
  REQUIRE(bytes.size() >= 4 * page);
  // Pages 2 and 3 overwritten: b-tree pages that quick_check walks.
  for (std::size_t i = page; i < 3 * page; ++i) bytes[i] = static_cast<char>(0xA5);
  write_bytes(db, bytes);

  const auto r = run_cli(kSweep + db + " --resume");
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find("the database is damaged (") != std::string::npos);
  CHECK(r.err.find("entente will not write into it. Restore a copy, or start again under another name") !=
        std::string::npos);
  CHECK(slurp(db) == bytes);  // nothing was written
}

TEST_CASE("a sweep result changed after its commit fails the point's digest and is refused", "[cli][stores]") {
  const fs::path dir = entente::test::scratch_dir("digest_sweep");
  const std::string db = (dir / "s.sqlite").string();
  REQUIRE(run_cli(kSweep + db + " --limit 2").code == 0);
  auto sql = [&](const char* statement) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, statement, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  };
  {
    // Intact: the digests match, resuming completes the sweep.
    entente::analysis::SweepDatabase d(db);
    const auto c = d.verify_digests();
    CHECK(c.checked == 2);
    CHECK(c.damaged.empty());
  }
  // One value of point 1 moved by a few ulps: a valid page, a valid
  // number, what quick_check cannot see.
  sql("UPDATE stats SET p50 = p50 * (1 + 4e-16) WHERE point = 1 AND (policy, outcome, year) = (SELECT policy, "
      "outcome, year FROM stats WHERE point = 1 AND p50 != 0 ORDER BY policy, outcome, year LIMIT 1)");
  const std::string before = slurp(db);
  const auto r = run_cli(kSweep + db + " --resume");
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find(db + ": error: damaged: the results of 1 of 2 finished points (1) no longer match the digests "
                   "written with them; nothing was read or written. Run the sweep again into a new --db") !=
        std::string::npos);
  CHECK(slurp(db) == before);
  const auto a = run_cli("analyze morris --db " + db + " --outcome russia_dependence_on_china --year 2035");
  CHECK(a.code == 2);
  CHECK(a.err.find("damaged: the results of 1 of 2 finished points (1)") != std::string::npos);

  // A database from before the digests (no digest on its points) still
  // resumes; the points it finishes carry digests.
  sql("UPDATE points SET digest = NULL");
  REQUIRE(run_cli(kSweep + db + " --resume").code == 0);
  entente::analysis::SweepDatabase d(db);
  const auto c = d.verify_digests();
  CHECK(c.undigested == 2);
  CHECK(c.checked == 2);
  CHECK(c.damaged.empty());
}

TEST_CASE("a renamed outcome fails every point's digest", "[cli][stores]") {
  const fs::path dir = entente::test::scratch_dir("digest_names");
  const std::string db = (dir / "s.sqlite").string();
  REQUIRE(run_cli(kSweep + db).code == 0);
  {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "UPDATE outcomes SET name = name || '_x' WHERE id = 0", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(h);
  }
  entente::analysis::SweepDatabase d(db);
  CHECK(d.verify_digests().damaged.size() == 4);
}

TEST_CASE("a format 1 sweep database is still analysed, and its resume refused with the way out",
          "[cli][stores]") {
  const fs::path dir = entente::test::scratch_dir("sweep_v1");
  const std::string v2 = (dir / "v2.sqlite").string(), v1 = (dir / "v1.sqlite").string();
  const std::string options = "--years 2030,2035 ";
  REQUIRE(run_cli(kSweep + v2 + " " + options).code == 0);
  REQUIRE(run_cli(kSweep + v1 + " " + options).code == 0);
  {
    // Version 1's layout, as an older entente wrote it: `results` a table
    // with names and every statistic (the version 2 view gives the same
    // rows), no lookup tables; digests NULL (a file from before digests).
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(v1.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h,
                         "CREATE TABLE results_v1 AS SELECT * FROM results; DROP VIEW results; DROP TABLE stats; "
                         "DROP TABLE policies; DROP TABLE outcomes; ALTER TABLE results_v1 RENAME TO results; "
                         "UPDATE points SET digest = NULL; UPDATE manifest SET value = '1' WHERE key = "
                         "'format_version'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  }
  const std::string analyze = "analyze prim --outcome russia_dependence_on_china --year 2035 --where 'y > 0' --db ";
  const auto a1 = run_cli(analyze + v1), a2 = run_cli(analyze + v2);
  INFO(a1.err);
  CHECK(a1.code == 0);
  CHECK(a1.out == a2.out);
  const std::string before = slurp(v1);
  const auto r = run_cli(kSweep + v1 + " " + options + "--resume");
  CHECK(r.code == 2);
  CHECK(r.err.find("was written in format_version 1 of entente-sweep; this entente still reads it") !=
        std::string::npos);
  CHECK(r.err.find("run the sweep again into a new --db") != std::string::npos);
  CHECK(slurp(v1) == before);
}

TEST_CASE("a game session whose stored state fails its hash is refused", "[cli][stores][play]") {
  const fs::path dir = entente::test::scratch_dir("damaged_session");
  const std::string scenario = (dir / "mini_play.yaml").string();
  std::ofstream(scenario) << entente::test::play_scenario_yaml();
  const std::string session = (dir / "game.sqlite").string();
  REQUIRE(run_cli("play new " + scenario + " --session " + session +
                  " --seed 7 --runs-per-turn 20 --team blue=a_sanctions_b --team red=b_sanctions_a")
              .code == 0);
  std::string state;
  {
    entente::analysis::SessionStore store(session);
    for (const auto& rec : store.journal())
      if (!rec.state.empty()) state = rec.state;
  }
  REQUIRE(state.size() > 64);
  // One byte flipped inside the stored state blob: SQLite's page checks pass.
  std::string bytes = slurp(session);
  // A window of the state with many distinct bytes, so that it occurs only
  // where the state is stored (zeros would also match the file's header).
  std::string probe;
  for (std::size_t at = state.size() / 2; at + 24 <= state.size() && probe.empty(); ++at) {
    const std::string w = state.substr(at, 24);
    if (std::set<char>(w.begin(), w.end()).size() >= 16) probe = w;
  }
  REQUIRE(!probe.empty());
  // (Every copy: a freed page may hold an older one.)
  std::size_t copies = 0;
  for (std::size_t at = bytes.find(probe); at != std::string::npos; at = bytes.find(probe, at + 1), ++copies)
    bytes[at + 3] = static_cast<char>(bytes[at + 3] ^ 0x10);
  REQUIRE(copies > 0);
  write_bytes(session, bytes);

  const auto r = run_cli("play status " + session);
  INFO(r.out << r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find("does not match its SHA-256; the session file is damaged") != std::string::npos);
  CHECK(slurp(session) == bytes);
}

TEST_CASE("a game session with a journal entry that does not read as its kind is refused, by entry and field",
          "[cli][stores][play]") {
  const fs::path dir = entente::test::scratch_dir("malformed_entry");
  const std::string scenario = (dir / "mini_play.yaml").string();
  std::ofstream(scenario) << entente::test::play_scenario_yaml();
  const std::string session = (dir / "game.sqlite").string();
  REQUIRE(run_cli("play new " + scenario + " --session " + session +
                  " --seed 7 --runs-per-turn 20 --team blue=a_sanctions_b --team red=b_sanctions_a")
              .code == 0);
  // Appended as another program might (the journal's triggers allow inserts):
  // a move without the setting it replaced.
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(session.c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h,
                       "INSERT INTO journal (branch, turn, kind, team, payload, created_utc) VALUES "
                       "(0, 1, 'move', 'blue', '{\"set\":[{\"lever\":\"a_sanctions_b\",\"value\":0.5}]}', 'now')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  const std::string bytes = slurp(session);
  const auto r = run_cli("play status " + session);
  INFO(r.out << r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find(session + ": journal entry 2 (move): field 'set[0].previous' missing") != std::string::npos);
  CHECK(slurp(session) == bytes);
}

TEST_CASE("two sweeps on one database: the second is refused with the reason", "[cli][stores][sweep]") {
  const fs::path dir = entente::test::scratch_dir("two_sweeps");
  const std::string db = (dir / "s.sqlite").string();
  REQUIRE(run_cli(kSweep + db).code == 0);
  const std::string before = slurp(db);
  // The lock a running sweep holds, taken here as if by another process.
  entente::analysis::SweepLock running(db);
  const auto r = run_cli(kSweep + db + " --resume");
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find(db + ": error: another entente sweep is writing to this database now; wait for it to finish") !=
        std::string::npos);
  CHECK(slurp(db) == before);
}

TEST_CASE("analyze on an empty file writes nothing into it", "[cli][stores][analyze]") {
  const fs::path dir = entente::test::scratch_dir("analyze_empty");
  const std::string db = (dir / "empty.sqlite").string();
  write_bytes(db, "");
  const auto r = run_cli("analyze sobol --db " + db + " --outcome russia_dependence_on_china --year 2035");
  CHECK(r.code == 2);
  CHECK(r.err == "entente: error: " + db + ": empty file, not an entente sweep database (nothing was written to it)\n");
  CHECK(fs::file_size(db) == 0);
}

TEST_CASE("a --set that replaces a section is named at the --set", "[cli][stores][set]") {
  const auto r = run_cli("run " + kScenario + " --runs 4 --quiet --set actors={}");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("--set:1:1: error: 'actors={}' replaces the whole 'actors'; the ", 0) == 0);
}

TEST_CASE("Sobol and Morris refuse designs too small for their estimators", "[cli][stores][analyze]") {
  const fs::path dir = entente::test::scratch_dir("small_designs");
  const std::string params = (dir / "p.yaml").string();
  std::ofstream(params) << "parameters:\n  x1: {dist: uniform, min: 0, max: 1}\n  x2: {dist: uniform, min: 0, max: 1}\n";
  auto analyse = [&](const std::string& kind, int n, const std::string& extra) {
    const std::string design = (dir / (kind + std::to_string(n) + ".csv")).string();
    REQUIRE(run_cli("design " + kind + " --params " + params + " --samples " + std::to_string(n) + extra +
                    " --seed 1 --out " + design)
                .code == 0);
    // A response with variance: the sum of the parameters, as a results column.
    std::ifstream in(design);
    std::string line, results = "y\n";
    std::getline(in, line);
    while (std::getline(in, line)) {
      const std::size_t c = line.rfind(',');
      results += std::to_string(std::stod(line.substr(0, c)) + std::stod(line.substr(c + 1))) + "\n";
    }
    const std::string res = (dir / (kind + std::to_string(n) + "_y.csv")).string();
    std::ofstream(res) << results;
    return run_cli("analyze " + kind + " --design " + design + " --results " + res + " --column y");
  };
  const auto one = analyse("sobol", 1, "");
  CHECK(one.code == 2);
  CHECK(one.err.find("the design has N = 1 base sample; Sobol indices need at least 4") != std::string::npos);
  const auto few = analyse("sobol", 16, "");
  CHECK(few.code == 0);
  CHECK(few.err.find("entente: warning: only N = 16 base samples") != std::string::npos);
  const auto single = analyse("morris", 1, " --levels 4");
  CHECK(single.code == 2);
  CHECK(single.err.find("the design has 1 trajectory; Morris screening needs at least 2") != std::string::npos);
}
