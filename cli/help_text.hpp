// Help texts fitted to the terminal's traditional 80 columns (issue 18).
//
// Commands write their usage, description and examples as plain text, wrapped
// by hand or not at all; every help screen goes through fit_help() once, so no
// command has to count columns and a new one cannot overflow. What it knows of
// the shapes a help text is made of, and keeps intact:
//   - a "Usage:" line and its indented continuations: re-wrapped option by
//     option ("[--runs N]" is never split) under a hanging indent;
//   - an example command ("entente ..." and its "\" continuations): broken only
//     between shell words (never inside quotes), each broken line ending in
//     " \" so it can still be pasted; a trailing "# comment" that no longer
//     fits moves to its own line above the command;
//   - a table row ("  KIND   text" and its lines indented to the text): the
//     text re-wrapped in its column;
//   - prose paragraphs (lines of one indent): re-wrapped as one paragraph.
// A block whose lines all fit is left exactly as written.
#pragma once

#include <cstddef>
#include <string>

namespace entente::cli {

inline constexpr std::size_t kHelpWidth = 80;

// Columns on screen of a UTF-8 string (continuation bytes take none).
std::size_t display_columns(const std::string& s);

std::string fit_help(const std::string& text, std::size_t width = kHelpWidth);

}  // namespace entente::cli
