// report.html of a backtest: the verdict against the baselines first (the
// score table by series and sample, the pooled scores by lead time), then
// the fan charts of every series, the PIT histogram, the filter's record and
// the manifest. One self-contained document like the run and compare reports
// (inline CSS and SVG, no scripts, no remote resources); every string from
// the files is escaped.
#pragma once
#include <string>
#include <vector>

#include "analysis/report/backtest_report_data.hpp"
#include "analysis/report/report_html.hpp"

namespace entente::analysis::report {

std::string render_backtest_report_html(const BacktestReportData& data, const std::vector<RenderedChart>& charts);

}  // namespace entente::analysis::report
