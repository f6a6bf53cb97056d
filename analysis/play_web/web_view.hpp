// What each screen of `entente play serve` shows, as JSON built from the
// session: the facilitator sees everything (every team's levers and pending
// moves, injects with their notes, the dashboard, the journal); a team sees
// its own levers and pending move and the shared situation (the state, the
// charts, the events of the futures taken), never another team's pending
// move nor the facilitator's notes. The role decides here, on the server.
#pragma once
#include <string>

#include "analysis/play/play_session.hpp"

namespace entente::analysis::play_web {

play::Json facilitator_view(const OpenSession& session);
// `team`: a team id of the session (checked by the caller).
play::Json team_view(const OpenSession& session, const std::string& team);

// JSON text safe to serve: '<', '>' and '&' written as \u escapes, so no
// browser that sniffs a response can find markup in it.
std::string safe_json_text(const play::Json& json);

}  // namespace entente::analysis::play_web
