// A weighted ensemble (the particle filter's predictive distribution at one
// year, docs/calibration.md): its quantiles, its exact CRPS and its PIT.
// With equal weights these are the empirical distribution's own.
#pragma once
#include <cstddef>
#include <vector>

namespace entente::analysis {

class WeightedEnsemble {
 public:
  // `values` and `weights` (non-negative, not all 0) of the same length.
  WeightedEnsemble(const double* values, const double* weights, std::size_t n);

  // The smallest value whose cumulative weight reaches tau (tau in [0, 1]).
  double quantile(double tau) const;
  // Exact CRPS: E|X − y| − ½ E|X − X'| under the weights.
  double crps(double y) const;
  // Probability integral transform P(X < y) + ½ P(X = y).
  double pit(double y) const;

 private:
  std::vector<double> x_, w_, cum_;  // sorted values, their normalised weights, cumulative weights
};

}  // namespace entente::analysis
