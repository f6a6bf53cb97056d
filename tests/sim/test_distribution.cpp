// Distributions: inverse-CDF sampling, truncation, validity checks.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/rng/stream.hpp"
#include "sim/scenario/distribution.hpp"

using namespace entente;

namespace {

// Sample mean and standard error of n inverse-CDF draws.
std::pair<double, double> sample_mean(const Distribution& d, int n, std::uint64_t seed) {
  Stream s(StreamKey{seed, 0, 0, StreamPurpose::kUncertainty, 1});
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.quantile(s.uniform());
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  return {mean, std::sqrt(var / n)};
}

}  // namespace

TEST_CASE("sample means of every distribution match the analytic mean within 4 standard errors", "[distribution]") {
  const Distribution cases[] = {
      {DistKind::kUniform, -1, 3, 0, false, 0, 0},
      {DistKind::kTriangular, 1, 2, 4, false, 0, 0},
      {DistKind::kNormal, 5, 2, 0, false, 0, 0},
      {DistKind::kLognormal, 0.5, 0.4, 0, false, 0, 0},
      {DistKind::kBeta, 2, 5, 0, false, 0, 0},
  };
  std::uint64_t seed = 1;
  for (const auto& d : cases) {
    DYNAMIC_SECTION(dist_kind_name(d.kind)) {
      auto [mean, se] = sample_mean(d, 100000, seed++);
      CHECK(std::fabs(mean - d.mean()) < 4 * se);
    }
  }
}

TEST_CASE("pinned quantiles of the distributions", "[distribution]") {
  // Golden values: part of the reproducibility contract (docs/reproducibility.md).
  CHECK(Distribution({DistKind::kBeta, 2, 5, 0, true, 0.1, 0.6}).quantile(0.3) == 0.20938635264107047);
  CHECK(Distribution({DistKind::kTriangular, 1, 2, 4, false, 0, 0}).quantile(0.3) == 1.9486832980505138);
  CHECK(Distribution({DistKind::kLognormal, 0, 0.5, 0, false, 0, 0}).quantile(0.3) == 0.76935693966425889);
}

TEST_CASE("truncated draws stay inside the window and follow the conditional distribution", "[distribution]") {
  const Distribution d{DistKind::kNormal, 0, 1, 0, true, 0.5, 2.0};
  Stream s(StreamKey{3, 0, 0, StreamPurpose::kUncertainty, 2});
  double sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double x = d.quantile(s.uniform());
    REQUIRE(x >= 0.5);
    REQUIRE(x <= 2.0);
    sum += x;
  }
  // E[X | 0.5 <= X <= 2] for X ~ N(0,1) = (phi(0.5) - phi(2)) / (Phi(2) - Phi(0.5)) = 0.9995...
  const double phi = [](double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }(0.5) -
                     std::exp(-0.5 * 4.0) / std::sqrt(2 * M_PI);
  const double mass = 0.5 * std::erfc(-2.0 / std::sqrt(2.0)) - 0.5 * std::erfc(-0.5 / std::sqrt(2.0));
  CHECK(std::fabs(sum / n - phi / mass) < 0.005);
}

TEST_CASE("quantile inverts the CDF", "[distribution]") {
  const Distribution cases[] = {
      {DistKind::kUniform, -1, 3, 0, false, 0, 0},  {DistKind::kTriangular, 1, 2, 4, false, 0, 0},
      {DistKind::kNormal, 5, 2, 0, false, 0, 0},    {DistKind::kLognormal, 0.5, 0.4, 0, false, 0, 0},
      {DistKind::kBeta, 2, 5, 0, false, 0, 0},
  };
  for (const auto& d : cases)
    for (double p : {0.01, 0.2, 0.5, 0.8, 0.99}) CHECK(d.cdf(d.raw_quantile(p)) == Approx(p).epsilon(1e-9));
}

TEST_CASE("impossible distributions are rejected with a reason", "[distribution]") {
  CHECK(*Distribution({DistKind::kNormal, 0, 0, 0, false, 0, 0}).invalid_reason() == "normal needs sd > 0");
  CHECK(*Distribution({DistKind::kUniform, 2, 1, 0, false, 0, 0}).invalid_reason() == "uniform needs min < max");
  CHECK(*Distribution({DistKind::kTriangular, 0, 5, 4, false, 0, 0}).invalid_reason() ==
        "triangular needs min <= mode <= max");
  CHECK(*Distribution({DistKind::kBeta, 0, 1, 0, false, 0, 0}).invalid_reason() == "beta needs a > 0 and b > 0");
  CHECK(*Distribution({DistKind::kUniform, 0, 1, 0, true, 2, 3}).invalid_reason() ==
        "truncate [lo, hi] lies outside the distribution's support");
  CHECK(*Distribution({DistKind::kNormal, 0, 1, 0, true, 40, 50}).invalid_reason() ==
        "truncate [lo, hi] keeps almost no probability mass");
  CHECK_FALSE(Distribution({DistKind::kNormal, 0, 1, 0, true, -1, 1}).invalid_reason());
}
