#include "analysis/backtest/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/backtest/scores.hpp"
#include "sim/util/normal_quantile.hpp"

namespace entente::analysis {

double Baselines::walk_sd(double year) const {
  const double h = year - last_year;
  return h > 0 ? step_sd * std::sqrt(h) : 0.0;
}

std::optional<Baselines> make_baselines(std::vector<std::pair<double, double>> points, double origin, int window) {
  if (window < 1) throw std::invalid_argument("make_baselines: window must be at least 1");
  // Drop everything after the origin first: nothing below can see it.
  points.erase(std::remove_if(points.begin(), points.end(), [&](const auto& p) { return p.first > origin; }),
               points.end());
  if (points.empty()) return std::nullopt;
  std::sort(points.begin(), points.end());
  Baselines b;
  b.last_year = points.back().first;
  b.last_value = points.back().second;
  b.intercept = b.last_value;
  b.trend_points = 1;

  const std::size_t k = std::min(points.size(), static_cast<std::size_t>(window));
  const std::vector<std::pair<double, double>> fit(points.end() - static_cast<std::ptrdiff_t>(k), points.end());
  if (fit.size() >= 2) {
    double mx = 0, my = 0;
    for (const auto& [x, y] : fit) {
      mx += x - b.last_year;
      my += y;
    }
    const double n = static_cast<double>(fit.size());
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0;
    for (const auto& [x, y] : fit) {
      sxx += (x - b.last_year - mx) * (x - b.last_year - mx);
      sxy += (x - b.last_year - mx) * (y - my);
    }
    if (sxx > 0) {
      b.slope = sxy / sxx;
      b.intercept = my - b.slope * mx;
      b.trend_points = fit.size();
    }
  }

  // Per-year changes between consecutive observations; a gap of g years
  // contributes (change / g) with weight g to the drift and its own
  // variance estimate (change - g·drift)² / g, as a random walk implies.
  double years = 0, change = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    years += points[i].first - points[i - 1].first;
    change += points[i].second - points[i - 1].second;
  }
  b.drift_points = points.size() - 1;
  if (b.drift_points == 0 || years <= 0) return b;
  b.drift = change / years;
  if (b.drift_points < 2) return b;
  double ss = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double g = points[i].first - points[i - 1].first;
    const double e = points[i].second - points[i - 1].second - g * b.drift;
    ss += e * e / g;
  }
  b.step_sd = std::sqrt(ss / static_cast<double>(b.drift_points - 1));
  return b;
}

std::pair<double, double> walk_interval(const Baselines& b, double year, double level) {
  const double m = b.walk_mean(year), s = b.walk_sd(year);
  if (!(s > 0)) return {m, m};
  const double z = standard_normal_quantile(0.5 + level / 2);
  return {m - z * s, m + z * s};
}

double walk_crps(const Baselines& b, double year, double y) {
  const double m = b.walk_mean(year), s = b.walk_sd(year);
  if (!(s > 0)) return std::fabs(m - y);
  return crps_normal(m, s, y);
}

}  // namespace entente::analysis
