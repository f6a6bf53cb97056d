// Prose lines of terminal output (a table's heading, its notes, a command's
// summary line) broken at spaces to fit a terminal: 80 columns, continuation
// lines indented. Tables themselves are laid out by text_table.hpp.
#pragma once
#include <cstddef>
#include <string>

namespace entente::analysis {

// `text` (lines separated by "\n", each wrapped alone) with every line longer
// than `width` broken at its last space that fits; continuations start with
// `indent` spaces. A word longer than the width stays whole on its own line.
std::string wrap_prose(const std::string& text, std::size_t width = 80, std::size_t indent = 2);

}  // namespace entente::analysis
