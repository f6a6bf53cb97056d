#include "analysis/sensitivity/morris_effects.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/sensitivity/input_error.hpp"

namespace entente::analysis {

std::vector<std::size_t> MorrisResult::ranking() const {
  std::vector<std::size_t> order(effects.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) { return std::isfinite(effects[i].mu_star.value) ? effects[i].mu_star.value : -1.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

MorrisResult morris_analyze(const AnalysisInput& input, const MorrisOptions& options) {
  const std::size_t k = input.names.size();
  const std::size_t rows = input.x.size();
  if (k == 0) throw AnalysisInputError("the design has no parameter columns");
  if (input.y.size() != rows)
    throw AnalysisInputError("the design has " + std::to_string(rows) + " points but there are " +
                             std::to_string(input.y.size()) + " responses");
  if (rows == 0 || rows % (k + 1) != 0)
    throw AnalysisInputError("a Morris design for " + std::to_string(k) + " parameters has r x " +
                             std::to_string(k + 1) + " rows (r trajectories of k+1 points), but there are " +
                             std::to_string(rows));
  for (std::size_t r = 0; r < rows; ++r) {
    if (input.x[r].size() != k)
      throw AnalysisInputError("design row " + std::to_string(r + 1) + " has " + std::to_string(input.x[r].size()) +
                               " values for " + std::to_string(k) + " parameters");
    if (!std::isfinite(input.y[r]))
      throw AnalysisInputError("the response of design row " + std::to_string(r + 1) + " is not a finite number");
  }
  const bool from_unit = input.u.size() == rows;
  const auto& coords = from_unit ? input.u : input.x;
  std::vector<double> scale(k, 1.0);
  if (!from_unit)
    for (std::size_t i = 0; i < k; ++i) {
      double lo = input.x[0][i], hi = lo;
      for (const auto& row : input.x) lo = std::min(lo, row[i]), hi = std::max(hi, row[i]);
      scale[i] = hi - lo;
    }

  std::vector<std::vector<double>> ee(k);
  for (std::size_t t = 0; t < rows / (k + 1); ++t)
    for (std::size_t p = t * (k + 1); p < (t + 1) * (k + 1) - 1; ++p) {
      std::size_t moved = k, count = 0;
      for (std::size_t i = 0; i < k; ++i)
        if (coords[p + 1][i] != coords[p][i]) moved = i, ++count;
      if (count != 1)
        throw AnalysisInputError("rows " + std::to_string(p + 1) + " and " + std::to_string(p + 2) + " (trajectory " +
                                 std::to_string(t + 1) + ") differ in " + std::to_string(count) +
                                 " parameters; consecutive points of a Morris trajectory differ in exactly one");
      const double delta = (coords[p + 1][moved] - coords[p][moved]) / scale[moved];
      ee[moved].push_back((input.y[p + 1] - input.y[p]) / delta);
    }

  // One trajectory gives one elementary effect per parameter: no spread
  // (sigma), and a bootstrap that can only resample it.
  if (rows / (k + 1) < 2)
    throw AnalysisInputError("the design has 1 trajectory; Morris screening needs at least 2 (sigma and the "
                             "bootstrap intervals come from the spread over trajectories). Generate one with "
                             "'entente design morris --samples 20' or more");
  MorrisResult res;
  res.response = input.response;
  res.trajectories = rows / (k + 1);
  res.steps_from_unit = from_unit;
  res.bootstrap = options.bootstrap;
  res.seed = options.seed;
  res.confidence = options.confidence;
  BootstrapSampler sampler(options.seed, "morris");
  for (std::size_t i = 0; i < k; ++i) {
    MorrisEffect e;
    e.name = input.names[i];
    const auto& v = ee[i];
    e.effects = v.size();
    if (!v.empty()) {
      const auto n = static_cast<double>(v.size());
      double sum = 0, abs_sum = 0;
      for (double x : v) sum += x, abs_sum += std::fabs(x);
      e.mu = sum / n;
      e.mu_star.value = abs_sum / n;
      if (v.size() > 1) {
        double ss = 0;
        for (double x : v) ss += (x - e.mu) * (x - e.mu);
        e.sigma = std::sqrt(ss / (n - 1));
      }
      if (options.bootstrap > 0) {
        std::vector<double> reps;
        reps.reserve(options.bootstrap);
        for (std::size_t b = 0; b < options.bootstrap; ++b) {
          double s = 0;
          for (std::size_t m = 0; m < v.size(); ++m) s += std::fabs(v[sampler.index(v.size())]);
          reps.push_back(s / n);
        }
        percentile_interval(std::move(reps), options.confidence, e.mu_star);
      }
    }
    res.effects.push_back(std::move(e));
  }
  return res;
}

}  // namespace entente::analysis
