// `entente backtest` as a library call: run the scenario's ensemble, read
// the model's distribution at every observed series and year from quantile
// sketches (memory independent of the run count), and score it against the
// observations and against two naive forecasts (docs/calibration.md,
// "Backtest scores"; formats in docs/outputs.md, "Backtest").
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/backtest/baselines.hpp"
#include "analysis/backtest/conditioning.hpp"
#include "analysis/backtest/observation_match.hpp"
#include "analysis/backtest/particle_filter.hpp"
#include "analysis/backtest/observations.hpp"
#include "analysis/backtest/scores.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

// Relative accuracy of the backtest's quantile sketches: finer than the
// run summary's 0.5%, because the CRPS of a narrow distribution is sensitive
// to the quantiles' error (docs/calibration.md).
inline constexpr double kBacktestSketchAccuracy = 0.001;
inline constexpr std::size_t kBacktestSketchBuckets = 8192;
inline constexpr int kPitBins = 10;
// --obs-error auto: the relative errors tried; the one whose in-sample 90%
// coverage (years up to the origin only) is nearest 0.9 is kept, the smaller
// on a tie (docs/calibration.md, "Observation error").
inline constexpr double kRelativeErrorGrid[] = {0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.40};

struct BacktestRequest {
  LoadRequest load;
  std::string observed;  // the CSV file
  std::string policy;
  std::uint64_t runs = 2000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::optional<int> until;  // the origin; default: the last observed year of a matched series
  // Condition the ensemble on the observations up to `until` with the
  // particle filter (--origin); else the open-loop ensemble (--until).
  bool condition = false;
  double ess_threshold = 0.5;
  double discount = 0.98;
  // Conditioned only: each matched series' prediction carries a persistent
  // AR(1) relative discrepancy (--discrepancy ar1, the default;
  // model_discrepancy.hpp and docs/calibration.md for why).
  bool discrepancy = true;
  double relative_error = kDefaultRelativeObservationError;
  // Conditioned only: choose relative_error from kRelativeErrorGrid by the
  // in-sample coverage instead (--obs-error auto).
  bool tune_error = false;
  // With tune_error (--obs-error per-series): then give each matched outcome
  // its own R, the root mean square of its in-sample one-step relative
  // residuals (y - median) / |median| under the chosen R, and rerun.
  bool per_series_error = false;
  // Relative error per outcome index, overriding relative_error (set by the
  // per-series pass).
  std::map<std::size_t, double> outcome_error;
  // Conditioned only: also run the open-loop ensemble (the filter's prior
  // particles, run keys (seed, 0, i), never reweighted) for the report's
  // fan charts of the forecast before and after conditioning. The tuning
  // passes of --obs-error auto turn it off and run it once at the end.
  bool open_loop_reference = true;
  int max_lead = 0;  // score out-of-sample years up to this many after the origin; 0: all
  int trend_window = 5;
  std::vector<std::string> map;  // SERIES=OUTCOME
  bool progress = false;
  const std::atomic<bool>* stop = nullptr;
};

// The model's quantiles at one year.
struct Bands {
  double year = 0, q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};

// One observation beside the model. In sample (year <= origin) the model is
// the predictive distribution before that year was assimilated (the open-loop
// ensemble without conditioning) and the baselines are built from the
// observations up to the year before; out of sample both come from the origin.
struct BacktestRow {
  double year = 0, observed = 0, sd = 0;  // sd: the observation error the filter used
  int lead = 0;                           // years after the origin; 0 in sample
  Bands model;
  bool in_50 = false, in_90 = false;
  double crps_model = 0, pit = 0.5, interval_score = 0;  // interval score of the 90% interval
  // Baselines; absent for an in-sample row with no earlier observation
  // (such a row is listed but not scored).
  std::optional<Baselines> baselines;
  double crps_persistence = 0, crps_trend = 0, crps_walk = 0, interval_score_walk = 0;
  bool walk_in_90 = false;
  bool in_sample = true;
  bool scored = true;  // false: no baseline, or beyond --max-lead
};

