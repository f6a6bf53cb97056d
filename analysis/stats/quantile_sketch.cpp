#include "analysis/stats/quantile_sketch.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace entente::analysis {

namespace {

// Fresh stores start small because the engine keeps one sketch per (outcome,
// step) and many outcomes (counts, flags) only ever touch a handful of buckets.
constexpr std::int64_t kInitialBuckets = 32;

// Keeps every bucket index (and differences of two of them) far from int64
// overflow: |log(x)| < 745 for every finite double.
constexpr double kMaxAbsIndex = 4.0e18;

}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy, std::size_t max_buckets)
    : alpha_(relative_accuracy),
      max_buckets_(max_buckets),
      // log1p keeps log(gamma) accurate for small alpha, where (1+a)/(1-a)
      // would lose most of its significant digits to rounding.
      log_gamma_(std::log1p(relative_accuracy) - std::log1p(-relative_accuracy)),
      inv_log_gamma_(1.0 / log_gamma_),
      log_value_factor_(std::log1p(-relative_accuracy)),
      // Keeps log() away from subnormals and bucket values above DBL_MIN.
      min_indexable_(std::numeric_limits<double>::min() * std::exp(log_gamma_)),
      positive_(max_buckets),
      negative_(max_buckets) {
  if (!(relative_accuracy > 0.0 && relative_accuracy < 1.0)) {
    throw std::invalid_argument("QuantileSketch: relative_accuracy must be in (0, 1), got " +
                                std::to_string(relative_accuracy));
  }
  if (!(log_gamma_ > 0.0) || 800.0 * inv_log_gamma_ > kMaxAbsIndex) {
    throw std::invalid_argument("QuantileSketch: relative_accuracy too small to index: " +
                                std::to_string(relative_accuracy));
  }
  if (max_buckets == 0 || max_buckets > static_cast<std::size_t>(kMaxAbsIndex)) {
    throw std::invalid_argument("QuantileSketch: max_buckets must be >= 1");
  }
}

void QuantileSketch::throw_non_finite(double x) {
  throw std::invalid_argument("QuantileSketch::add: non-finite value " + std::to_string(x));
}

void QuantileSketch::merge(const QuantileSketch& other) {
  // Exact comparison on purpose: merging is only meaningful when the bucket
  // boundaries coincide, which requires the identical alpha.
  if (other.alpha_ != alpha_) {
    throw std::invalid_argument("QuantileSketch::merge: relative accuracy differs (" +
                                std::to_string(alpha_) + " vs " + std::to_string(other.alpha_) +
                                ")");
  }
  if (other.max_buckets_ != max_buckets_) {
    throw std::invalid_argument("QuantileSketch::merge: max_buckets differs (" +
                                std::to_string(max_buckets_) + " vs " +
                                std::to_string(other.max_buckets_) + ")");
  }
  if (other.count_ == 0) return;
  if (&other == this) {
    // Store::merge reads other while writing this; give it a stable source.
    const QuantileSketch copy(other);
    merge(copy);
    return;
  }
  positive_.merge(other.positive_);
  negative_.merge(other.negative_);
  zero_count_ += other.zero_count_;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double QuantileSketch::quantile(double q) const {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument("QuantileSketch::quantile: q must be in [0, 1], got " +
                                std::to_string(q));
  }
  if (count_ == 0) {
    throw std::domain_error("QuantileSketch::quantile: empty sketch");
  }
  const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1));
  // The extreme ranks are known exactly; no need to pay the bucket error there.
  if (rank == 0) return min_;
  if (rank >= count_ - 1) return max_;

  // Walk buckets in value order: negatives from largest |x| down, then the
  // zero bucket, then positives from smallest |x| up. The first bucket whose
  // cumulative count exceeds rank holds the rank-th item.
  double estimate = 0.0;
  const std::uint64_t negative_total = negative_.total();
  if (rank < negative_total) {
    std::uint64_t seen = 0;
    for (std::int64_t i = negative_.hi();; --i) {
      seen += negative_.count_at(i);
      if (seen > rank) {
        estimate = -value_of(i);
        break;
      }
    }
  } else if (rank < negative_total + zero_count_) {
    estimate = 0.0;
  } else {
    std::uint64_t seen = negative_total + zero_count_;
    for (std::int64_t i = positive_.lo();; ++i) {
      seen += positive_.count_at(i);
      if (seen > rank) {
        estimate = value_of(i);
        break;
      }
    }
  }
  // Clamping can only move the estimate towards the true value, and also
  // absorbs an estimate that overflowed near DBL_MAX.
  return std::clamp(estimate, min_, max_);
}

