// The one distribution syntax of scenario files:
//   {dist: fixed, value}, {dist: uniform, min, max},
//   {dist: triangular, min, mode, max}, {dist: normal, mean, sd},
//   {dist: lognormal, mean, sd}   (mean and sd of the underlying normal),
//   {dist: beta, a, b}
// each with an optional truncate: [lo, hi].
//
// Sampling is by inverse CDF: x = Q(F(lo) + u (F(hi) - F(lo))). One uniform
// per draw keeps streams aligned across policies (common random numbers),
// makes truncation exact, and lets experiment designs map their unit-cube
// points through the same quantile function.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace entente {

enum class DistKind { kFixed, kUniform, kTriangular, kNormal, kLognormal, kBeta };

std::string_view dist_kind_name(DistKind k);
std::optional<DistKind> parse_dist_kind(std::string_view name);

struct Distribution {
  DistKind kind = DistKind::kFixed;
  // Parameters by kind: fixed (p1=value); uniform (p1=min, p2=max);
  // triangular (p1=min, p2=mode, p3=max); normal and lognormal (p1=mean,
  // p2=sd); beta (p1=a, p2=b).
  double p1 = 0, p2 = 0, p3 = 0;
  bool truncated = false;
  double lo = 0, hi = 0;

  static Distribution fixed(double v) { return {DistKind::kFixed, v, 0, 0, false, 0, 0}; }

  // Why these parameters are impossible, or nullopt when they are valid.
  std::optional<std::string> invalid_reason() const;

  // Smallest interval that holds every possible draw (after truncation).
  double support_min() const;
  double support_max() const;

  double cdf(double x) const;       // untruncated CDF
  double raw_quantile(double p) const;  // untruncated inverse CDF, p in (0,1)
  // Inverse CDF of the (possibly truncated) distribution, u in (0, 1).
  double quantile(double u) const;
  // Mean of the untruncated distribution (for docs and tests).
  double mean() const;

  bool is_fixed() const { return kind == DistKind::kFixed; }
};

}  // namespace entente
