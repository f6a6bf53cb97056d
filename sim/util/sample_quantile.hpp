// The quantile of a stored sample, linear between order statistics (type 7
// of Hyndman & Fan 1996: h = (n - 1) q, the default of R and NumPy): the
// one rule where a whole sample is at hand (calibration posteriors, play
// ensembles and reports). Summaries of ensembles too large to keep use the
// sketch's own quantile (analysis/stats/quantile_sketch.hpp); the two other
// rules left are named in docs/outputs.md ("Quantiles").
#pragma once
#include <vector>

namespace entente {

// `sorted` ascending; 0 for an empty sample.
double sample_quantile_sorted(const std::vector<double>& sorted, double q);
// Sorts a copy first.
double sample_quantile(std::vector<double> sample, double q);

}  // namespace entente