double QuantileSketch::min() const {
  if (count_ == 0) throw std::domain_error("QuantileSketch::min: empty sketch");
  return min_;
}

double QuantileSketch::max() const {
  if (count_ == 0) throw std::domain_error("QuantileSketch::max: empty sketch");
  return max_;
}

void QuantileSketch::Store::merge(const Store& other) {
  if (other.total_ == 0) return;
  // Touch both extremes first so the window is resized at most twice; the
  // rest then lands on the fast path (or the O(1) fold path).
  add(other.hi_, other.count_at(other.hi_));
  if (other.lo_ != other.hi_) add(other.lo_, other.count_at(other.lo_));
  for (std::int64_t i = other.lo_ + 1; i < other.hi_; ++i) {
    const std::uint64_t c = other.count_at(i);
    if (c != 0) add(i, c);
  }
}

void QuantileSketch::Store::add_slow(std::int64_t index, std::uint64_t n) {
  if (counts_.empty()) {
    const std::int64_t size = std::min(max_buckets_, kInitialBuckets);
    counts_.assign(static_cast<std::size_t>(size), 0);
    offset_ = index - size / 2;
    counts_[static_cast<std::size_t>(index - offset_)] = n;
    lo_ = hi_ = index;
    total_ = n;
    return;
  }

  // Canonical form: everything below new_hi - max_buckets + 1 lives in that
  // bucket. This is what makes the state independent of insertion order.
  const std::int64_t new_hi = std::max(hi_, index);
  const std::int64_t floor_index = std::max(std::min(lo_, index), new_hi - max_buckets_ + 1);
  const std::int64_t target = std::max(index, floor_index);
  const auto size = static_cast<std::int64_t>(counts_.size());
  const std::int64_t top = offset_ + size - 1;

  if (offset_ <= floor_index && new_hi <= top && floor_index <= lo_) {
    // index fell below a window that is already collapsed: fold it in O(1).
    counts_[static_cast<std::size_t>(target - offset_)] += n;
    total_ += n;
    lo_ = floor_index;
    return;
  }

  const std::int64_t span = new_hi - floor_index + 1;  // <= max_buckets_
  std::int64_t new_size = size;
  if (span > size) {
    // Geometric growth keeps the number of reallocations logarithmic.
    new_size = std::min(max_buckets_, std::max(span, 2 * size));
  }
  // Put the slack on the side the data is growing towards.
  const std::int64_t new_offset = index > hi_ ? floor_index : new_hi - new_size + 1;
  relocate(new_offset, new_size, floor_index);

  counts_[static_cast<std::size_t>(target - offset_)] += n;
  total_ += n;
  lo_ = floor_index;
  hi_ = new_hi;
}

void QuantileSketch::Store::relocate(std::int64_t new_offset, std::int64_t new_size,
                                     std::int64_t floor_index) {
  // Fold the buckets that drop below the retained range.
  std::uint64_t folded = 0;
  const std::int64_t fold_end = std::min(floor_index, hi_ + 1);
  for (std::int64_t i = lo_; i < fold_end; ++i) {
    auto& c = counts_[static_cast<std::size_t>(i - offset_)];
    folded += c;
    c = 0;
  }

  const auto size = static_cast<std::int64_t>(counts_.size());
  if (new_size != size) {
    std::vector<std::uint64_t> grown(static_cast<std::size_t>(new_size), 0);
    for (std::int64_t i = std::max(lo_, floor_index); i <= hi_; ++i) {
      grown[static_cast<std::size_t>(i - new_offset)] = counts_[static_cast<std::size_t>(i - offset_)];
    }
    counts_.swap(grown);
  } else {
    // Same size (only at the cap or when merely sliding): shift in place so a
    // store pinned at max_buckets does not reallocate on every new maximum.
    const std::int64_t shift = new_offset - offset_;
    const auto first = counts_.begin();
    const auto last = counts_.end();
    if (shift >= size || -shift >= size) {
      std::fill(first, last, 0);
    } else if (shift > 0) {
      std::copy(first + shift, last, first);
      std::fill(last - shift, last, 0);
    } else if (shift < 0) {
      std::copy_backward(first, last + shift, last);
      std::fill(first, first - shift, 0);
    }
  }
  offset_ = new_offset;
  if (folded != 0) counts_[static_cast<std::size_t>(floor_index - offset_)] += folded;
}

}  // namespace entente::analysis
