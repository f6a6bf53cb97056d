// The report of an `entente calibrate --out DIR` directory: charts into
// DIR/charts/ (staged, replaced whole) and DIR/report.html, drawn from the
// result files (calibration_report_data.hpp). write_report() (report.hpp)
// dispatches here when the manifest's command is "calibrate".
#pragma once
#include <atomic>
#include <string>

namespace entente::analysis {

// Returns the path of report.html. Throws ReportInputError for bad files,
// std::runtime_error when gnuplot is missing or fails, Interrupted when
// *stop is set.
std::string write_calibration_report(const std::string& dir, const std::atomic<bool>* stop = nullptr);

}  // namespace entente::analysis
