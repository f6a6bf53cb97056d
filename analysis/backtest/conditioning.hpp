// Conditioning an ensemble on observed history for the commands that then
// run it on (entente run --condition-on): match the observed series to the
// scenario's outcomes, run the particle filter up to the origin and hand
// back the particles, their paths and the filter's record
// (docs/calibration.md, "Conditioning on history").
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/backtest/particle_filter.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente::analysis {

// assumption: the relative error of an observation with no stated sd (its
// sd is this times |value|) where it is not chosen by --obs-error auto:
// 0.20, what auto chooses for the backcast at origin 2018 (docs/calibration.md,
// "Observation error": most of it is the model's own error).
inline constexpr double kDefaultRelativeObservationError = 0.20;

struct ConditionRequest {
  std::string observed;      // the observed-history CSV
  std::optional<int> origin;  // default: the last observed year of a matched series
  std::vector<std::string> map;  // SERIES=OUTCOME
  double relative_error = kDefaultRelativeObservationError;
  double ess_threshold = 0.5;
  double discount = 0.98;
};

struct ConditionedEnsemble {
  std::string observed_file, observed_sha256;
  int origin = 0;
  std::size_t observations = 0;  // assimilated
  std::vector<RunState> states;              // the particles at the origin
  std::vector<std::vector<double>> paths;    // their trace rows up to it
  std::vector<FilterStep> steps;             // up to the origin
  std::vector<std::string> notes;            // unmatched series, observations off the scenario's years
  bool interrupted = false;
};

// Throws ScenarioError for a bad file, --map or --origin; RunError when a run fails.
ConditionedEnsemble condition_ensemble(const CompiledScenario& scenario, const ConditionRequest& request,
                                       std::uint64_t seed, std::uint64_t particles, int threads,
                                       const std::atomic<bool>* stop);

// filter.csv: year,observations,ess,resampled per step.
std::string filter_steps_csv(const std::vector<FilterStep>& steps);

// "effective sample size per year: 2000 1951.1, 2001 1846.5*, ..." (* resampled).
std::string ess_line(const std::vector<FilterStep>& steps);

}  // namespace entente::analysis
