// entente play new --condition-on (issue 17): a game that starts from what
// is known. The world at turn 0 is a particle of the ensemble conditioned on
// the observed history up to the origin; the turns run from the origin on;
// replay reruns the filter and refuses changed observations; the start does
// not depend on the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/play/play_session.hpp"
#include "models/register_builtin.hpp"
#include "support/cli_runner.hpp"

namespace entente {
namespace {

namespace fs = std::filesystem;

const std::string kBackcast = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/backcast_2000_2024.yaml";
const std::string kHistory = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/data/history_2000_2021.csv";

std::string new_game(const std::string& session, const std::string& observed, const std::string& extra = "") {
  return "play new " + kBackcast + " --session " + session +
         " --seed 7 --runs-per-turn 50 --team west=eu_sanctions_russia,us_sanctions_russia --condition-on " +
         observed + " --origin 2018 --particles 400" + extra;
}

// The value of an outcome in the game's world at turn 0, from the library.
double world_value(const std::string& session, const std::string& outcome) {
  analysis::OpenSession s = analysis::open_session(session, builtin_registry());
  const auto& sc = *s.compiled;
  for (const auto& o : sc.outcomes)
    if (o.spec.id == outcome) return s.game->line().front().state.series[o.series_slot];
  FAIL("no outcome " << outcome);
  return 0;
}

}  // namespace

TEST_CASE("play new --condition-on starts the game at the origin from a conditioned particle", "[play][cli][condition]") {
  const fs::path dir = test::scratch_dir("play_conditioned");
  const std::string s1 = (dir / "t1.sqlite").string(), s2 = (dir / "t2.sqlite").string();
  const auto made = test::run_cli(new_game(s1, kHistory, " --threads 1"));
  INFO(made.err);
  REQUIRE(made.code == 0);
  CHECK(made.out.find("up to 2018 (400 particles); the game starts in 2018 from particle 0\n") != std::string::npos);
  CHECK(made.out.find("effective sample size per year (* resampled): 2000 ") != std::string::npos);
  CHECK(made.out.find("turn 0 of 6 (2018)") != std::string::npos);

  // The world agrees with what was observed: China-Russia trade 2018 was
  // USD 107.06 bn (GACC); the filter's default observation error is 20%.
  const double trade = world_value(s1, "cn_ru_trade_total");
  CHECK(std::fabs(trade - 107.06) < 3 * 0.2 * 107.06);

  // Byte-identical on another thread count: the whole journal.
  REQUIRE(test::run_cli(new_game(s2, kHistory, " --threads 2")).code == 0);
  const auto status1 = test::run_cli("play status " + s1).out, status2 = test::run_cli("play status " + s2).out;
  CHECK(status1.substr(status1.find(':')) == status2.substr(status2.find(':')));
  {
    analysis::OpenSession a = analysis::open_session(s1, builtin_registry());
    analysis::OpenSession b = analysis::open_session(s2, builtin_registry());
    CHECK(a.journal.front().state == b.journal.front().state);
    CHECK(a.journal.front().payload_text == b.journal.front().payload_text);
  }

  // Turns run from the origin; the history before it is the particle's.
  REQUIRE(test::run_cli("play move " + s1 + " --team west --set us_sanctions_russia=0.8").code == 0);
  const auto t1 = test::run_cli("play adjudicate " + s1);
  REQUIRE(t1.code == 0);
  CHECK(t1.out.rfind("Turn 1 of 6: 2018 -> 2019", 0) == 0);
  {
    analysis::OpenSession a = analysis::open_session(s1, builtin_registry());
    const auto path = analysis::line_path(*a.game, 1);
    const std::size_t n_out = a.compiled->outcomes.size();
    CHECK(path.size() == 20 * n_out);  // 2000..2019
  }
  const auto replay = test::run_cli("play replay " + s1);
  INFO(replay.err);
  CHECK(replay.code == 0);
  CHECK(replay.out.find("2 states recomputed") != std::string::npos);
}

TEST_CASE("play replay of a conditioned game needs the same observations", "[play][cli][condition]") {
  const fs::path dir = test::scratch_dir("play_conditioned_replay");
  const std::string observed = (dir / "history.csv").string(), session = (dir / "g.sqlite").string();
  fs::copy_file(kHistory, observed);
  REQUIRE(test::run_cli(new_game(session, observed)).code == 0);
  std::ofstream(observed, std::ios::app) << "2019,an_edited_series,1,USD bn,edited\n";
  const auto r = test::run_cli("play replay " + session);
  CHECK(r.code == 1);
  CHECK(r.err.find("replay: turn 0 is conditioned on " + observed + " (sha256 ") != std::string::npos);
  CHECK(r.err.find("which now reads sha256 ") != std::string::npos);
  fs::remove(observed);
  const auto gone = test::run_cli("play replay " + session);
  CHECK(gone.code == 1);
  CHECK(gone.err.find("which can no longer be read") != std::string::npos);
  // The game itself goes on from its stored start.
  CHECK(test::run_cli("play adjudicate " + session).code == 0);
}

TEST_CASE("play new --origin without --condition-on is a usage error", "[play][cli][condition]") {
  const fs::path dir = test::scratch_dir("play_conditioned_usage");
  const auto r = test::run_cli("play new " + kBackcast + " --session " + (dir / "x.sqlite").string() +
                               " --team west=eu_sanctions_russia --origin 2018");
  CHECK(r.code == 2);
  CHECK(r.err == "entente: error: --origin needs --condition-on CSV\n");
  CHECK_FALSE(fs::exists(dir / "x.sqlite"));
}

}  // namespace entente
