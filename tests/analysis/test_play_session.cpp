// Game sessions on disk: one transaction per command, the same commands give
// the same session, forks and the after-action report.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/play/play_session.hpp"
#include "sim/play/play_scenario.hpp"
#include "support/cli_runner.hpp"

namespace entente {
namespace {

namespace fs = std::filesystem;

std::string write_scenario(const fs::path& dir) {
  const std::string path = (dir / "mini_play.yaml").string();
  std::ofstream(path) << test::play_scenario_yaml();
  return path;
}

std::string dump(const std::string& session) { return analysis::SessionStore(session).canonical_dump(); }

// The scripted three-team game of six turns through the library calls.
void play_six_turns(const std::string& scenario, const std::string& session) {
  const auto& reg = builtin_registry();
  analysis::PlayNewRequest req;
  req.load.file = scenario;
  req.session = session;
  req.setup = test::play_setup();
  analysis::play_new(req, reg);
  analysis::play_move(session, "blue", {{"a_sanctions_b", 0.6}}, reg);
  analysis::play_move(session, "red", {{"b_sanctions_a", 0.3}}, reg);
  analysis::play_adjudicate(session, {}, reg);
  analysis::play_move(session, "yellow", {{"c_sanctions_a", 0.5}}, reg);
  analysis::play_adjudicate(session, {}, reg);
  analysis::play_inject(session, "crisis", "a test crisis", reg);
  analysis::play_move(session, "blue", {{"a_sanctions_b", 0.9}, {"a_sanctions_c", 0.4}}, reg);
  analysis::play_adjudicate(session, {}, reg);
  analysis::play_adjudicate(session, {}, reg);
  analysis::play_move(session, "red", {{"b_sanctions_a", 0.0}}, reg);
  analysis::play_adjudicate(session, {}, reg);
  analysis::play_adjudicate(session, {}, reg);
}

}  // namespace

TEST_CASE("play session: a six-turn game is stored, replays and repeats with the same commands", "[play][session]") {
  const fs::path dir = test::scratch_dir("play_session");
  const std::string scenario = write_scenario(dir);
  const std::string a = (dir / "a.sqlite").string(), b = (dir / "b.sqlite").string();
  play_six_turns(scenario, a);
  play_six_turns(scenario, b);
  CHECK(dump(a) == dump(b));
  const std::string replay = analysis::play_replay(a, 2, builtin_registry());
  CHECK(replay.find("7 states recomputed") != std::string::npos);
  const std::string status = analysis::play_status(a, builtin_registry());
  CHECK(status.find("turn 6 of 10 (2026)") != std::string::npos);
  CHECK(status.find("A's dependence on B") != std::string::npos);
  // No stray temporary file is left next to the session.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().extension() != ".yaml";
  CHECK(files == 2);
}

TEST_CASE("play session: a rejected command leaves the session unchanged", "[play][session]") {
  const fs::path dir = test::scratch_dir("play_session_reject");
  const std::string scenario = write_scenario(dir), s = (dir / "s.sqlite").string();
  const auto& reg = builtin_registry();
  analysis::PlayNewRequest req;
  req.load.file = scenario;
  req.session = s;
  req.setup = test::play_setup();
  analysis::play_new(req, reg);
  analysis::play_move(s, "blue", {{"a_sanctions_b", 0.6}}, reg);
  const std::string before = dump(s);
  CHECK_THROWS_AS(analysis::play_move(s, "red", {{"a_sanctions_b", 0.6}}, reg), play::PlayError);
  CHECK_THROWS_AS(analysis::play_move(s, "yellow", {{"c_sanctions_a", 0.7}}, reg), play::PlayError);
  CHECK_THROWS_AS(analysis::play_inject(s, "nothing", "", reg), play::PlayError);
  CHECK_THROWS_AS(analysis::play_rewind(s, 2, reg), play::PlayError);
  CHECK_THROWS_AS(analysis::play_new(req, reg), analysis::SessionInputError);
  CHECK(dump(s) == before);
  CHECK_THROWS_WITH(analysis::play_status((dir / "none.sqlite").string(), reg),
                    (dir / "none.sqlite").string() + ": no such session (start one with entente play new FILE "
                                                     "--session " + (dir / "none.sqlite").string() + ")");
  CHECK_THROWS_WITH(analysis::play_status(scenario, reg), scenario + ": not an entente play session");
}

TEST_CASE("play session: rewind and fork from a middle turn", "[play][session]") {
  const fs::path dir = test::scratch_dir("play_session_fork");
  const std::string scenario = write_scenario(dir), s = (dir / "s.sqlite").string();
  const auto& reg = builtin_registry();
  play_six_turns(scenario, s);

  analysis::PlayForkRequest fork;
  fork.session = s;
  fork.turn = 3;
  fork.runs = 96;
  fork.out = (dir / "fork3").string();
  fork.report = false;
  const auto r = analysis::play_fork(fork, reg);
  REQUIRE_FALSE(r.interrupted);
  CHECK(r.text.find("fork of " + s + " at turn 3 (2023)") != std::string::npos);
  const std::string manifest = test::slurp(dir / "fork3" / "manifest.json");
  CHECK(manifest.find("\"play_fork\"") != std::string::npos);
  CHECK(manifest.find("\"turn\": 3") != std::string::npos);
  // Every future shares the game's path up to 2023, then fans out.
  const std::string csv = test::slurp(dir / "fork3" / "summary.csv");
  CHECK(csv.find("\ngdp_b,2023,96,") != std::string::npos);
  const auto row = [&](const std::string& key) {
    const auto p = csv.find("\n" + key);
    return csv.substr(p + 1, csv.find('\n', p + 1) - p - 1);
  };
  CHECK(row("gdp_b,2023,96,").find(",0,0,") != std::string::npos);  // sd and se 0
  CHECK(row("gdp_b,2030,96,").find(",0,0,") == std::string::npos);

  // The same fork again gives the same numbers; a policy on top changes them.
  fork.out = (dir / "fork3b").string();
  analysis::play_fork(fork, reg);
  CHECK(test::slurp(dir / "fork3b" / "summary.csv") == csv);
  fork.out = (dir / "fork3p").string();
  fork.policy = "pressure";
  analysis::play_fork(fork, reg);
  CHECK(test::slurp(dir / "fork3p" / "summary.csv") != csv);
  fork.policy = "presure";
  CHECK_THROWS_WITH(analysis::play_fork(fork, reg),
                    "unknown policy 'presure' (did you mean 'pressure'?); the scenario's policies: pressure");

  const std::string rewound = analysis::play_rewind(s, 3, reg);
  CHECK(rewound.find("rewound to turn 3 (2023); branch 1 starts here") != std::string::npos);
  analysis::play_adjudicate(s, {}, reg);
  const std::string log = analysis::play_log(s, reg);
  CHECK(log.find("abandoned") != std::string::npos);
  CHECK(log.find("back to turn 3 from turn 6; branch 1 starts") != std::string::npos);
  CHECK(analysis::play_replay(s, 1, reg).find("now at turn 4 on branch 1") != std::string::npos);
}

TEST_CASE("play session: the after-action report embeds its charts", "[play][session][report]") {
  const fs::path dir = test::scratch_dir("play_session_report");
  const std::string scenario = write_scenario(dir), s = (dir / "s.sqlite").string();
  play_six_turns(scenario, s);
  analysis::PlayReportRequest req;
  req.session = s;
  req.out = (dir / "aar").string();
  req.baseline_runs = 64;
  const std::string path = analysis::play_report(req, builtin_registry());
  const std::string html = test::slurp(path);
  CHECK(html.find("after-action report") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Turn 6: 2025") != std::string::npos);
  CHECK(html.find("a test crisis") != std::string::npos);
  CHECK(html.find("NaN") == std::string::npos);
  CHECK(fs::exists(dir / "aar" / "charts" / "game_dep_ab.png"));
}

}  // namespace entente
