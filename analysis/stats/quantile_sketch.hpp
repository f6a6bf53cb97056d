#pragma once

// DDSketch (Masson, Rim & Lee, "DDSketch: A Fast and Fully-Mergeable Quantile
// Sketch with Relative-Error Guarantees", VLDB 2019) specialised for the
// Monte Carlo engine: one sketch per (outcome, step), fed on the hot path and
// merged across worker threads.
//
// Accuracy guarantee. Let x_(r) be the item of 0-based rank r in the sorted
// input and r = floor(q * (n - 1)) (the paper's rank definition, i.e. the
// lower quantile; no interpolation). Provided no collapse has happened in the
// store that holds x_(r) and |x_(r)| >= min_indexable (see below):
//
//     |quantile(q) - x_(r)| <= alpha * |x_(r)|
//
// up to floating-point rounding of a few ulps in the bucket-index and
// bucket-value computations. Answers are clamped to the exact [min, max], and
// whenever r is 0 or n - 1 the exact min / max is returned.
//
// Values with |x| < min_indexable (zero, and subnormals, since min_indexable is
// DBL_MIN * gamma) are counted in a separate zero bucket and reported as 0, so
// for those the error is absolute and below min_indexable. Positive and
// negative values live in two mirrored stores indexed by |x|.
//
// Memory. Each store holds at most max_buckets counters, so bucket_count() <=
// 2 * max_buckets. When a store would need more, the buckets of smallest
// magnitude in that store are folded into the lowest retained bucket. That only
// degrades the values of smallest |x| of that sign: the lowest quantiles for
// all-positive data, and the quantiles nearest zero for mixed-sign data (their
// estimates are too large in magnitude). Everything above the collapsed region
// keeps the guarantee. With the default alpha = 0.005, 4096 buckets span a
// dynamic range of about 17 decades per sign before anything collapses.
//
// Determinism. The sketch's observable state (counts per bucket index, zero
// count, exact min/max, count) is a pure function of the multiset of inputs:
// collapsing always folds every bucket below (highest index - max_buckets + 1)
// into that bucket, and that threshold only grows, so collapsing early and
// collapsing once at the end give the same counts. Hence add() order, merge()
// order and merge tree shape never change any answer, bit for bit (given the
// same platform libm for std::log/std::exp). Only the internal allocation
// layout, and thus bucket_count(), may differ.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace entente::analysis {

class QuantileSketch {
 public:
  // Throws std::invalid_argument unless 0 < relative_accuracy < 1 and
  // max_buckets >= 1.
  explicit QuantileSketch(double relative_accuracy = 0.005, std::size_t max_buckets = 4096);

  // Throws std::invalid_argument on NaN or infinity (the sketch is unchanged).
  // -0.0 is recorded as +0.0 so that min()/max() cannot depend on input order.
  void add(double x);

  // Adds other's bucket counts into this sketch. Throws std::invalid_argument
  // if relative_accuracy() or max_buckets() differ: a sketch of a different
  // alpha has incompatible bucket boundaries, and a different max_buckets
  // would make the collapsed result depend on which side is merged into which.
  void merge(const QuantileSketch& other);

  // Lower quantile, see the guarantee above. Throws std::invalid_argument
  // unless 0 <= q <= 1, and std::domain_error on an empty sketch.
  [[nodiscard]] double quantile(double q) const;

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  // Exact extremes; throw std::domain_error on an empty sketch.
  [[nodiscard]] double min() const;
  [[nodiscard]] double max() const;
  [[nodiscard]] double relative_accuracy() const noexcept { return alpha_; }
  [[nodiscard]] std::size_t max_buckets() const noexcept { return max_buckets_; }
  // Bucket counters currently allocated over both stores (the memory
  // footprint in units of 8 bytes); never exceeds 2 * max_buckets().
  [[nodiscard]] std::size_t bucket_count() const noexcept {
    return positive_.allocated() + negative_.allocated();
  }

 private:
  // Dense counters for a contiguous window of bucket indices
  // [offset_, offset_ + counts_.size()). lo_/hi_ are the lowest/highest
  // non-empty indices, and the window always contains both.
  class Store {
   public:
    explicit Store(std::size_t max_buckets) noexcept
        : max_buckets_(static_cast<std::int64_t>(max_buckets)) {}

    void add(std::int64_t index, std::uint64_t n) {
      // One unsigned compare covers both "below" and "above" the window.
      const auto slot = static_cast<std::uint64_t>(index - offset_);
      if (slot < counts_.size()) [[likely]] {
        counts_[slot] += n;
        total_ += n;
        if (index < lo_) lo_ = index;
        if (index > hi_) hi_ = index;
        return;
      }
      add_slow(index, n);
    }

    void merge(const Store& other);

    [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
    [[nodiscard]] std::int64_t lo() const noexcept { return lo_; }
    [[nodiscard]] std::int64_t hi() const noexcept { return hi_; }
    // Only valid for lo() <= index <= hi() on a non-empty store.
    [[nodiscard]] std::uint64_t count_at(std::int64_t index) const noexcept {
      return counts_[static_cast<std::size_t>(index - offset_)];
    }
    [[nodiscard]] std::size_t allocated() const noexcept { return counts_.size(); }

   private:
    void add_slow(std::int64_t index, std::uint64_t n);
    void relocate(std::int64_t new_offset, std::int64_t new_size, std::int64_t floor_index);

    std::vector<std::uint64_t> counts_;
    std::int64_t offset_ = 0;
    std::int64_t lo_ = 0;
    std::int64_t hi_ = 0;
    std::uint64_t total_ = 0;
    std::int64_t max_buckets_;
  };

  [[noreturn]] static void throw_non_finite(double x);

  // Bucket i covers (gamma^(i-1), gamma^i].
  [[nodiscard]] std::int64_t index_of(double magnitude) const noexcept {
    return static_cast<std::int64_t>(std::ceil(std::log(magnitude) * inv_log_gamma_));
  }
  // 2 * gamma^i / (gamma + 1) == (1 - alpha) * gamma^i: within alpha of every
  // point of the bucket.
  [[nodiscard]] double value_of(std::int64_t index) const noexcept {
    return std::exp(static_cast<double>(index) * log_gamma_ + log_value_factor_);
  }

  double alpha_;
  std::size_t max_buckets_;
  double log_gamma_;
  double inv_log_gamma_;  // precomputed: add() multiplies instead of dividing
  double log_value_factor_;
  double min_indexable_;
  Store positive_;
  Store negative_;  // indexed by |x|
  std::uint64_t zero_count_ = 0;
  std::uint64_t count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// Inline because the engine calls it per run, per step, per outcome and the
// library is linked without LTO.
inline void QuantileSketch::add(double x) {
  if (!std::isfinite(x)) [[unlikely]] {
    throw_non_finite(x);
  }
  if (x >= min_indexable_) {
    positive_.add(index_of(x), 1);
  } else if (x <= -min_indexable_) {
    negative_.add(index_of(-x), 1);
  } else {
    ++zero_count_;
    if (x == 0.0) x = 0.0;  // drop the sign of -0.0
  }
  if (x < min_) min_ = x;
  if (x > max_) max_ = x;
  ++count_;
}

}  // namespace entente::analysis
