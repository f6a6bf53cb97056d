#include "analysis/backtest/model_discrepancy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace entente::analysis {

ModelDiscrepancy::ModelDiscrepancy(std::vector<std::string> series, std::size_t particles, std::uint64_t seed,
                                   DiscrepancyPrior prior)
    : ids_(std::move(series)), n_(particles), seed_(seed), prior_(prior) {
  if (!(prior_.phi_min >= 0 && prior_.phi_min <= prior_.phi_max && prior_.phi_max < 1))
    throw std::invalid_argument("model discrepancy: persistence range must lie in [0, 1)");
  if (!(prior_.sd_min >= 0 && prior_.sd_min <= prior_.sd_max))
    throw std::invalid_argument("model discrepancy: sd range must be non-negative and ordered");
  for (const auto& id : ids_) stream_ids_.push_back(stream_id("model discrepancy:" + id));
  bias_.assign(n_ * ids_.size(), 0.0);
  phi_.assign(n_ * ids_.size(), 0.0);
  sd_.assign(n_ * ids_.size(), 0.0);
}

// Run index step·N + i as the filter's own streams use it; the id names the
// series and `what` (so φ, σ and the innovations never share a stream).
Stream ModelDiscrepancy::stream(const char* what, std::size_t step, std::size_t i, std::size_t k) const {
  return Stream({seed_, 0, step * n_ + i, StreamPurpose::kFilter, stream_ids_[k] ^ stream_id(what)});
}

void ModelDiscrepancy::advance(std::size_t step) {
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t k = 0; k < ids_.size(); ++k) {
      const std::size_t a = at(i, k);
      if (step == 0) {
        Stream s = stream("prior", 0, i, k);
        phi_[a] = prior_.phi_min + (prior_.phi_max - prior_.phi_min) * s.uniform();
        sd_[a] = prior_.sd_min + (prior_.sd_max - prior_.sd_min) * s.uniform();
        bias_[a] = sd_[a] * s.normal();
      } else {
        Stream s = stream("innovation", step, i, k);
        bias_[a] = phi_[a] * bias_[a] + sd_[a] * std::sqrt(1 - phi_[a] * phi_[a]) * s.normal();
      }
    }
}

double ModelDiscrepancy::factor(std::size_t i, std::size_t k) const { return std::exp(bias_[at(i, k)]); }

void ModelDiscrepancy::resample(const std::vector<std::size_t>& pick) {
  auto take = [&](std::vector<double>& v) {
    std::vector<double> next(v.size());
    for (std::size_t j = 0; j < n_; ++j)
      std::copy_n(v.begin() + static_cast<std::ptrdiff_t>(at(pick[j], 0)), ids_.size(),
                  next.begin() + static_cast<std::ptrdiff_t>(at(j, 0)));
    v.swap(next);
  };
  take(bias_);
  take(phi_);
  take(sd_);
}

void ModelDiscrepancy::jitter(double shrinkage, std::size_t step) {
  const double h = std::sqrt(std::max(0.0, 1.0 - shrinkage * shrinkage));
  auto move = [&](std::vector<double>& v, std::size_t k, double lo, double hi, const char* what) {
    double mean = 0;
    for (std::size_t i = 0; i < n_; ++i) mean += v[at(i, k)];
    mean /= static_cast<double>(n_);
    double var = 0;
    for (std::size_t i = 0; i < n_; ++i) var += (v[at(i, k)] - mean) * (v[at(i, k)] - mean);
    var /= static_cast<double>(n_ > 1 ? n_ - 1 : 1);
    if (!(var > 0)) return;
    const double sd = std::sqrt(var);
    for (std::size_t j = 0; j < n_; ++j) {
      Stream eps = stream(what, step + 1, j, k);
      const double x = shrinkage * v[at(j, k)] + (1 - shrinkage) * mean + h * sd * eps.normal();
      v[at(j, k)] = std::clamp(x, lo, hi);
    }
  };
  for (std::size_t k = 0; k < ids_.size(); ++k) {
    move(phi_, k, prior_.phi_min, prior_.phi_max, "jitter persistence");
    move(sd_, k, prior_.sd_min, prior_.sd_max, "jitter sd");
  }
}

}  // namespace entente::analysis
