// `entente backtest` as a library call: run the scenario's ensemble, read
// the model's distribution at every observed series and year from quantile
// sketches (memory independent of the run count), and score it against the
// observations and against two naive forecasts (docs/calibration.md,
// "Backtest scores"; formats in docs/outputs.md, "Backtest").
#pragma once
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/backtest/observation_match.hpp"
#include "analysis/backtest/observations.hpp"
#include "analysis/backtest/scores.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::analysis {

// Relative accuracy of the backtest's quantile sketches: finer than the
// run summary's 0.5%, because the CRPS of a narrow distribution is sensitive
// to the quantiles' error (docs/calibration.md).
inline constexpr double kBacktestSketchAccuracy = 0.001;
inline constexpr std::size_t kBacktestSketchBuckets = 8192;
inline constexpr int kBacktestFormatVersion = 1;

struct BacktestRequest {
  LoadRequest load;
  std::string observed;  // the CSV file
  std::string policy;
  std::uint64_t runs = 2000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::optional<int> until;  // default: the last observed year of a matched series
  int trend_window = 5;
  std::vector<std::string> map;  // SERIES=OUTCOME
  bool progress = false;
  const std::atomic<bool>* stop = nullptr;
};

// The model's quantiles at one year.
struct Bands {
  double year = 0, q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};

struct BacktestRow {
  double year = 0, observed = 0;
  Bands model;
  bool in_50 = false, in_90 = false;
  double crps_model = 0, crps_persistence = 0, crps_trend = 0;
  bool in_sample = true;
};

// Scores of one series (or of all), over its in-sample or out-of-sample rows.
struct SeriesScores {
  std::size_t n = 0;
  double coverage_50 = 0, coverage_90 = 0;
  double crps_model = 0, crps_persistence = 0, crps_trend = 0;  // means
  // 1 - crps_model / crps_naive; absent when the naive CRPS is 0.
  std::optional<double> skill_persistence, skill_trend;
};

struct ForecastRow {
  Bands model;
  double persistence = 0, trend = 0;
};

struct BacktestSeries {
  std::string series, outcome, label, outcome_unit, observed_unit;
  double scale = 1;  // mean |observation| in sample (1 when that is 0): the divisor of the overall row
  NaiveForecasts naive;
  std::vector<BacktestRow> rows;       // one per matched observation, by year
  std::vector<Bands> bands;            // every year of the scenario
  std::vector<ForecastRow> forecast;   // every year after `until`
  SeriesScores in_sample;
  std::optional<SeriesScores> out_of_sample;  // when some observation lies after `until`
};

struct BacktestResult {
  LoadedScenario loaded;
  std::unique_ptr<CompiledScenario> compiled;
  ObservedData observed;
  RunSettings settings;
  int until = 0;
  int trend_window = 5;
  std::vector<std::pair<std::string, std::string>> map;
  std::vector<BacktestSeries> series;
  // Pooled coverage; CRPS columns are means over series of CRPS / scale (unitless).
  SeriesScores overall;
  std::vector<std::string> notes;  // unmatched series, observations off the scenario's years
  bool interrupted = false;
};

// Throws ScenarioError for bad input (scenario, observed file, --map,
// --until), RunError when a run fails.
BacktestResult execute_backtest(const BacktestRequest& request, const ModelRegistry& registry);

// backtest.csv, scores.csv, forecast.csv, backtest.json (rendered, not written).
std::string backtest_csv(const BacktestResult& result);
std::string scores_csv(const BacktestResult& result);
std::string forecast_csv(const BacktestResult& result);
std::string backtest_json(const BacktestResult& result);

// Writes the four files and manifest.json into `dir` atomically (the
// manifest last, with their SHA-256), then, unless `charts` is false, draws
// charts/backtest_<series>.png (and .svg) with gnuplot.
void write_backtest_outputs(const BacktestResult& result, const std::string& dir, bool charts);

// The aligned scores table printed by the command.
std::string backtest_table(const BacktestResult& result);

}  // namespace entente::analysis
