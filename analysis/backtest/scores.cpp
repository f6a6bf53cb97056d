#include "analysis/backtest/scores.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sim/util/normal_quantile.hpp"

namespace entente::analysis {

std::vector<double> crps_levels(int m) {
  std::vector<double> t(static_cast<std::size_t>(m));
  for (int i = 0; i < m; ++i) t[static_cast<std::size_t>(i)] = (i + 0.5) / m;
  return t;
}

double crps_from_quantiles(const std::vector<double>& q, double y) {
  const std::size_t m = q.size();
  double sum = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double tau = (static_cast<double>(i) + 0.5) / static_cast<double>(m);
    const double d = q[i] - y;
    sum += ((y < q[i] ? 1.0 : 0.0) - tau) * d;
  }
  return 2.0 * sum / static_cast<double>(m);
}

double crps_sample(std::vector<double> x, double y) {
  const std::size_t n = x.size();
  if (n == 0) return 0;
  std::sort(x.begin(), x.end());
  double abs_dev = 0;
  for (double v : x) abs_dev += std::fabs(v - y);
  // E|X - X'| over all ordered pairs: (2/n²) Σ_i (2i - n + 1) x_(i), 0-based.
  double gini = 0;
  for (std::size_t i = 0; i < n; ++i)
    gini += (2.0 * static_cast<double>(i) - static_cast<double>(n) + 1.0) * x[i];
  const double nn = static_cast<double>(n);
  return abs_dev / nn - gini / (nn * nn);
}

double crps_normal(double mu, double sigma, double y) {
  const double z = (y - mu) / sigma;
  const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
  return sigma * (z * (2.0 * standard_normal_cdf(z) - 1.0) + 2.0 * pdf - 1.0 / std::sqrt(std::numbers::pi));
}

double empirical_quantile(const std::vector<double>& sorted, double tau) {
  const double n = static_cast<double>(sorted.size());
  const double k = std::ceil(n * tau);
  const std::size_t idx = k < 1 ? 0 : std::min(sorted.size() - 1, static_cast<std::size_t>(k) - 1);
  return sorted[idx];
}

std::vector<double> sketch_quantiles(const QuantileSketch& sketch, const std::vector<double>& levels) {
  if (sketch.empty()) throw std::domain_error("sketch_quantiles: empty sketch");
  const std::uint64_t n = sketch.count();
  std::vector<double> out;
  out.reserve(levels.size());
  for (double tau : levels) {
    if (n == 1) {
      out.push_back(sketch.min());
      continue;
    }
    // 0-based rank r = ceil(n tau) - 1; the sketch reads rank floor(q (n-1)),
    // so ask for q = (r + ½)/(n − 1): the half keeps rounding from landing on r − 1.
    double k = std::ceil(static_cast<double>(n) * tau) - 1.0;
    k = std::clamp(k, 0.0, static_cast<double>(n - 1));
    const double q = std::min(1.0, (k + 0.5) / static_cast<double>(n - 1));
    out.push_back(sketch.quantile(q));
  }
  return out;
}

double interval_score(double lo, double hi, double y, double alpha) {
  double s = hi - lo;
  if (y < lo) s += 2.0 / alpha * (lo - y);
  if (y > hi) s += 2.0 / alpha * (y - hi);
  return s;
}

}  // namespace entente::analysis