// Scores of one series (or of all), over its in-sample or out-of-sample rows.
struct SeriesScores {
  std::size_t n = 0;
  double coverage_50 = 0, coverage_90 = 0, coverage_90_walk = 0;
  double crps_model = 0, crps_persistence = 0, crps_trend = 0, crps_walk = 0;  // means
  double interval_score = 0, interval_score_walk = 0;                          // means
  double sharpness = 0;  // median over rows of (q95 - q05) / |median|
  // 1 - crps_model / crps_baseline; absent when the baseline's CRPS is 0.
  std::optional<double> skill_persistence, skill_trend, skill_walk;
  std::vector<std::size_t> pit_histogram = std::vector<std::size_t>(kPitBins, 0);
};

struct ForecastRow {
  Bands model;
  int lead = 0;
  double persistence = 0, trend = 0, walk_q05 = 0, walk_q50 = 0, walk_q95 = 0;
};

// Out-of-sample scores at one lead time (leads.csv).
struct LeadScores {
  std::string series;  // "(all)": pooled, CRPS columns divided by each series' scale
  int lead = 0;
  SeriesScores scores;
};

struct BacktestSeries {
  std::string series, outcome, label, outcome_unit, observed_unit;
  double scale = 1;  // mean |observation| in sample (1 when that is 0): the divisor of the overall row
  std::optional<Baselines> baselines;  // at the origin (forecast.csv)
  std::vector<BacktestRow> rows;       // one per matched observation, by year
  std::vector<Bands> bands;            // every year of the scenario
  // Conditioned: the open-loop ensemble's model values every year (no
  // observation error), the same runs before the filter weighted them.
  std::vector<Bands> open_loop;
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
  std::optional<SeriesScores> overall_out_of_sample;
  std::vector<LeadScores> leads;
  bool conditioned = false;
  double ess_threshold = 0.5, discount = 0.98, relative_error = kDefaultRelativeObservationError;
  bool discrepancy = false;
  int max_lead = 0;
  std::vector<FilterStep> filter;  // conditioned: one per step
  // --obs-error auto: (relative error, in-sample 90% coverage) per grid value.
  std::vector<std::pair<double, double>> error_grid;
  // --obs-error per-series: (series, relative error) as estimated in sample.
  std::vector<std::pair<std::string, double>> series_error;
  std::vector<std::string> notes;  // unmatched series, observations off the scenario's years
  bool interrupted = false;
};

// Scores over the scored rows that `keep` selects, each row's CRPS and
// interval score divided by its entry of `scales` (1: the series' own units).
// Shared by the backtest and the rolling-origin pooling (rolling_origins.hpp).
SeriesScores score_backtest_rows(const std::vector<const BacktestRow*>& rows,
                                 const std::function<bool(const BacktestRow&)>& keep,
                                 const std::vector<double>& scales);
// The score columns of scores.csv and leads.csv, and one row's fields.
extern const char* const kScoreColumns;
std::string score_csv_fields(const SeriesScores& s);

// Throws ScenarioError for bad input (scenario, observed file, --map,
// --until), RunError when a run fails.
BacktestResult execute_backtest(const BacktestRequest& request, const ModelRegistry& registry);

// backtest.csv, scores.csv, forecast.csv, leads.csv, filter.csv, backtest.json
// (rendered, not written).
std::string backtest_csv(const BacktestResult& result);
std::string scores_csv(const BacktestResult& result);
std::string forecast_csv(const BacktestResult& result);
std::string leads_csv(const BacktestResult& result);
std::string filter_csv(const BacktestResult& result);
std::string backtest_json(const BacktestResult& result);
// The filter's effective sample size per year, as the command prints it.
std::string filter_table(const BacktestResult& result);

// Writes the result files and manifest.json into `dir` atomically (the
// manifest last, with their SHA-256). The charts and report.html are drawn
// from these files afterwards (analysis/report/backtest_report.hpp), so a
// report that fails never takes the results with it.
void write_backtest_outputs(const BacktestResult& result, const std::string& dir);

// The aligned scores table printed by the command.
std::string backtest_table(const BacktestResult& result);

}  // namespace entente::analysis
