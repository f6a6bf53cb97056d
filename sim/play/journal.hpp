// A game is its journal: every command appends one entry, and folding the
// entries in order rebuilds the game. restore_game() takes each turn's state
// from the store (what the live commands do); replay_game() recomputes every
// adjudication and checks it against the stored entry and state, byte for
// byte.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/play/game.hpp"
#include "sim/util/error.hpp"

namespace entente::play {

struct JournalRecord {
  std::int64_t seq = 0;
  Action action;
  std::string payload_text;  // the payload exactly as stored (Action::payload is its record)
  std::string state;         // encoded state (new and adjudicate entries), else empty
};

// A stored journal that does not fold into a game (a missing state, an
// entry out of order). Names the entry.
class JournalError : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

// A recomputed turn that differs from the stored one.
class ReplayMismatch : public RuntimeFailure {
 public:
  ReplayMismatch(const std::string& what, int turn, std::int64_t seq)
      : RuntimeFailure(what), turn_(turn), seq_(seq) {}
  int turn() const { return turn_; }
  std::int64_t seq() const { return seq_; }

 private:
  int turn_;
  std::int64_t seq_;
};

Game restore_game(const CompiledScenario& scenario, const GameSetup& setup, const std::vector<JournalRecord>& journal);

struct ReplaySummary {
  int states_checked = 0;  // turn 0 and every adjudication, abandoned branches included
  int entries = 0;
  Game game;
};
// A conditioned game (setup.conditioned) needs its start recomputed by the
// caller (the particle filter lives in analysis/): `recomputed_start` is
// checked against the stored one like every adjudicated state.
ReplaySummary replay_game(const CompiledScenario& scenario, const GameSetup& setup,
                          const std::vector<JournalRecord>& journal, int threads,
                          const RunState* recomputed_start = nullptr);

// For each entry: true when a later rewind abandoned it (a move, inject or
// adjudication of a turn after the rewind's target, on the branch rewound).
std::vector<bool> abandoned_entries(const std::vector<JournalRecord>& journal);

}  // namespace entente::play
