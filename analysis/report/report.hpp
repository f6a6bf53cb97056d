// The charts and the self-contained HTML report of a result directory
// (docs/reports.md): gnuplot draws every chart into DIR/charts/ (data files,
// a script per chart, PNG and SVG), and DIR/report.html embeds the SVGs
// inline with the tables, so the one file opens offline and prints cleanly.
#pragma once
#include <atomic>
#include <stdexcept>
#include <string>
#include "sim/util/error.hpp"

namespace entente::analysis {

// A report input that is missing or invalid: the message names the file, what
// is wrong with it and the format version this build reads. The command line
// reports it as bad input (exit code 2).
class ReportInputError : public InputError {
 public:
  using InputError::InputError;
};

// Draws the charts into DIR/charts/ and writes DIR/report.html atomically.
// DIR is a `run` output directory (manifest.json + summary.json), a
// `compare` output directory (manifest.json + compare.json), a `backtest`
// one (manifest.json + backtest.json, or rolling.json: backtest_report.hpp)
// or a `calibrate` one (manifest.json, calibration.csv, points.csv:
// calibration_report.hpp). Returns the path
// of report.html. Throws ReportInputError (a std::runtime_error) on missing or
// invalid files, and std::runtime_error when gnuplot is missing or fails
// (with gnuplot's own messages). The charts are drawn into a staging
// directory that replaces DIR/charts/ whole once every chart is drawn, then
// report.html is written; when *stop is set (SIGINT/SIGTERM) it stops at the
// next chart and throws Interrupted, leaving DIR as it was.
std::string write_report(const std::string& dir, const std::atomic<bool>* stop = nullptr);

}  // namespace entente::analysis
