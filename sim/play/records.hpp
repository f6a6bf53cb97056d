// What a game session stores, as types: the setup and one record per kind
// of journal entry (new, move, inject, adjudicate, rewind, fork), with the
// one codec between them and the JSON text in the journal's `payload`
// column (docs/outputs.md, "Game sessions"). Every reader of a stored entry
// (the game's fold, the log, the dashboard, the report, the web views)
// reads these structs; the key names are spelled once, in records.cpp.
//
// The text is canonical: encoding a record gives the bytes that were
// stored (same keys, same order, same numbers), so replay compares entries
// as text and sessions written before these types read unchanged.
// decode_payload() refuses a stored text that does not encode back to
// itself, naming the entry and the format version this build reads.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/util/error.hpp"

namespace entente::play {

using Json = nlohmann::ordered_json;

// A stored record that does not read as its kind: a field missing or of
// the wrong type, or a text that is not the record's canonical form. The
// message names the entry and the field ("journal entry 7 (move): field
// 'set[0].value' missing"). A damaged or foreign session is bad input.
class RecordError : public InputError {
 public:
  using InputError::InputError;
};

enum class Mode { kDraw, kMedian };
std::string_view mode_name(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);

struct Team {
  std::string id;
  std::vector<std::string> levers;
};

// A game that starts from history instead of the scenario's start year
// (`play new --condition-on`, docs/wargaming.md "Starting from what is
// known"): the world at turn 0 is one particle of the ensemble conditioned
// on the observations up to `origin` (analysis/backtest/conditioning.hpp),
// stored as the 'new' entry's state; `history` is that particle's outcome
// values from the start year to the origin ([step * n_outcomes + o]), what
// the game's charts show before turn 1.
struct ConditionedStart {
  std::string observed_file, observed_sha256;
  int origin = 0;                // year
  std::size_t observations = 0;  // assimilated
  std::uint64_t particles = 0;
  // The filter's settings, so that `play replay` can rerun it.
  std::vector<std::string> map;  // SERIES=OUTCOME
  double relative_error = 0, ess_threshold = 0, discount = 0;
  double final_ess = 0;  // effective sample size at the origin, before the last resampling
  std::vector<double> history;
};

struct GameSetup {
  std::vector<Team> teams;
  std::uint64_t seed = 1;
  Mode mode = Mode::kDraw;
  std::uint64_t runs_per_turn = 200;
  int turn_steps = 1;  // scenario steps per turn
  std::optional<ConditionedStart> conditioned;  // stored only when set
};

// 'new': the setup and where the world starts.
struct NewRecord {
  GameSetup setup;
  double year = 0;
  int step = 0;
};

// One lever of a move: the value set and the setting it replaces (what
// the lever would have had next turn without the move).
struct MoveSetting {
  std::string lever;
  double value = 0;
  double previous = 0;
};
// 'move': a team's settings for the coming turn (the team is the entry's
// column, Action::team).
struct MoveRecord {
  std::vector<MoveSetting> set;
};

// 'inject': a scenario event the facilitator makes happen at the start of
// the coming turn, with a note for the log.
struct InjectRecord {
  std::string event;
  std::string note;
};

// One outcome's futures at the end of an adjudicated turn.
struct OutcomeDistribution {
  std::string outcome;  // id
  double before = 0;    // the value at the start of the turn
  double mean = 0, min = 0, p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0, max = 0;
  double taken = 0;  // the future taken's value
};
// One step of the future taken: every outcome's value, in scenario order.
struct PathStep {
  double year = 0;
  std::vector<double> values;
};
// An event or trigger of the future taken.
struct TurnEvent {
  double year = 0;
  std::string kind;  // "event", "injected" or "trigger"
  std::string name;
};
// What one input did in the future taken: its end-of-turn outcome values
// minus those of the same future without it (effect[o], scenario order).
struct InputEffect {
  enum class Kind { kMove, kInject };
  Kind kind = Kind::kMove;
  std::string team, lever;  // a move's setting
  double from = 0, to = 0;
  std::string event;        // an inject
  std::vector<double> effect;
};
// 'adjudicate': the turn's futures and the one taken.
struct AdjudicationRecord {
  std::uint64_t futures = 0;
  Mode mode = Mode::kDraw;
  std::uint64_t chosen = 0;
  int step = 0;  // the world's step after the turn
  double year = 0;
  std::vector<OutcomeDistribution> distribution;  // one per outcome, scenario order
  std::vector<PathStep> path;                     // one per step of the turn
  std::vector<TurnEvent> events;
  std::vector<InputEffect> attribution;  // one per move setting that changed a lever, one per inject
};

// 'rewind': back to turn `to_turn` of the line, which becomes branch `new_branch`.
struct RewindRecord {
  int to_turn = 0, from_turn = 0, new_branch = 0;
};

// 'fork': an ensemble run from a turn of the game (`out`: its folder, or empty).
struct ForkRecord {
  int from_turn = 0;
  std::uint64_t runs = 0;
  std::string policy;  // put on top of the game's settings, or empty
  std::string out;
};

// The alternatives in the order of Action::Kind.
using Payload = std::variant<NewRecord, MoveRecord, InjectRecord, AdjudicationRecord, RewindRecord, ForkRecord>;

// One entry of the journal. `turn`: 0 for new; a move, an inject and the
// adjudication of turn t carry t; a rewind and a fork carry the game's turn
// (completed turns) when they were made. `payload` holds the record of
// `kind` (Action::of keeps the two together; encoding a mismatch is a
// logic error).
struct Action {
  enum class Kind { kNew, kMove, kInject, kAdjudicate, kRewind, kFork };
  Kind kind = Kind::kNew;
  int turn = 0;
  int branch = 0;
  std::string team;  // move
  Payload payload;

  static Action of(Payload payload, int turn, int branch, std::string team = {});
  const NewRecord& new_game() const { return get<NewRecord>(); }
  const MoveRecord& move() const { return get<MoveRecord>(); }
  const InjectRecord& inject() const { return get<InjectRecord>(); }
  const AdjudicationRecord& adjudication() const { return get<AdjudicationRecord>(); }
  const RewindRecord& rewind() const { return get<RewindRecord>(); }
  const ForkRecord& fork() const { return get<ForkRecord>(); }

 private:
  template <class R>
  const R& get() const {
    if (const R* r = std::get_if<R>(&payload)) return *r;
    throw_kind_mismatch();
  }
  [[noreturn]] void throw_kind_mismatch() const;
};
std::string_view kind_name(Action::Kind kind);
std::optional<Action::Kind> parse_kind(std::string_view text);

// The setup as stored (the session table's 'setup' and the 'new' entry's).
Json setup_to_json(const GameSetup& setup);
// `where` names the text in errors ("game.sqlite: session setup").
GameSetup setup_from_json(const Json& json, const std::string& where = "game setup");

// The entry's payload as stored, and as text (what the journal holds).
Json payload_to_json(const Action& action);
std::string payload_text(const Action& action);
// Reads a stored payload of `kind`: `where` names the entry in errors
// ("journal entry 7 (move)"). Throws RecordError on a missing field, a
// field of the wrong type, or a text that does not encode back to itself.
Payload decode_payload(Action::Kind kind, const std::string& text, const std::string& where);
Payload payload_from_json(Action::Kind kind, const Json& json, const std::string& where);

}  // namespace entente::play
