#include "analysis/backtest/weighted_ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace entente::analysis {

WeightedEnsemble::WeightedEnsemble(const double* values, const double* weights, std::size_t n) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  // Ties by index keep the order (and so every sum) independent of the sort.
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return values[a] < values[b] || (values[a] == values[b] && a < b);
  });
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += weights[i];
  if (!(total > 0)) throw std::invalid_argument("WeightedEnsemble: the weights sum to 0");
  x_.reserve(n);
  w_.reserve(n);
  cum_.reserve(n);
  double c = 0;
  for (std::size_t i : idx) {
    x_.push_back(values[i]);
    w_.push_back(weights[i] / total);
    c += weights[i] / total;
    cum_.push_back(c);
  }
}

double WeightedEnsemble::quantile(double tau) const {
  // A relative tolerance keeps equal weights summing to k/n a hair below it
  // from skipping to the next value.
  const auto it = std::lower_bound(cum_.begin(), cum_.end(), tau - 1e-12);
  return it == cum_.end() ? x_.back() : x_[static_cast<std::size_t>(it - cum_.begin())];
}

double WeightedEnsemble::crps(double y) const {
  double abs_dev = 0, pair = 0, before = 0;
  for (std::size_t i = 0; i < x_.size(); ++i) {
    abs_dev += w_[i] * std::fabs(x_[i] - y);
    // E|X − X'| = 2 Σ_i w_i x_i (2 W_<i + w_i − 1), values sorted.
    pair += w_[i] * x_[i] * (2 * before + w_[i] - 1);
    before += w_[i];
  }
  return std::max(0.0, abs_dev - pair);  // ½ · 2 Σ ...
}

double WeightedEnsemble::pit(double y) const {
  double below = 0, equal = 0;
  for (std::size_t i = 0; i < x_.size(); ++i) {
    if (x_[i] < y)
      below += w_[i];
    else if (x_[i] == y)
      equal += w_[i];
  }
  return below + 0.5 * equal;
}

}  // namespace entente::analysis
