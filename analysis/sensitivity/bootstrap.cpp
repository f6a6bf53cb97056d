#include "analysis/sensitivity/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace entente::analysis {

double percentile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(pos));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double frac = pos - static_cast<double>(below);
  return sorted[below] + frac * (sorted[above] - sorted[below]);
}

void percentile_interval(std::vector<double> replicates, double confidence, Estimate& into) {
  const std::size_t total = replicates.size();
  std::erase_if(replicates, [](double v) { return !std::isfinite(v); });
  if (total == 0 || 2 * replicates.size() < total) {
    into.lo = into.hi = kNaN;
    return;
  }
  std::sort(replicates.begin(), replicates.end());
  const double tail = (1 - confidence) / 2;
  into.lo = percentile_sorted(replicates, tail);
  into.hi = percentile_sorted(replicates, 1 - tail);
}

BootstrapSampler::BootstrapSampler(std::uint64_t seed, std::string_view what)
    : stream_(StreamKey{seed, 0, 0, StreamPurpose::kDesign, stream_id(std::string("bootstrap:") + std::string(what))}) {
}

std::size_t BootstrapSampler::index(std::size_t n) {
  const auto i = static_cast<std::size_t>(stream_.uniform() * static_cast<double>(n));
  return std::min(i, n - 1);
}

void BootstrapSampler::draw(std::size_t n, std::vector<std::size_t>& indices) {
  indices.resize(n);
  for (auto& i : indices) i = index(n);
}

}  // namespace entente::analysis
