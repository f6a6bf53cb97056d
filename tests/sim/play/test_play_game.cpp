// The game's rules as library code: moves, injects, adjudication, replay,
// rewind, the state codec and the start-from-state engine functions.
#include <catch2/catch.hpp>

#include "sim/play/journal.hpp"
#include "sim/play/state_codec.hpp"
#include "sim/play/play_scenario.hpp"

namespace entente {
namespace {

using play::Action;

// A game with its journal kept in memory, as the session store would keep it.
struct Played {
  std::unique_ptr<CompiledScenario> sc;
  std::unique_ptr<play::Game> game;
  std::vector<play::JournalRecord> journal;

  explicit Played(play::GameSetup setup = test::play_setup()) : sc(test::compile_text(test::play_scenario_yaml())) {
    play::check_setup(*sc, setup);
    game = std::make_unique<play::Game>(*sc, setup);
    record(game->make_new(), play::encode_state(game->world()));
  }
  void record(const Action& a, const std::string& state = "") {
    play::JournalRecord r;
    r.seq = static_cast<std::int64_t>(journal.size()) + 1;
    r.action = a;
    r.payload_text = play::payload_text(a);
    r.state = state;
    journal.push_back(r);
  }
  void move(const std::string& team, std::vector<play::LeverSetting> set) {
    const Action a = game->make_move(team, set);
    record(a);
    game->apply(a);
  }
  void inject(const std::string& event) {
    const Action a = game->make_inject(event, "note");
    record(a);
    game->apply(a);
  }
  void adjudicate() {
    play::Adjudication adj = game->adjudicate({});
    REQUIRE_FALSE(adj.interrupted);
    record(adj.action, play::encode_state(adj.state));
    game->apply(adj.action, &adj.state);
  }
  void rewind(int k) {
    const Action a = game->make_rewind(k);
    record(a);
    game->apply(a);
  }
  // The scripted three-team game of six turns.
  void six_turns() {
    move("blue", {{"a_sanctions_b", 0.6}});
    move("red", {{"b_sanctions_a", 0.3}});
    adjudicate();
    move("yellow", {{"c_sanctions_a", 0.5}});
    adjudicate();
    inject("crisis");
    move("blue", {{"a_sanctions_b", 0.9}, {"a_sanctions_c", 0.4}});
    adjudicate();
    adjudicate();
    move("red", {{"b_sanctions_a", 0.0}});
    adjudicate();
    adjudicate();
  }
  std::string fingerprint() const {
    std::string out;
    for (const auto& r : journal) out += std::string(play::kind_name(r.action.kind)) + r.payload_text + r.state;
    return out;
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const play::PlayError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("play: a scripted three-team game of six turns replays byte for byte", "[play]") {
  Played p;
  p.six_turns();
  CHECK(p.game->turn() == 6);
  CHECK(p.game->world().step == 6);
  // The inject is in the turn-3 state's log and the lever settings hold.
  const auto& t3 = p.game->line()[3];
  CHECK(t3.inputs.size() == 2);
  bool injected = false;
  for (const auto& e : t3.state.log) injected |= e.kind == LogEntry::Kind::kInjected;
  CHECK(injected);
  CHECK(p.game->world().lever_override[*p.sc->lever_index("a_sanctions_b")] == 0.9);
  CHECK(p.game->world().lever_intensity[*p.sc->lever_index("b_sanctions_a")] == 0.0);
  // Turn 1's moves are attributed in the future taken.
  CHECK(p.game->line()[1].adjudication->attribution.size() == 2);

  const auto r = play::replay_game(*p.sc, p.game->setup(), p.journal, 2);
  CHECK(r.states_checked == 7);
  CHECK(r.game.turn() == 6);
  // Restoring from the stored states gives the same game.
  const play::Game restored = play::restore_game(*p.sc, p.game->setup(), p.journal);
  CHECK(play::encode_state(restored.world()) == play::encode_state(p.game->world()));
}

TEST_CASE("play: the same commands with the same seed give the same game", "[play]") {
  Played a, b, c(test::play_setup(8));
  a.six_turns();
  b.six_turns();
  c.six_turns();
  CHECK(a.fingerprint() == b.fingerprint());
  CHECK(a.fingerprint() != c.fingerprint());
}

TEST_CASE("play: the futures and the draw do not depend on the thread count", "[play]") {
  Played p;
  p.move("blue", {{"a_sanctions_b", 0.6}});
  play::AdjudicateOptions one, many;
  one.threads = 1;
  many.threads = 4;
  const auto x = p.game->adjudicate(one), y = p.game->adjudicate(many);
  CHECK(play::payload_text(x.action) == play::payload_text(y.action));
  CHECK(play::encode_state(x.state) == play::encode_state(y.state));
}

TEST_CASE("play: invalid moves and injects are rejected with a clear message and change nothing", "[play]") {
  Played p;
  p.move("blue", {{"a_sanctions_b", 0.6}});
  const std::string before = p.fingerprint();
  const auto pending = p.game->pending().size();
  CHECK(error_of([&] { p.game->make_move("blu", {{"a_sanctions_b", 0.5}}); }) ==
        "unknown team 'blu' (did you mean 'blue'?); the teams are blue, red or yellow");
  CHECK(error_of([&] { p.game->make_move("blue", {{"b_sanctions_a", 0.5}}); }) ==
        "team 'blue' does not own lever 'b_sanctions_a' (team 'red' does); blue owns a_sanctions_b or a_sanctions_c");
  CHECK(error_of([&] { p.game->make_move("blue", {{"a_sanctions_x", 0.5}}); }) ==
        "unknown lever 'a_sanctions_x' (did you mean 'a_sanctions_b'?); team 'blue' owns a_sanctions_b or "
        "a_sanctions_c");
  CHECK(error_of([&] { p.game->make_move("yellow", {{"c_sanctions_a", 0.8}}); }) ==
        "c_sanctions_a=0.8 is outside the lever's range [0, 0.6]");
  CHECK(error_of([&] { p.game->make_move("blue", {{"a_sanctions_b", -0.1}}); }) ==
        "a_sanctions_b=-0.1 is outside the lever's range [0, 1]");
  CHECK(error_of([&] { p.game->make_inject("crisiss", ""); }) ==
        "unknown event 'crisiss' (did you mean 'crisis'?); the scenario's events: crisis or dispute");
  CHECK(p.game->pending().size() == pending);
  CHECK(p.fingerprint() == before);
  // An inject of a non-repeatable event: once per game.
  p.inject("crisis");
  CHECK(error_of([&] { p.game->make_inject("crisis", ""); }) ==
        "event 'crisis' is already injected for turn 1 and is not repeatable");
  p.adjudicate();
  CHECK(error_of([&] { p.game->make_inject("crisis", ""); }) ==
        "event 'crisis' has already happened in this game and is not repeatable");
}

TEST_CASE("play: the game ends at the scenario's horizon", "[play]") {
  auto setup = test::play_setup();
  setup.turn_steps = 4;  // ten steps: turns end at steps 4, 8 and 10
  Played p(setup);
  CHECK(p.game->n_turns() == 3);
  p.adjudicate();
  p.adjudicate();
  p.adjudicate();
  CHECK(p.game->world().step == 10);
  CHECK(p.game->over());
  CHECK(error_of([&] { p.game->make_move("blue", {{"a_sanctions_b", 0.5}}); }) ==
        "the game is over: turn 3 reached the scenario's end (2030); rewind to an earlier turn (entente play rewind S "
        "--turn K) or fork one");
  CHECK(error_of([&] { p.game->adjudicate({}); }).rfind("the game is over", 0) == 0);
  CHECK(play::replay_game(*p.sc, setup, p.journal, 1).states_checked == 4);
}

TEST_CASE("play: setups are checked against the scenario", "[play]") {
  auto sc = test::compile_text(test::play_scenario_yaml());
  auto setup = test::play_setup();
  setup.teams.push_back({"green", {"a_sanctions_b"}});
  CHECK(error_of([&] { play::check_setup(*sc, setup); }) ==
        "lever 'a_sanctions_b' is given to team 'blue' and to team 'green'; a lever has one owner");
  setup = test::play_setup();
  setup.teams[1].levers = {"b_sanction_a"};
  CHECK(error_of([&] { play::check_setup(*sc, setup); }) ==
        "team 'red': unknown lever 'b_sanction_a' (did you mean 'b_sanctions_a'?); the scenario's levers: "
        "a_sanctions_b, a_sanctions_c, b_sanctions_a or c_sanctions_a");
  setup = test::play_setup();
  setup.teams[0].id = "Blue";
  CHECK(error_of([&] { play::check_setup(*sc, setup); }) ==
        "team name 'Blue' is not valid: lowercase letters, digits and '_', starting with a letter");
}

TEST_CASE("play: rewind branches from a middle turn and keeps the abandoned turns", "[play]") {
  Played p;
  p.six_turns();
  const std::string turn3 = play::encode_state(p.game->line()[3].state);
  const std::string turn5 = play::encode_state(p.game->line()[5].state);
  p.move("blue", {{"a_sanctions_b", 0.1}});  // pending, dropped by the rewind
  p.rewind(3);
  CHECK(p.game->turn() == 3);
  CHECK(p.game->branch() == 1);
  CHECK(p.game->pending().empty());
  CHECK(play::encode_state(p.game->world()) == turn3);
  p.adjudicate();
  p.adjudicate();
  // The new branch draws other futures than the abandoned one.
  CHECK(play::encode_state(p.game->world()) != turn5);

  const auto abandoned = play::abandoned_entries(p.journal);
  int n_abandoned = 0, n_adjudications_abandoned = 0;
  for (std::size_t i = 0; i < p.journal.size(); ++i) {
    if (!abandoned[i]) continue;
    ++n_abandoned;
    CHECK(p.journal[i].action.turn > 3);
    n_adjudications_abandoned += p.journal[i].action.kind == Action::Kind::kAdjudicate;
  }
  CHECK(n_adjudications_abandoned == 3);  // turns 4, 5, 6 of branch 0
  CHECK(n_abandoned == 5);                // and the moves of turn 5 and the pending one of turn 7
  const auto r = play::replay_game(*p.sc, p.game->setup(), p.journal, 1);
  CHECK(r.states_checked == 9);
  CHECK(r.game.branch() == 1);
  CHECK(error_of([&] { p.game->make_rewind(6); }) ==
        "rewind --turn 6: the game has played turns 0 to 5 on its current branch");
}

TEST_CASE("play: replay names the first turn whose state does not match", "[play]") {
  Played p;
  p.six_turns();
  auto journal = p.journal;
  for (auto& r : journal)
    if (r.action.kind == Action::Kind::kAdjudicate && r.action.turn == 4) {
      RunState s = play::decode_state(r.state);
      s.gdp[0] *= 1.0 + 1e-15;
      r.state = play::encode_state(s);
    }
  try {
    play::replay_game(*p.sc, p.game->setup(), journal, 1);
    FAIL("no mismatch reported");
  } catch (const play::ReplayMismatch& e) {
    INFO(e.what());
    CHECK(e.turn() == 4);
    CHECK(std::string(e.what()).rfind("replay: turn 4 (journal entry 10 (adjudicate), branch 0) does not match: the "
                                      "recomputed state (sha256 ",
                                      0) == 0);
  }
  // A journalled draw that differs is named too.
  journal = p.journal;
  for (auto& r : journal)
    if (r.action.kind == Action::Kind::kAdjudicate && r.action.turn == 2) {
      std::get<play::AdjudicationRecord>(r.action.payload).chosen = 1000;
      r.payload_text = play::payload_text(r.action);
    }
  try {
    play::replay_game(*p.sc, p.game->setup(), journal, 1);
    FAIL("no mismatch reported");
  } catch (const play::ReplayMismatch& e) {
    CHECK(e.turn() == 2);
  }
}

TEST_CASE("play: median mode takes a future near the middle of the turn's distribution", "[play]") {
  auto setup = test::play_setup();
  setup.mode = play::Mode::kMedian;
  setup.runs_per_turn = 101;
  Played p(setup);
  p.adjudicate();
  const auto& d = p.game->line()[1].adjudication->distribution;
  for (std::size_t o = 0; o < 3; ++o) {
    const double taken = d.at(o).taken, lo = d.at(o).p25, hi = d.at(o).p75;
    CHECK(taken >= lo);
    CHECK(taken <= hi);
  }
  CHECK(p.game->line()[1].adjudication->mode == play::Mode::kMedian);
}

TEST_CASE("play: the state codec round-trips every field and rejects other bytes", "[play][codec]") {
  Played p;
  p.six_turns();
  const RunState& s = p.game->world();
  const std::string bytes = play::encode_state(s);
  const RunState back = play::decode_state(bytes);
  CHECK(play::encode_state(back) == bytes);
  CHECK(back.series == s.series);
  CHECK(back.log.size() == s.log.size());
  CHECK(back.shock_streams.front().state() == s.shock_streams.front().state());
  CHECK(play::state_digest(s).size() == 64);
  CHECK_THROWS_AS(play::decode_state(bytes.substr(0, bytes.size() - 3)), play::StateFormatError);
  CHECK_THROWS_AS(play::decode_state("not a state"), play::StateFormatError);
  CHECK_THROWS_AS(play::decode_state(bytes + "x"), play::StateFormatError);
}

TEST_CASE("play: a run started from a state with its own key repeats the run", "[play][engine]") {
  auto sc = test::compile_text(test::play_scenario_yaml());
  const std::size_t n_out = sc->outcomes.size(), len = static_cast<std::size_t>(sc->n_steps + 1) * n_out;
  RunState s0, s1, s2;
  std::vector<double> whole(len), from(len);
  run_trace(*sc, {5, 0, 3}, s1, whole.data());
  // Re-keying the start state with its own key changes nothing.
  initialize_run(*sc, {5, 0, 3}, s0);
  run_trace_from(*sc, {5, 0, 3}, s0, whole.data(), s2, from.data());
  CHECK(from == whole);
  CHECK(play::encode_state(s2) == play::encode_state(s1));
  // Another key: the same start, other shocks.
  run_trace_from(*sc, {5, 9, 3}, s0, whole.data(), s2, from.data());
  CHECK(from != whole);
  CHECK(std::equal(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(n_out), whole.begin()));
}

}  // namespace entente
