// What the facilitator sees: the game's state, an adjudicated turn and the
// journal as plain text with aligned columns (docs/wargaming.md shows them).
#pragma once
#include <string>
#include <vector>

#include "sim/play/journal.hpp"

namespace entente::analysis {

// Teams, the levers each owns with their setting for the coming turn, and
// the moves and injects submitted so far.
std::string render_teams(const play::Game& game);
// The state after the last turn: headline outcomes with the change since
// the start, alignment category, cohesion, crisis risk.
std::string render_state(const play::Game& game);
// The last adjudication: the distribution of the turn's futures, the state
// reached, and what changed most this turn and why.
std::string render_adjudication(const play::Game& game);
// `entente play status`: where the game stands.
std::string render_status(const play::Game& game, const std::string& session);
// `entente play log`: every journal entry, abandoned ones marked.
std::string render_log(const play::Game& game, const std::vector<play::JournalRecord>& journal,
                       const std::vector<std::string>& times);

// Indices of the outcomes a dashboard leads with: those marked headline, or all.
std::vector<std::size_t> headline_outcomes(const CompiledScenario& scenario);

}  // namespace entente::analysis
