// Bootstrap helpers shared by the sensitivity estimators: an estimate with
// its interval, percentile intervals, and resampling with replacement from a
// seeded design stream (StreamPurpose::kDesign), so that intervals are the
// same for the same seed on any machine.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "sim/rng/stream.hpp"

namespace entente::analysis {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A point estimate and its bootstrap interval (NaN bounds when not computed).
struct Estimate {
  double value = kNaN;
  double lo = kNaN;
  double hi = kNaN;
};

// The q-quantile (0 <= q <= 1) of ascending `sorted` values by linear
// interpolation between order statistics (numpy's default, Hyndman & Fan
// type 7). NaN when empty.
double percentile_sorted(const std::vector<double>& sorted, double q);

// The central `confidence` percentile interval of bootstrap replicates.
// Non-finite replicates (a resample with zero variance) are dropped; when
// fewer than half are finite the interval is NaN.
void percentile_interval(std::vector<double> replicates, double confidence, Estimate& into);

// Draws bootstrap resamples: n indices in [0, n) with replacement.
class BootstrapSampler {
 public:
  // `what` names the analysis ("sobol", "morris") in the stream key, so two
  // analyses with the same seed do not share numbers.
  BootstrapSampler(std::uint64_t seed, std::string_view what);
  void draw(std::size_t n, std::vector<std::size_t>& indices);
  std::size_t index(std::size_t n);

 private:
  Stream stream_;
};

}  // namespace entente::analysis
