// The combined report of a rolling-origin backtest (`entente backtest
// --origins`, analysis/backtest/rolling_origins.hpp): DIR/report.html, from
// DIR/rolling.json and DIR/manifest.json only. Its answer comes first: how
// the conditioned forecast's coverage and its skill against the three
// baselines change with the lead time, pooled over origins and series (a
// chart and one sentence per lead), then the same by series, then a link to
// each origin's own report. The chart is drawn here as inline SVG (no
// gnuplot): a handful of points per line.
#pragma once
#include <string>

namespace entente::analysis::report {

// Throws ReportInputError (json_fields.hpp) for a file that is missing or
// not of the expected format.
std::string render_rolling_report_html(const std::string& dir);

}  // namespace entente::analysis::report
