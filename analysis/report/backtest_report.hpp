// The report of an `entente backtest --out DIR` directory: charts into
// DIR/charts/ (staged, replaced whole) and DIR/report.html, drawn from the
// result files (backtest_report_data.hpp). write_report() (report.hpp)
// dispatches here when the manifest's command is "backtest"; a rolling-origin
// directory (rolling.json) gets each origin's report in DIR/origin_YEAR/ and
// the combined one in DIR/report.html (rolling_report_html.hpp).
#pragma once
#include <atomic>
#include <string>

namespace entente::analysis {

// Returns the path of report.html (for a rolling-origin directory, the
// combined one). Throws ReportInputError for bad files, std::runtime_error
// when gnuplot is missing or fails, Interrupted when *stop is set.
std::string write_backtest_report(const std::string& dir, const std::atomic<bool>* stop = nullptr);

}  // namespace entente::analysis
