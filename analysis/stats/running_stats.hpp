#pragma once

// Streaming mean / variance / extremes for one Monte Carlo outcome.
//
// Welford's update keeps the variance accurate when the mean is large
// compared to the spread (the textbook sum-of-squares formula cancels
// catastrophically there), and merge() uses Chan, Golub & LeVeque's pairwise
// formula so per-thread accumulators can be combined. Floating-point addition
// is not associative, so a merged result is deterministic for a fixed merge
// order, and agrees with sequential accumulation only to rounding error.
//
// Quantities that are undefined for the current count return NaN rather than
// throwing, so a report for a one-run ensemble still renders: mean/min/max
// need n >= 1, variance/sd/standard_error need n >= 2.

#include <cmath>
#include <cstdint>
#include <limits>

namespace entente::analysis {

class RunningStats {
 public:
  // Throws std::invalid_argument on NaN or infinity (the state is unchanged).
  void add(double x);
  void merge(const RunningStats& other) noexcept;

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] double mean() const noexcept { return count_ == 0 ? kNaN : mean_; }
  // Sample variance (divides by n - 1).
  [[nodiscard]] double variance() const noexcept {
    return count_ < 2 ? kNaN : m2_ / static_cast<double>(count_ - 1);
  }
  [[nodiscard]] double sd() const noexcept { return std::sqrt(variance()); }
  // Standard error of the mean: sd / sqrt(n).
  [[nodiscard]] double standard_error() const noexcept {
    return sd() / std::sqrt(static_cast<double>(count_));
  }
  [[nodiscard]] double min() const noexcept { return count_ == 0 ? kNaN : min_; }
  [[nodiscard]] double max() const noexcept { return count_ == 0 ? kNaN : max_; }

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  [[noreturn]] static void throw_non_finite(double x);

  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the running mean
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// Inline: called on the engine's hot path and the library is built without LTO.
inline void RunningStats::add(double x) {
  if (!std::isfinite(x)) [[unlikely]] {
    throw_non_finite(x);
  }
  ++count_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(count_);
  m2_ += delta * (x - mean_);
  if (x < min_) min_ = x;
  if (x > max_) max_ = x;
}

}  // namespace entente::analysis
