#include "sim/util/sample_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace entente {

double sample_quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double sample_quantile(std::vector<double> sample, double q) {
  std::sort(sample.begin(), sample.end());
  return sample_quantile_sorted(sample, q);
}

}  // namespace entente
