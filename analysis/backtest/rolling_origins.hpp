// `entente backtest --origins Y1,Y2,...`: the conditioned backtest rerun from
// each origin, its out-of-sample rows pooled by lead time (1, 2, 3 years
// ahead), per series and over all series (docs/calibration.md, "Rolling
// origins"). One forecast from one origin is a handful of correlated rows;
// several origins give each lead time enough rows to read its coverage and
// skill, and show how fast the conditioned forecast loses its edge.
#pragma once
#include <string>
#include <vector>

#include "analysis/backtest/backtest_workflow.hpp"

namespace entente::analysis {

// By default the pooled table reports leads 1 to 3: a lead scored from only
// the earliest origins says little about the others.
inline constexpr int kRollingDefaultMaxLead = 3;

struct RollingLead {
  std::string series;  // "(all)": pooled, CRPS columns divided by each origin's series scale
  int lead = 0;
  std::size_t origins = 0;  // origins that contributed a scored row
  SeriesScores scores;
};

struct RollingResult {
  std::vector<int> origins;
  int max_lead = kRollingDefaultMaxLead;
  std::vector<BacktestResult> runs;  // one per origin, in the order given
  std::vector<RollingLead> leads;    // by lead, then series ("(all)" last)
  bool interrupted = false;
};

// Runs execute_backtest conditioned at every origin (request.until and
// request.condition are set per origin; request.max_lead 0 becomes
// kRollingDefaultMaxLead). Origins must be distinct and increasing, at least
// two: a located error (exit 2) otherwise.
RollingResult execute_rolling_backtest(const BacktestRequest& request, const std::vector<int>& origins,
                                       const ModelRegistry& registry);

// --origins as given on the command line: "2010,2014,2018".
std::vector<int> parse_origins(const std::string& text);

// rolling.csv: origin ("all" for the pooled rows, else one origin's own
// leads), series, lead, origins, then the score columns of leads.csv.
std::string rolling_csv(const RollingResult& result);
std::string rolling_json(const RollingResult& result);
// The aligned table printed by the command.
std::string rolling_table(const RollingResult& result);

// rolling.csv, rolling.json and manifest.json in `dir`, and each origin's
// full backtest result set in dir/origin_YEAR/ (its report is drawn
// afterwards from those files, analysis/report/backtest_report.hpp).
void write_rolling_outputs(const RollingResult& result, const std::string& dir);

}  // namespace entente::analysis
