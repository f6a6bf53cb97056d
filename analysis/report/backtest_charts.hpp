// Backtest charts (entente backtest): for each observed series, the model's
// fan (median, 50% and 90% bands over every year of the scenario) with the
// observations as points over it and a dashed vertical line at the end of
// the in-sample period. Same look as the report's fan charts.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analysis/report/charts.hpp"

namespace entente::analysis::report {

struct BacktestChartSeries {
  std::string series, label, unit;
  std::vector<double> years, q05, q25, q50, q75, q95;  // the model, every year
  std::vector<std::pair<double, double>> observed;      // (year, value)
};

// One job per series, stem "backtest_<series>".
std::vector<ChartJob> backtest_chart_jobs(const std::vector<BacktestChartSeries>& series, double until,
                                          std::uint64_t runs);

}  // namespace entente::analysis::report
