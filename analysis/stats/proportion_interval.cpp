#include "analysis/stats/proportion_interval.hpp"

#include <algorithm>
#include <cmath>

namespace entente::analysis {

ProportionInterval wilson_interval(double k, double n) {
  if (!(n > 0) || !std::isfinite(k)) return {0, 1};
  constexpr double z = 1.959963984540054;  // two-sided 95%
  const double p = std::clamp(k / n, 0.0, 1.0);
  const double z2n = z * z / n;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
  // At p = 0 (1) the lower (upper) end is exactly 0 (1); rounding would leave a speck.
  return {p == 0 ? 0.0 : std::max(0.0, centre - half), p == 1 ? 1.0 : std::min(1.0, centre + half)};
}

}  // namespace entente::analysis
