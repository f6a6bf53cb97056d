// A persistent model discrepancy for the particle filter: each particle
// carries, per observed series, a relative bias b that follows an AR(1)
// process, and what the particle predicts will be observed is x · exp(b),
// x the model's value (docs/calibration.md, "A persistent model discrepancy").
//
// Why: the model's misses are level errors that last (China's GDP 17% above
// the record for years, then still above it out of sample). An observation
// error independent from year to year cannot carry such a miss forward, so
// the filter either keeps wide intervals everywhere or misses; a discrepancy
// that persists learns the level error in sample and carries it, decaying,
// into the forecast (Kennedy & O'Hagan's model discrepancy, in the
// state-augmentation form used by data assimilation for biased models).
//
//     b_0 ~ Normal(0, σ²),   b_t = φ b_{t−1} + σ √(1 − φ²) ε_t,
//
// stationary with sd σ. φ and σ are drawn per particle and series from the
// ranges below (assumptions argued in docs/calibration.md), travel with
// their particle on resampling and are jittered by the same Liu–West kernel
// as the scenario's parameters, so the filter learns them from the record.
//
// Deterministic: every draw comes from its own kFilter stream keyed by the
// step, the particle's slot and the series, on the calling thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/rng/stream.hpp"

namespace entente::analysis {

struct DiscrepancyPrior {
  // assumption: year-to-year persistence of the model's relative error,
  // U(0.5, 0.95): half-lives of one to 13 years (docs/calibration.md).
  double phi_min = 0.5, phi_max = 0.95;
  // assumption: the stationary sd of the relative error, U(0.01, 0.30): from
  // a GDP level the model tracks to 1% to a bilateral flow it misses by a
  // third (docs/calibration.md).
  double sd_min = 0.01, sd_max = 0.30;
};

class ModelDiscrepancy {
 public:
  // One bias per particle for each of `series` (outcome ids, which key the
  // streams).
  ModelDiscrepancy(std::vector<std::string> series, std::size_t particles, std::uint64_t seed,
                   DiscrepancyPrior prior);

  std::size_t series_count() const { return ids_.size(); }
  // Step 0: draw φ, σ and b_0; later steps: move every b one step on.
  void advance(std::size_t step);
  // exp(b) of particle i for series k.
  double factor(std::size_t i, std::size_t k) const;
  // After resampling: particle j takes the state of pick[j].
  void resample(const std::vector<std::size_t>& pick);
  // Liu–West kernel on φ and σ with shrinkage a, clamped to the prior's ranges.
  void jitter(double shrinkage, std::size_t step);

 private:
  std::size_t at(std::size_t i, std::size_t k) const { return i * ids_.size() + k; }
  Stream stream(const char* what, std::size_t step, std::size_t i, std::size_t k) const;

  std::vector<std::string> ids_;
  std::vector<std::uint64_t> stream_ids_;
  std::size_t n_;
  std::uint64_t seed_;
  DiscrepancyPrior prior_;
  std::vector<double> bias_, phi_, sd_;
};

}  // namespace entente::analysis
