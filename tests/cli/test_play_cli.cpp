// entente play on the command line: a scripted three-team game, exact error
// messages with nothing changed, help texts, and crashes (kill -9) that leave
// a session which continues correctly.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "analysis/play/play_session.hpp"
#include "sim/play/play_scenario.hpp"
#include "support/cli_runner.hpp"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct CliGame {
  fs::path dir;
  std::string scenario, session;
  explicit CliGame(const std::string& name, const std::string& extra = "") : dir(test::scratch_dir(name)) {
    scenario = (dir / "mini_play.yaml").string();
    std::ofstream(scenario) << test::play_scenario_yaml();
    session = (dir / "game.sqlite").string();
    const auto r = test::run_cli("play new " + scenario + " --session " + session +
                                 " --seed 7 --runs-per-turn 40 --team blue=a_sanctions_b,a_sanctions_c "
                                 "--team red=b_sanctions_a --team yellow=c_sanctions_a" + extra);
    REQUIRE(r.err == "");
    REQUIRE(r.code == 0);
  }
  test::CliResult play(const std::string& args) const { return test::run_cli("play " + args); }
  std::string dump() const { return analysis::SessionStore(session).canonical_dump(); }
  void ok(const std::string& args) const {
    const auto r = play(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.code == 0);
  }
};

}  // namespace

TEST_CASE("play cli: a scripted three-team game of six turns", "[play][cli]") {
  CliGame g("play_cli_game");
  const std::string& s = g.session;
  g.ok("move " + s + " --team blue --set a_sanctions_b=0.6");
  g.ok("move " + s + " --team red --set b_sanctions_a=0.3");
  const auto t1 = g.play("adjudicate " + s);
  REQUIRE(t1.code == 0);
  CHECK(t1.out.rfind("Turn 1 of 10: 2020 -> 2021, 40 futures; drawn: future ", 0) == 0);
  CHECK(t1.out.find("What changed most: ") != std::string::npos);
  CHECK(t1.out.find("blue set a_sanctions_b 0.2 -> 0.6") != std::string::npos);
  g.ok("move " + s + " --team yellow --set c_sanctions_a=0.5");
  g.ok("adjudicate " + s);
  const auto inj = g.play("inject " + s + " --event crisis --note 'exercise turns into a blockade'");
  CHECK(inj.out == "turn 3: crisis will be injected at the start of the turn\n");
  g.ok("move " + s + " --team blue --set a_sanctions_b=0.9 --set a_sanctions_c=0.4");
  const auto t3 = g.play("adjudicate " + s);
  CHECK(t3.out.find("inject crisis") != std::string::npos);
  CHECK(t3.out.find("injected crisis (2022)") != std::string::npos);
  g.ok("adjudicate " + s);
  g.ok("move " + s + " --team red --set b_sanctions_a=0");
  g.ok("adjudicate " + s);
  g.ok("adjudicate " + s);
  const auto status = g.play("status " + s);
  CHECK(status.out.find("turn 6 of 10 (2026), branch 0, seed 7, draw mode, 40 futures per turn") != std::string::npos);
  const auto replay = g.play("replay " + s);
  CHECK(replay.code == 0);
  CHECK(replay.out.find("7 states recomputed") != std::string::npos);
  const auto log = g.play("log " + s);
  CHECK(log.out.find("inject crisis (\"exercise turns into a blockade\")") != std::string::npos);
}

TEST_CASE("play cli: an invalid move is rejected with a clear message and changes nothing", "[play][cli]") {
  CliGame g("play_cli_invalid");
  const std::string& s = g.session;
  g.ok("move " + s + " --team blue --set a_sanctions_b=0.6");
  const std::string before = g.dump();
  struct Case {
    std::string args, err;
  };
  const std::vector<Case> cases = {
      {"move " + s + " --team blu --set a_sanctions_b=0.5",
       "entente: error: unknown team 'blu' (did you mean 'blue'?); the teams are blue, red or yellow\n"},
      {"move " + s + " --team red --set a_sanctions_b=0.5",
       "entente: error: team 'red' does not own lever 'a_sanctions_b' (team 'blue' does); red owns b_sanctions_a\n"},
      {"move " + s + " --team yellow --set c_sanctions_a=0.9",
       "entente: error: c_sanctions_a=0.9 is outside the lever's range [0, 0.6]\n"},
      {"move " + s + " --team blue --set a_sanctions_b=lots",
       "entente: error: --set a_sanctions_b: 'lots' is not a number\n"},
      {"inject " + s + " --event crises",
       "entente: error: unknown event 'crises' (did you mean 'crisis'?); the scenario's events: crisis or dispute\n"},
      {"rewind " + s + " --turn 1",
       "entente: error: rewind --turn 1: the game has played turns 0 to 0 on its current branch\n"},
      {"mvoe " + s,
       "entente: error: unknown play subcommand 'mvoe' (did you mean 'move'?); subcommands: new, move, inject, "
       "adjudicate, status, log, rewind, replay, fork, report or serve (see entente play --help)\n"},
  };
  for (const auto& c : cases) {
    const auto r = g.play(c.args);
    INFO(c.args);
    CHECK(r.code == 2);
    CHECK(r.err == c.err);
    CHECK(r.out == "");
  }
  CHECK(g.dump() == before);
  const auto missing = g.play("status " + (g.dir / "nope.sqlite").string());
  CHECK(missing.code == 2);
  const auto again = g.play("new " + g.scenario + " --session " + s + " --team blue=a_sanctions_b");
  CHECK(again.code == 2);
  CHECK(again.err == "entente: error: " + s + ": already exists; choose another --session or remove it\n");
  CHECK(g.dump() == before);
}

