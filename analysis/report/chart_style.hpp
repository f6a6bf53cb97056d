// The look shared by every chart (Okabe-Ito colours, fonts, light grid) and
// the pieces of gnuplot text the chart builders assemble.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace entente::analysis::report {

inline constexpr int kChartWidth = 900, kChartHeight = 500;

// Colour-blind-safe Okabe-Ito colours ("#RRGGBB"), by policy index (reference first).
const std::string& policy_colour(std::size_t index);

// Every string that reaches a gnuplot script goes through one of these three
// (docs/reliability.md, "Strings into other programs"): gnuplot runs `...` in
// double-quoted strings and system() anywhere, so text from a scenario must
// never be able to end a string or a comment.
// A single-quoted gnuplot string literal of `text` on one line (control
// characters become spaces, ' is doubled).
std::string gp_string(const std::string& text);
// A gnuplot string expression whose line breaks are those of `text`
// (single-quoted lines joined by "\n"), for multi-line tic labels.
std::string gp_multiline(const std::string& text);
// "# " and `text` on one line: a comment in a .gp script or a .dat file.
std::string gp_comment(const std::string& text);
// A text field of a .dat file: double-quoted (gnuplot's quoting in data
// files), on one line, with any " turned into '.
std::string dat_string(const std::string& text);

// A number for a .dat file: shortest round-trip text, "NaN" (missing to gnuplot) when not finite.
std::string dat_number(double v);

// A file-name-safe stem: [A-Za-z0-9_-], anything else becomes '_'.
std::string file_stem(const std::string& text);


// xtics for a year axis: one a year on short horizons.
std::string year_axis(const std::vector<double>& years);

// The whole script: style, `settings`, then `plot` once into <stem>.png
// (pngcairo) and once into <stem>.svg.
// gnuplot settings for clustered bars with error bars (threshold and
// sensitivity charts share one look).
std::string errorbar_histogram_settings();

std::string chart_script(const std::string& stem, const std::string& title, const std::string& settings,
                         const std::string& plot);
// The same at another size (small multiples are taller).
std::string chart_script(const std::string& stem, const std::string& title, const std::string& settings,
                         const std::string& plot, int width, int height);

// The grey every reference policy is drawn in on small multiples, next to the panel's policy colour.
inline constexpr const char* kReferenceGrey = "#7a7a7a";

}  // namespace entente::analysis::report
