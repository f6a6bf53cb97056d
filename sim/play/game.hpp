// A wargame session's rules as library code (no storage): teams own levers,
// each turn they set them and the facilitator may inject events, then the
// turn is adjudicated by running N futures of it from the current state and
// taking one (drawn with the session's seeded stream, or the one closest to
// the median path). docs/wargaming.md explains the game; analysis/play/
// stores it in SQLite and cli/cmd_play.cpp is the command line.
//
// Random numbers (docs/reproducibility.md): the game world is run 0 of the
// session seed, RunKey {seed, 0, 0}: its uncertain parameters are drawn once
// at `new` and stay fixed for the game. Future f of turn t on branch b is the
// current state re-keyed (reseed_run) with RunKey {seed, futures_point(b, t),
// f}: futures differ in shocks, events and components' own draws. The draw
// of draw mode is the first uniform of the kAdjudication stream of
// {seed, futures_point(b, t), 0}. A fork from turn K on branch b uses
// RunKey {seed, fork_point(b, K), r}.
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/play/records.hpp"
#include "sim/util/error.hpp"

namespace entente::play {

// A move, inject or command the game's rules reject (unknown team, lever not
// owned, value out of range, the game is over...). Nothing was changed; the
// command line exits with 2.
class PlayError : public InputError {
 public:
  using InputError::InputError;
};

inline constexpr std::uint64_t kMaxRunsPerTurn = 1'000'000;

// Checks teams (ids, levers known to the scenario with a did-you-mean, each
// lever owned by one team), turn length and runs. Throws PlayError.
void check_setup(const CompiledScenario& scenario, const GameSetup& setup);

constexpr std::uint64_t futures_point(int branch, int turn) {
  return (static_cast<std::uint64_t>(branch) << 32) | static_cast<std::uint64_t>(turn);
}
constexpr std::uint64_t fork_point(int branch, int turn) {
  return (std::uint64_t{1} << 63) | futures_point(branch, turn);
}

struct LeverSetting {
  std::string lever;
  double value = 0;
};

// One completed turn of the current line (turn 0: the start).
struct TurnState {
  int turn = 0;
  RunState state;
  std::optional<AdjudicationRecord> adjudication;  // the adjudicate entry's record (none for turn 0)
  std::vector<Action> inputs;  // the moves and injects of this turn, in order
};

struct AdjudicateOptions {
  std::uint64_t runs = 0;  // 0: the session's runs per turn
  int threads = 0;
  const std::atomic<bool>* stop = nullptr;
};

struct Adjudication {
  Action action;  // kAdjudicate, its record filled
  RunState state;  // the state after the turn
  bool interrupted = false;
};

class Game {
 public:
  // The game at turn 0: the world initialised with RunKey {seed, 0, 0}, or
  // `start` (a conditioned game: required when setup.conditioned is set,
  // its step is the origin's).
  Game(const CompiledScenario& scenario, GameSetup setup, const RunState* start = nullptr);

  const CompiledScenario& scenario() const { return *sc_; }
  const GameSetup& setup() const { return setup_; }
  int turn() const { return line_.back().turn; }  // completed turns
  int branch() const { return branch_; }
  int n_turns() const;
  bool over() const { return world().step >= sc_->n_steps; }
  const RunState& world() const { return line_.back().state; }
  const std::vector<TurnState>& line() const { return line_; }
  const std::vector<Action>& pending() const { return pending_; }
  // The step at which turn t ends (turn 0: the step the game starts from).
  int end_step(int turn) const;
  int start_step() const { return line_.front().state.step; }

  // The team that owns lever `lever` (id), or none.
  const Team* owner(std::string_view lever) const;
  const Team* team(std::string_view id) const;
  // The intensity lever l will have next turn as things stand: a pending
  // move, else the setting holding it, else its schedule.
  double lever_setting(std::size_t lever) const;

  // Entries for the journal; each validates and throws PlayError, changing nothing.
  Action make_new() const;
  Action make_move(const std::string& team, const std::vector<LeverSetting>& settings) const;
  Action make_inject(const std::string& event, const std::string& note) const;
  Action make_rewind(int to_turn) const;
  // Checks that turn K is a turn of the current line (fork, rewind).
  void check_turn(int k, const char* what) const;

  // Runs the coming turn's futures under the pending moves and injects and
  // picks one; changes nothing (apply() the result). Throws PlayError when
  // the game is over.
  Adjudication adjudicate(const AdjudicateOptions& options) const;

  // Applies an entry: moves and injects become pending, an adjudication
  // makes `state` the new world (required for kAdjudicate), a rewind goes
  // back to its turn (a new branch). kNew and kFork change nothing.
  void apply(const Action& action, const RunState* state = nullptr);

  // The pre-turn state: the world with the pending moves and injects applied
  // in order.
  RunState prepared_world() const { return prepare(kNoSkip, 0); }

 private:
  static constexpr std::size_t kNoSkip = static_cast<std::size_t>(-1);
  // The world with the pending inputs applied, but for input `skip_action`
  // (setting `skip_setting` of it when it is a move).
  RunState prepare(std::size_t skip_action, std::size_t skip_setting) const;
  std::size_t lever_index(const std::string& id) const;
  const CompiledScenario* sc_;
  GameSetup setup_;
  int branch_ = 0;
  std::vector<TurnState> line_;
  std::vector<Action> pending_;
};

}  // namespace entente::play
