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

// A double-quoted gnuplot string literal of `text` (one line).
std::string gp_string(const std::string& text);

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

}  // namespace entente::analysis::report
