#include "sim/play/journal.hpp"

#include "sim/play/state_codec.hpp"

#include <optional>

namespace entente::play {

namespace {

std::string entry_name(const JournalRecord& r) {
  return "journal entry " + std::to_string(r.seq) + " (" + std::string(kind_name(r.action.kind)) + ")";
}

enum class Fold { kRestore, kReplay };

void fold(Game& game, const std::vector<JournalRecord>& journal, Fold mode, int threads, int* checked) {
  if (journal.empty() || journal.front().action.kind != Action::Kind::kNew)
    throw JournalError("the journal does not start with a 'new' entry");
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const JournalRecord& r = journal[i];
    const Action& a = r.action;
    if (i > 0 && a.kind == Action::Kind::kNew) throw JournalError(entry_name(r) + ": a second 'new' entry");
    if (a.kind == Action::Kind::kNew) {
      if (mode == Fold::kReplay) {
        if (r.state != encode_state(game.world()))
          throw ReplayMismatch("replay: turn 0 (" + entry_name(r) +
                                   ") does not match: the recomputed start state differs from the stored one",
                               0, r.seq);
        if (payload_text(game.make_new()) != r.payload_text)
          throw ReplayMismatch("replay: turn 0 (" + entry_name(r) + ") does not match: the setup differs", 0, r.seq);
        ++*checked;
      }
      continue;
    }
    if (a.kind == Action::Kind::kAdjudicate) {
      if (mode == Fold::kRestore) {
        if (r.state.empty()) throw JournalError(entry_name(r) + ": its state is missing");
        RunState s = decode_state(r.state);
        // A state stored by a build whose components keep other private
        // state (TradeSanctions' live masks, say) cannot continue here: a
        // step would read past its end. Refuse it by name instead.
        const CompiledScenario& sc = game.scenario();
        if (s.model_state.size() != sc.model_state_size || s.series.size() != sc.n_series ||
            s.n_actors != sc.n_actors)
          throw JournalError(entry_name(r) + ": its state does not fit this scenario and entente build (" +
                             std::to_string(s.model_state.size()) + " values of component state, this build keeps " +
                             std::to_string(sc.model_state_size) + "); replay the session instead");
        game.apply(a, &s);
        continue;
      }
      AdjudicateOptions opt;
      opt.runs = a.adjudication().futures;
      opt.threads = threads;
      Adjudication adj = game.adjudicate(opt);
      const std::string turn = "replay: turn " + std::to_string(a.turn) + " (" + entry_name(r) + ", branch " +
                               std::to_string(a.branch) + ") does not match: ";
      if (adj.action.turn != a.turn || adj.action.branch != a.branch)
        throw ReplayMismatch(turn + "it was recorded as turn " + std::to_string(a.turn) + " but replays as turn " +
                                 std::to_string(adj.action.turn),
                             a.turn, r.seq);
      if (payload_text(adj.action) != r.payload_text)
        throw ReplayMismatch(turn + "the futures or the future taken differ from the journal (recomputed future " +
                                 std::to_string(adj.action.adjudication().chosen) +
                                 ", journalled " + std::to_string(a.adjudication().chosen) + ")",
                             a.turn, r.seq);
      const std::string bytes = encode_state(adj.state);
      if (bytes != r.state)
        throw ReplayMismatch(turn + "the recomputed state (sha256 " + state_digest(adj.state) +
                                 ") differs from the stored one",
                             a.turn, r.seq);
      game.apply(a, &adj.state);
      ++*checked;
      continue;
    }
    // Moves and injects were validated when made; a replay checks them again.
    if (mode == Fold::kReplay) {
      try {
        if (a.kind == Action::Kind::kMove) {
          std::vector<LeverSetting> set;
          for (const auto& s : a.move().set) set.push_back({s.lever, s.value});
          if (payload_text(game.make_move(a.team, set)) != r.payload_text)
            throw ReplayMismatch("replay: turn " + std::to_string(a.turn) + " (" + entry_name(r) +
                                     ") does not match: the move replays differently",
                                 a.turn, r.seq);
        } else if (a.kind == Action::Kind::kInject) {
          game.make_inject(a.inject().event, a.inject().note);
        } else if (a.kind == Action::Kind::kRewind) {
          game.make_rewind(a.rewind().to_turn);
        }
      } catch (const PlayError& e) {
        throw ReplayMismatch("replay: turn " + std::to_string(a.turn) + " (" + entry_name(r) +
                                 ") does not match: it is no longer valid: " + e.what(),
                             a.turn, r.seq);
      }
    }
    game.apply(a);
  }
}

}  // namespace

namespace {

// A conditioned game's turn 0 is the 'new' entry's stored particle.
std::optional<RunState> stored_start(const CompiledScenario& sc, const GameSetup& setup,
                                     const std::vector<JournalRecord>& journal) {
  if (!setup.conditioned) return std::nullopt;
  if (journal.empty() || journal.front().action.kind != Action::Kind::kNew || journal.front().state.empty())
    throw JournalError("the journal of a conditioned game does not start with a 'new' entry holding its start state");
  RunState s = decode_state(journal.front().state);
  if (s.model_state.size() != sc.model_state_size || s.series.size() != sc.n_series || s.n_actors != sc.n_actors ||
      s.step < 0 || s.step > sc.n_steps)
    throw JournalError(entry_name(journal.front()) +
                       ": its start state does not fit this scenario and entente build; start a new session");
  return s;
}

}  // namespace

Game restore_game(const CompiledScenario& sc, const GameSetup& setup, const std::vector<JournalRecord>& journal) {
  const std::optional<RunState> start = stored_start(sc, setup, journal);
  Game game(sc, setup, start ? &*start : nullptr);
  int checked = 0;
  fold(game, journal, Fold::kRestore, 0, &checked);
  return game;
}

ReplaySummary replay_game(const CompiledScenario& sc, const GameSetup& setup, const std::vector<JournalRecord>& journal,
                          int threads, const RunState* recomputed_start) {
  if (setup.conditioned.has_value() != (recomputed_start != nullptr))
    throw std::logic_error("replay_game: a conditioned game replays from its recomputed start, only it");
  ReplaySummary out{0, static_cast<int>(journal.size()), Game(sc, setup, recomputed_start)};
  fold(out.game, journal, Fold::kReplay, threads, &out.states_checked);
  return out;
}

std::vector<bool> abandoned_entries(const std::vector<JournalRecord>& journal) {
  std::vector<bool> abandoned(journal.size(), false);
  std::vector<std::size_t> live;  // moves, injects and adjudications of the current line
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const Action& a = journal[i].action;
    switch (a.kind) {
      case Action::Kind::kMove:
      case Action::Kind::kInject:
      case Action::Kind::kAdjudicate: live.push_back(i); break;
      case Action::Kind::kRewind: {
        const int k = a.rewind().to_turn;
        std::vector<std::size_t> kept;
        for (std::size_t j : live) {
          if (journal[j].action.turn > k)
            abandoned[j] = true;
          else
            kept.push_back(j);
        }
        live = std::move(kept);
        break;
      }
      default: break;
    }
  }
  return abandoned;
}

}  // namespace entente::play
