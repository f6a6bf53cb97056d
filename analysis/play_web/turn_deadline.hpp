// The facilitator's deadline for the coming turn's moves, shown as a
// countdown on every screen. Advisory: nothing happens when it passes (the
// facilitator adjudicates). Kept in the session, table `web_deadline`
// (docs/outputs.md), so a restarted server shows it again; it is not part
// of the journal, since it changes nothing in the game.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace entente::analysis::play_web {

struct TurnDeadline {
  int turn = 0;                 // the turn whose moves are due
  std::int64_t due_unix = 0;    // seconds since the Unix epoch
};

// Sets the deadline for `turn` (replacing any), or clears it when `due` is none.
void set_deadline(const std::string& session, const std::optional<TurnDeadline>& due);
std::optional<TurnDeadline> deadline(const std::string& session);

}  // namespace entente::analysis::play_web
