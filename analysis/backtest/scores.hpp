// Forecast scores of `entente backtest` (docs/calibration.md, "Backtest
// scores"): the continuous ranked probability score from a quantile function
// or from a sample, interval coverage and the interval score (the baselines are in
// baselines.hpp).
//
// CRPS from quantiles. CRPS(F, y) = 2 ∫₀¹ (1{y < q_τ} − τ)(q_τ − y) dτ, the
// integral of the pinball loss over every quantile level. It is evaluated by
// the midpoint rule on M equal cells, at the levels τ_i = (i − ½)/M,
// i = 1..M (kCrpsLevels = 200):
//
//     CRPS ≈ (2/M) Σ_i (1{y < q_τi} − τ_i)(q_τi − y).
//
// For an ensemble of n runs whose quantile function is the empirical one
// (Q(τ) = x_(⌈nτ⌉)), the integrand is linear in τ between the jumps at
// k/n, so the rule is exact when M is a multiple of n and its error is at
// most (1/M) × (range of the sample) in general, and far smaller in practice
// (the cells that straddle a jump err in both directions). For a smooth
// distribution the error is O(M⁻²) away from the tails; for a normal it is
// below 2·10⁻⁴ σ at M = 200 (tests/analysis/test_backtest_scores.cpp).
#pragma once
#include <cstddef>
#include <vector>

#include "analysis/stats/quantile_sketch.hpp"

namespace entente::analysis {

inline constexpr int kCrpsLevels = 200;

// The midpoint levels (i − ½)/m, i = 1..m.
std::vector<double> crps_levels(int m = kCrpsLevels);

// CRPS of the distribution whose quantiles at crps_levels(q.size()) are q
// (non-decreasing), for the observation y.
double crps_from_quantiles(const std::vector<double>& q, double y);

// The exact CRPS of the empirical distribution of `sample` (any order):
// E|X − y| − ½ E|X − X'|, in O(n log n).
double crps_sample(std::vector<double> sample, double y);

// Closed form for a normal N(mu, sigma²) (Gneiting & Raftery 2007):
// σ [ z (2Φ(z) − 1) + 2φ(z) − 1/√π ], z = (y − mu)/σ.
double crps_normal(double mu, double sigma, double y);

// The quantiles of a sketch at `levels`, read with the empirical quantile
// function Q(τ) = x_(⌈nτ⌉) (1-based rank) rather than the sketch's own
// lower-rank convention, so that a sketch holding the sample exactly gives
// the sample's exact CRPS. Each value is within the sketch's relative
// accuracy of the sample quantile. Throws std::domain_error when empty.
std::vector<double> sketch_quantiles(const QuantileSketch& sketch, const std::vector<double>& levels);

// The empirical quantile x_(⌈nτ⌉) of a sorted sample (τ = 0 gives the minimum).
double empirical_quantile(const std::vector<double>& sorted, double tau);

// y in the closed interval [lo, hi].
inline bool covered(double lo, double hi, double y) { return lo <= y && y <= hi; }

// The interval score of the central (1 − alpha) interval [lo, hi] for y
// (Gneiting & Raftery 2007): its width plus 2/alpha times the distance by
// which y falls outside it.
double interval_score(double lo, double hi, double y, double alpha);


}  // namespace entente::analysis
