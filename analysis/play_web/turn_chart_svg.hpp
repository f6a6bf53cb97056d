// A small SVG chart of one headline outcome over the game so far: the path
// taken (a line through the state after each turn) and, at the end of each
// adjudicated turn, the spread of that turn's futures (box: 25th to 75th
// percentile, whisker: 5th to 95th), as the after-action report draws them.
// Every label is HTML-escaped: it is inlined in the browser's page.
#pragma once
#include <cstddef>
#include <string>

#include "sim/play/game.hpp"

namespace entente::analysis::play_web {

// `outcome`: an index into the scenario's outcomes.
std::string turn_chart_svg(const play::Game& game, std::size_t outcome);

}  // namespace entente::analysis::play_web
