// Charts of `entente analyze`, drawn by gnuplot through the report's chart
// machinery (same style, a PNG and an SVG per chart):
//   sobol.png   bars of S1 and ST per parameter with their intervals
//   morris.png  μ* against σ, one labelled point per parameter
//   prim.png    the peeling trajectory, coverage against density, coloured
//               by the number of restricted dimensions; the chosen box ringed
#pragma once
#include <string>
#include <vector>

#include "analysis/report/charts.hpp"
#include "analysis/sensitivity/morris_effects.hpp"
#include "analysis/sensitivity/prim.hpp"
#include "analysis/sensitivity/sobol_indices.hpp"

namespace entente::analysis {

report::ChartJob sobol_chart(const SobolResult& r);
report::ChartJob morris_chart(const MorrisResult& r);
report::ChartJob prim_chart(const PrimResult& r);

// Creates `dir`, writes each job's .dat and .gp there and runs gnuplot.
// Throws std::runtime_error when gnuplot is missing or fails.
void draw_sensitivity_charts(const std::string& dir, const std::vector<report::ChartJob>& jobs);

}  // namespace entente::analysis
