// What the backtest report shows, read back from an `entente backtest --out`
// directory (manifest.json + backtest.json, docs/outputs.md): the report is
// drawn from the files, never from the computation, so it can be redrawn
// later (`entente report DIR`) and a failure to draw it loses no result.
// Loading checks every field the report uses (ReportInputError otherwise).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/report/json_fields.hpp"

namespace entente::analysis::report {

// The model's quantiles at one year (backtest.json "bands").
struct BacktestBand {
  double year = 0, q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};

// One row of scores (backtest.json "scores", "overall", "leads"[i]).
struct BacktestScoreLine {
  std::uint64_t n = 0;
  double coverage_50 = 0, coverage_90 = 0, coverage_90_walk = 0;
  double crps_model = 0, crps_persistence = 0, crps_trend = 0, crps_walk = 0;
  double sharpness = 0;  // median 90% width / |median|
  std::vector<double> pit_histogram;  // counts per bin
};

struct BacktestObservation {
  double year = 0, value = 0;
  bool in_sample = true, scored = true;
};

struct BacktestReportSeries {
  std::string series, outcome, label, outcome_unit, observed_unit;
  std::vector<BacktestBand> bands;      // every year: the conditioned (or open-loop) model
  std::vector<BacktestBand> open_loop;  // conditioned only: the same runs before the filter
  std::vector<BacktestObservation> observations;
  BacktestScoreLine in_sample;
  std::optional<BacktestScoreLine> out_of_sample;
};

struct BacktestLeadLine {
  std::string series;  // "(all)": pooled
  int lead = 0;
  BacktestScoreLine scores;
};

struct BacktestFilterLine {
  double year = 0, ess = 0;
  std::uint64_t observations = 0;
  bool resampled = false;
};

struct BacktestReportData {
  std::string dir;
  Json manifest;
  std::string scenario_name, scenario_hash, observed_file, policy;
  std::uint64_t runs = 0, seed = 0;
  int origin = 0, max_lead = 0, trend_window = 0;
  bool conditioned = false;
  double relative_error = 0;
  std::vector<std::pair<double, double>> error_grid;            // --obs-error auto: (R, in-sample 90% coverage)
  std::vector<std::pair<std::string, double>> series_error;     // --obs-error per-series
  std::vector<std::string> notes;
  BacktestScoreLine overall;
  std::optional<BacktestScoreLine> overall_out_of_sample;
  std::vector<BacktestLeadLine> leads;
  std::vector<BacktestFilterLine> filter;
  std::vector<BacktestReportSeries> series;
};

// Reads DIR/manifest.json (command "backtest") and DIR/backtest.json.
// Throws ReportInputError naming the file and field.
BacktestReportData load_backtest_report_data(const std::string& dir);

}  // namespace entente::analysis::report
