// The naive forecasts `entente backtest` scores the model against
// (docs/calibration.md, "Baselines"). Each is built from one series'
// observations at or before an origin year and never reads a later one:
//   persistence: the last observation at or before the origin, held flat;
//   trend: the ordinary least-squares line through the last K observations
//     at or before the origin (K = --trend-window), extrapolated; with fewer
//     than two of them it is the persistence forecast;
//   random walk with drift: a normal forecast, last + h·drift with standard
//     deviation sd·√h at h years after the last observation, drift and sd the
//     mean and standard deviation of the per-year changes between consecutive
//     observations up to the origin: the interval yardstick for the model's
//     interval score and coverage.
#pragma once
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace entente::analysis {

struct Baselines {
  double last_year = 0, last_value = 0;  // the last observation at or before the origin
  double intercept = 0, slope = 0;       // trend(year) = intercept + slope * (year - last_year)
  std::size_t trend_points = 0;          // observations the trend was fitted to
  double drift = 0, step_sd = 0;         // random walk: per-year mean change and its sd
  std::size_t drift_points = 0;          // changes the drift and sd were estimated from

  double persistence(double /*year*/) const { return last_value; }
  double trend(double year) const { return intercept + slope * (year - last_year); }
  double walk_mean(double year) const { return last_value + drift * (year - last_year); }
  // 0 when fewer than two changes were observed (the walk is then a point forecast).
  double walk_sd(double year) const;
};

// `points` (year, value) in any order. nullopt when no observation lies at
// or before `origin`. Throws std::invalid_argument when window < 1.
std::optional<Baselines> make_baselines(std::vector<std::pair<double, double>> points, double origin, int window);

// The central interval of probability `level` of the random walk at `year`.
std::pair<double, double> walk_interval(const Baselines& b, double year, double level);

// CRPS of the random walk's normal forecast (its absolute error when its sd is 0).
double walk_crps(const Baselines& b, double year, double y);

}  // namespace entente::analysis