TEST_CASE("play cli: a session may name a folder that does not exist yet", "[play][cli]") {
  CliGame g("play_cli_new_folder");
  // As docs/wargaming.md does: out/wargame_demo/game.sqlite on a fresh checkout.
  const std::string nested = (g.dir / "out" / "demo" / "game.sqlite").string();
  const auto made = g.play("new " + g.scenario + " --session " + nested + " --team blue=a_sanctions_b");
  CHECK(made.code == 0);
  CHECK(fs::is_regular_file(nested));
  CHECK(g.play("status " + nested).code == 0);
  // A file where the folder should be is refused with exit 2, nothing made.
  std::ofstream(g.dir / "blocker") << "x";
  const std::string blocked = (g.dir / "blocker" / "game.sqlite").string();
  const auto r = g.play("new " + g.scenario + " --session " + blocked + " --team blue=a_sanctions_b");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("entente: error: " + blocked + ": cannot create its folder " + (g.dir / "blocker").string() + ": ", 0) == 0);
}

TEST_CASE("play cli: every subcommand explains itself with examples", "[play][cli]") {
  const auto top = test::run_cli("play --help");
  CHECK(top.code == 0);
  CHECK(top.out.find("Subcommands:") != std::string::npos);
  for (const char* sub : {"new", "move", "inject", "adjudicate", "status", "log", "rewind", "replay", "fork", "report",
                          "serve"}) {
    const auto r = test::run_cli(std::string("play ") + sub + " --help");
    INFO(sub);
    CHECK(r.code == 0);
    CHECK(r.out.find("Usage: entente play " + std::string(sub)) == 0);
    CHECK(r.out.find("Examples:") != std::string::npos);
  }
}

TEST_CASE("play cli: a crash between the writes of a turn leaves a session that continues correctly",
          "[play][cli][crash]") {
  CliGame g("play_cli_crash"), clean("play_cli_nocrash");
  for (const CliGame* x : {&g, &clean}) {
    x->ok("move " + x->session + " --team blue --set a_sanctions_b=0.6");
    x->ok("adjudicate " + x->session);
    x->ok("move " + x->session + " --team red --set b_sanctions_a=0.4");
  }
  const std::string before = g.dump();
  ::setenv("ENTENTE_PLAY_TEST_CRASH", "between-writes", 1);
  const auto killed = g.play("adjudicate " + g.session);
  ::unsetenv("ENTENTE_PLAY_TEST_CRASH");
  CHECK(killed.code != 0);
  CHECK(g.dump() == before);  // the journal entry written before the kill was rolled back
  const auto status = g.play("status " + g.session);
  CHECK(status.code == 0);
  CHECK(status.out.find("turn 1 of 10") != std::string::npos);
  g.ok("adjudicate " + g.session);
  clean.ok("adjudicate " + clean.session);
  CHECK(g.play("replay " + g.session).code == 0);
  // The crashed game goes on exactly as the one that never crashed.
  auto without_paths = [](std::string d, const std::string& dir) {
    for (std::size_t p; (p = d.find(dir)) != std::string::npos;) d.erase(p, dir.size());
    return d;
  };
  CHECK(without_paths(g.dump(), g.dir.string()) == without_paths(clean.dump(), clean.dir.string()));
}

TEST_CASE("play cli: kill -9 during an adjudication leaves the session at the previous turn", "[play][cli][crash]") {
  CliGame g("play_cli_kill9", " --turn-steps 10");
  g.ok("move " + g.session + " --team blue --set a_sanctions_b=0.6");
  const std::string before = g.dump();
  const std::string cmd = std::string("exec ") + ENTENTE_CLI_PATH + " play adjudicate " + g.session +
                          " --runs-per-turn 200000 --threads 1 >/dev/null 2>&1";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(g.dump() == before);
  g.ok("adjudicate " + g.session);
  const auto st = g.play("status " + g.session);
  CHECK(st.out.find("turn 1 of 1 (2030), game over") != std::string::npos);
  CHECK(g.play("replay " + g.session).code == 0);
}

}  // namespace entente

namespace entente {

// Issue "The answer at a glance": the dashboard's change columns print a
// change at the resolution of the outcome's level, never in exponent form
// beside fixed decimals (a cohesion change of 7e-05 reads "0.000").
TEST_CASE("play cli: the state table prints changes at their outcome's resolution", "[play][cli]") {
  const std::filesystem::path dir = test::scratch_dir("play_cli_resolution");
  const std::string session = (dir / "game.sqlite").string();
  const std::string outlook = test::source_path("scenarios/sino_russia_2035.yaml");
  REQUIRE(test::run_cli("play new " + outlook + " --session " + session +
                        " --seed 3 --runs-per-turn 30 --team blue=us_sanctions_russia").code == 0);
  const auto t1 = test::run_cli("play adjudicate " + session + " --threads 1");
  REQUIRE(t1.code == 0);
  const auto from = t1.out.find("State after turn 1");
  REQUIRE(from != std::string::npos);
  const std::string state = t1.out.substr(from, t1.out.find("\n\n", from) - from);
  INFO(state);
  CHECK(state.find("e-0") == std::string::npos);
  CHECK(state.find("e-1") == std::string::npos);
  CHECK(t1.out.find("What changed most: ") != std::string::npos);
}

}  // namespace entente
