// Conditioning an ensemble on observed history: a sequential importance
// resampling (SIR) particle filter over the years of a scenario
// (docs/calibration.md, "Conditioning on history").
//
// N particles are N runs of the scenario (run keys (seed, 0, i)), advanced
// together one step at a time. At each step up to the origin, each
// particle's weight is multiplied by the likelihood of that year's
// observations, y ~ Normal(model value, sd), independently over series. When
// the effective sample size 1/Σw² falls below threshold × N, and always at
// the origin (so the forecast ensemble has equal weights), the particles are
// resampled systematically; each copy then gets its own random streams for
// the years ahead (reseed_run with run key (seed, 0, (s + 1)·N + j)) and its
// uncertain parameters are moved by the Liu–West shrinkage kernel
//     θ' = a θ + (1 − a) θ̄ + √(1 − a²) · sd(θ) · ε,   a = (3δ − 1) / (2δ),
// which keeps the parameters' mean and variance while duplicates spread
// (without it, the parameter sample collapses onto a few values). Jittered
// values are clamped into the parameter's support.
//
// Deterministic for a seed at any thread count: particles advance in
// parallel but every weight, resampling and jitter is computed on the
// calling thread in particle order, from streams with purpose kFilter.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/backtest/model_discrepancy.hpp"
#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente::analysis {

// One observation the filter assimilates.
struct FilterObservation {
  std::size_t outcome = 0;  // index into CompiledScenario::outcomes
  std::size_t step = 0;
  double value = 0, sd = 1;  // sd > 0
};

struct FilterOptions {
  std::uint64_t seed = 1;
  std::uint64_t particles = 2000;
  int threads = 0;
  std::size_t origin_step = 0;  // the last step whose observations are assimilated
  double ess_threshold = 0.5;   // resample when ESS < threshold × particles
  double discount = 0.98;       // δ of the Liu–West kernel, in (0, 1]; 1: no jitter
  // Stop at the origin (entente run --condition-on: the ensemble carries the
  // particles on); values and weights then end at the origin.
  bool stop_at_origin = false;
  // Outcomes (indices) whose predicted observation carries a persistent
  // AR(1) discrepancy (model_discrepancy.hpp); their `values` are then
  // x · exp(b), what the particle predicts will be observed. Empty: none.
  // Not with stop_at_origin: the discrepancy is not part of a run's state.
  std::vector<std::size_t> discrepancy_outcomes;
  DiscrepancyPrior discrepancy_prior;
  const std::atomic<bool>* stop = nullptr;
};

// What happened at one step of the filter (filter.csv).
struct FilterStep {
  double year = 0;
  std::size_t observations = 0;  // assimilated at this step
  double ess = 0;                // after weighting by this step's observations
  bool resampled = false;
};

struct FilterResult {
  std::uint64_t particles = 0;
  std::size_t n_outcomes = 0, n_steps = 0;  // steps 0..n_steps
  // The predictive distribution at every step: the particles' outcome values
  // values[(step * n_outcomes + o) * particles + i] with the normalised
  // weights weights[step * particles + i] they carried before that step's
  // observations were assimilated. After the origin all weights are equal.
  std::vector<double> values, weights;
  std::vector<FilterStep> steps;  // 0..n_steps
  // The particles at the origin, resampled and jittered: the conditioned
  // ensemble a forecast starts from.
  std::vector<RunState> origin_states;
  // Each of them's path up to the origin, outcome values by step
  // ((origin + 1) × n_outcomes): the trace rows a run from it starts with.
  std::vector<std::vector<double>> origin_paths;
  bool interrupted = false;

  const double* values_at(std::size_t step, std::size_t o) const {
    return values.data() + (step * n_outcomes + o) * particles;
  }
  const double* weights_at(std::size_t step) const { return weights.data() + step * particles; }
};

// Throws RunError when a run fails, std::invalid_argument for bad options.
FilterResult run_particle_filter(const CompiledScenario& scenario, const std::vector<FilterObservation>& observations,
                                 const FilterOptions& options);

// The Liu–West shrinkage a of a discount δ: (3δ − 1) / (2δ).
double liu_west_shrinkage(double discount);

}  // namespace entente::analysis
