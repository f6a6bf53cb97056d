// `entente calibrate` as a library call: rejection approximate Bayesian
// computation (ABC) of a scenario's uncertainties against observed history
// (docs/calibration.md, "Calibration (ABC)").
//
//   1. Prior sample: a Latin hypercube of `samples` points over the chosen
//      uncertainties, each column mapped through the uncertainty's own
//      distribution (analysis/design, make_lhs), so the points are a
//      stratified sample of the prior.
//   2. Each point runs `runs_per_point` replicates with the point's values
//      fixed (PointOverrides, as a sweep does); replicate r uses run key
//      (seed, 0, r) at every point, so all points face the same shocks and
//      the same draws of the other uncertainties (common random numbers).
//   3. Distance of a point: for each matched series, the mean over its
//      observations up to `until` of the CRPS of the replicates' empirical
//      distribution (exact), divided by the series' mean absolute
//      observation; then the mean over series. Series in different units
//      weigh alike, and a distance of 0.05 reads as "typically 5% off".
//   4. Keep the ceil(accept x samples) points of smallest distance (ties by
//      point index): the posterior sample.
#pragma once
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/backtest/observation_match.hpp"
#include "analysis/backtest/observations.hpp"
#include "analysis/design/design.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

struct CalibrateRequest {
  LoadRequest load;
  std::string observed;
  int until = 0;  // the last year the distance uses
  std::size_t samples = 256;
  std::uint64_t runs_per_point = 32;
  double accept = 0.1;
  std::vector<std::string> params;  // uncertainty ids; empty: every uncertainty that varies
  std::vector<std::string> map;     // SERIES=OUTCOME
  std::string policy;
  std::uint64_t seed = 1;
  int threads = 0;
  bool progress = false;
  const std::atomic<bool>* stop = nullptr;
};

struct CalibrationParameter {
  std::string name;
  Distribution prior;
  std::size_t slot = 0;
  double prior_q05 = 0, prior_q50 = 0, prior_q95 = 0;
  double post_q05 = 0, post_q50 = 0, post_q95 = 0, post_min = 0, post_max = 0, post_mean = 0;
  std::string suggestion;  // a YAML flow map for the uncertainty
};

struct CalibrationSeries {
  std::string series, outcome;
  std::size_t observations = 0;  // up to `until`
  double scale = 1;              // mean |observation| (1 when that is 0)
};

struct CalibrateResult {
  LoadedScenario loaded;
  std::unique_ptr<CompiledScenario> compiled;
  ObservedData observed;
  RunSettings settings;
  int until = 0;
  double accept = 0;
  std::uint64_t runs_per_point = 0;
  std::vector<CalibrationParameter> params;
  std::vector<CalibrationSeries> series;
  Design design;                       // design.x[point][param]
  std::vector<double> distance;        // per point
  std::vector<std::size_t> accepted;   // point indices, by distance
  std::vector<std::string> notes;
  bool interrupted = false;
};

// Throws ScenarioError for bad input, RunError when a run fails.
CalibrateResult execute_calibrate(const CalibrateRequest& request, const ModelRegistry& registry);

// Quantile of a sample with linear interpolation between order statistics
// (type 7 of Hyndman & Fan: h = (n-1) p).
double interpolated_quantile(std::vector<double> sample, double p);

// The suggested distribution of a posterior sample: triangular over its
// [min, max] with the mode that gives the sample's mean ((min+mode+max)/3),
// clamped to [min, max]; a fixed value when min == max.
std::string suggest_distribution(const std::vector<double>& sample);

std::string posterior_csv(const CalibrateResult& result);
std::string points_csv(const CalibrateResult& result);
std::string calibration_csv(const CalibrateResult& result);
// posterior.csv, points.csv, calibration.csv and manifest.json into `dir`.
void write_calibration_outputs(const CalibrateResult& result, const std::string& dir);
std::string calibration_table(const CalibrateResult& result);

}  // namespace entente::analysis
