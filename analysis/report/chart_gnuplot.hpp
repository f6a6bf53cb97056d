// Running gnuplot: finding it, writing each chart's data file and script, and
// drawing the charts (several gnuplot processes at once).
#pragma once
#include <atomic>
#include <string>
#include <vector>

#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

// The gnuplot executable on PATH. Throws std::runtime_error
// "gnuplot not found; install the Debian package gnuplot-nox (scripts/install-deps.sh)".
std::string find_gnuplot();

// Runs `gnuplot --default-settings SCRIPT` in `dir` (so the script's relative
// file names resolve there). Throws std::runtime_error with gnuplot's
// messages when it fails; when *stop is set it kills gnuplot and throws
// Interrupted (sim/output/staged_dir.hpp).
void run_gnuplot(const std::string& gnuplot, const std::string& dir, const std::string& script,
                 const std::atomic<bool>* stop = nullptr);

// Writes <stem>.dat and <stem>.gp of every job into `dir`, runs the scripts
// and checks that each left a PNG and an SVG. Throws on the first failure in
// job order. When *stop is set (SIGINT/SIGTERM) no further gnuplot starts,
// the running ones are killed, and Interrupted (sim/output/staged_dir.hpp)
// is thrown instead of any failure: a Ctrl-C in a terminal reaches gnuplot
// too, and its death then is no chart error.
void draw_charts(const std::string& gnuplot, const std::string& dir, const std::vector<ChartJob>& jobs,
                 const std::atomic<bool>* stop = nullptr);

}  // namespace entente::analysis::report
