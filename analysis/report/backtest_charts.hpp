// Backtest charts (entente backtest, drawn into the report): for each
// observed series, the model's fan (median, 50% and 90% bands over every year
// of the scenario), in a conditioned backtest beside the open-loop fan of the
// same runs before the filter weighted them, with the observations as points
// (in sample filled, out of sample open) and a dashed vertical line at the
// origin; and the PIT histogram of the pooled in-sample and out-of-sample
// rows. Same look as the report's fan charts.
#pragma once
#include <vector>

#include "analysis/report/backtest_report_data.hpp"
#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

// One fan chart per series (stem "backtest_<series>"), then the PIT
// histogram (stem "backtest_pit", outcome "").
std::vector<ChartJob> backtest_chart_jobs(const BacktestReportData& data);

}  // namespace entente::analysis::report
