#include "analysis/stats/running_stats.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace entente::analysis {

void RunningStats::throw_non_finite(double x) {
  throw std::invalid_argument("RunningStats::add: non-finite value " + std::to_string(x));
}

void RunningStats::merge(const RunningStats& other) noexcept {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  // Chan et al.: combine (n, mean, M2) of two disjoint samples.
  const double n_a = static_cast<double>(count_);
  const double n_b = static_cast<double>(other.count_);
  const double n = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (n_b / n);
  m2_ += other.m2_ + delta * delta * (n_a * n_b / n);
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

}  // namespace entente::analysis
