#include "sim/scenario/distribution.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>

#include "sim/util/limits.hpp"
#include "sim/util/normal_quantile.hpp"

namespace entente {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

std::string_view dist_kind_name(DistKind k) {
  switch (k) {
    case DistKind::kFixed: return "fixed";
    case DistKind::kUniform: return "uniform";
    case DistKind::kTriangular: return "triangular";
    case DistKind::kNormal: return "normal";
    case DistKind::kLognormal: return "lognormal";
    case DistKind::kBeta: return "beta";
  }
  return "?";
}

std::optional<DistKind> parse_dist_kind(std::string_view name) {
  for (DistKind k : {DistKind::kFixed, DistKind::kUniform, DistKind::kTriangular, DistKind::kNormal,
                     DistKind::kLognormal, DistKind::kBeta}) {
    if (dist_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<std::string> Distribution::invalid_reason() const {
  auto finite = [](double v) { return std::isfinite(v); };
  if (!finite(p1) || !finite(p2) || !finite(p3)) return "parameters must be finite numbers";
  switch (kind) {
    case DistKind::kFixed: break;
    case DistKind::kUniform:
      if (!(p1 < p2)) return "uniform needs min < max";
      break;
    case DistKind::kTriangular:
      if (!(p1 < p3)) return "triangular needs min < max";
      if (p2 < p1 || p2 > p3) return "triangular needs min <= mode <= max";
      break;
    case DistKind::kNormal:
    case DistKind::kLognormal:
      if (!(p2 > 0)) return std::string(dist_kind_name(kind)) + " needs sd > 0";
      if (kind == DistKind::kLognormal && p1 + 8 * p2 > 700)
        return "lognormal mean and sd are of the underlying normal; these overflow (mean + 8 sd > 700)";
      break;
    case DistKind::kBeta:
      if (!(p1 > 0) || !(p2 > 0)) return "beta needs a > 0 and b > 0";
      if (p1 > limits::kMaxBetaShape || p2 > limits::kMaxBetaShape)
        return "beta needs a and b of at most 1e6 (larger ones are a point: their sd is below 0.0005, so write the "
               "value as fixed; the incomplete beta function's work grows without bound with them)";
      break;
  }
  if (truncated) {
    if (kind == DistKind::kFixed) return "a fixed value cannot be truncated";
    if (!finite(lo) || !finite(hi)) return "truncate bounds must be finite numbers";
    if (!(lo < hi)) return "truncate needs lo < hi";
    // The truncation window must keep some probability mass, or sampling is undefined.
    const double nat_lo = std::max(lo, kind == DistKind::kNormal ? -kInf : support_min());
    const double nat_hi = std::min(hi, kind == DistKind::kNormal ? kInf : support_max());
    if (!(nat_lo < nat_hi)) return "truncate [lo, hi] lies outside the distribution's support";
    const double mass = cdf(hi) - cdf(lo);
    if (!(mass > 1e-12)) return "truncate [lo, hi] keeps almost no probability mass";
  }
  return std::nullopt;
}

double Distribution::support_min() const {
  double m = -kInf;
  switch (kind) {
    case DistKind::kFixed: return p1;
    case DistKind::kUniform:
    case DistKind::kTriangular: m = p1; break;
    case DistKind::kNormal: m = -kInf; break;
    case DistKind::kLognormal:
    case DistKind::kBeta: m = 0; break;
  }
  return truncated ? std::max(m, lo) : m;
}

double Distribution::support_max() const {
  double m = kInf;
  switch (kind) {
    case DistKind::kFixed: return p1;
    case DistKind::kUniform: m = p2; break;
    case DistKind::kTriangular: m = p3; break;
    case DistKind::kNormal:
    case DistKind::kLognormal: m = kInf; break;
    case DistKind::kBeta: m = 1; break;
  }
  return truncated ? std::min(m, hi) : m;
}

double Distribution::cdf(double x) const {
  switch (kind) {
    case DistKind::kFixed: return x < p1 ? 0.0 : 1.0;
    case DistKind::kUniform:
      if (x <= p1) return 0;
      if (x >= p2) return 1;
      return (x - p1) / (p2 - p1);
    case DistKind::kTriangular: {
      const double a = p1, c = p2, b = p3;
      if (x <= a) return 0;
      if (x >= b) return 1;
      if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
      return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case DistKind::kNormal: return standard_normal_cdf((x - p1) / p2);
    case DistKind::kLognormal:
      if (x <= 0) return 0;
      return standard_normal_cdf((std::log(x) - p1) / p2);
    case DistKind::kBeta:
      if (x <= 0) return 0;
      if (x >= 1) return 1;
      return boost::math::ibeta(p1, p2, x);
  }
  return 0;
}

double Distribution::raw_quantile(double p) const {
  switch (kind) {
    case DistKind::kFixed: return p1;
    case DistKind::kUniform: return p1 + p * (p2 - p1);
    case DistKind::kTriangular: {
      const double a = p1, c = p2, b = p3;
      const double fc = (c - a) / (b - a);
      if (p < fc) return a + std::sqrt(p * (b - a) * (c - a));
      return b - std::sqrt((1 - p) * (b - a) * (b - c));
    }
    case DistKind::kNormal: return p1 + p2 * standard_normal_quantile(p);
    case DistKind::kLognormal: return std::exp(p1 + p2 * standard_normal_quantile(p));
    case DistKind::kBeta: return boost::math::ibeta_inv(p1, p2, p);
  }
  return p1;
}

double Distribution::quantile(double u) const {
  if (!truncated) return raw_quantile(u);
  const double flo = cdf(lo), fhi = cdf(hi);
  // Clamp the mapped probability into (0,1) and the result into [lo,hi]:
  // rounding in the CDF must not push a draw outside the truncation window.
  double p = flo + u * (fhi - flo);
  p = std::clamp(p, std::numeric_limits<double>::min(), 1.0 - 0x1.0p-53);
  return std::clamp(raw_quantile(p), lo, hi);
}

double Distribution::mean() const {
  switch (kind) {
    case DistKind::kFixed: return p1;
    case DistKind::kUniform: return 0.5 * (p1 + p2);
    case DistKind::kTriangular: return (p1 + p2 + p3) / 3.0;
    case DistKind::kNormal: return p1;
    case DistKind::kLognormal: return std::exp(p1 + 0.5 * p2 * p2);
    case DistKind::kBeta: return p1 / (p1 + p2);
  }
  return p1;
}

}  // namespace entente
