// Backtest scores: CRPS from a quantile grid against the normal closed form
// and against the exact CRPS of a sample, coverage, and the naive forecasts.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "analysis/backtest/baselines.hpp"
#include "analysis/backtest/scores.hpp"
#include "sim/util/normal_quantile.hpp"

using namespace entente;
using namespace entente::analysis;

namespace {

// E|X - y| - 1/2 E|X - X'| by brute force over all pairs.
double crps_pairs(const std::vector<double>& x, double y) {
  double a = 0, b = 0;
  for (double u : x) {
    a += std::fabs(u - y);
    for (double v : x) b += std::fabs(u - v);
  }
  const double n = static_cast<double>(x.size());
  return a / n - 0.5 * b / (n * n);
}

}  // namespace

TEST_CASE("crps_sample equals the pairwise definition", "[backtest][crps]") {
  const std::vector<double> x = {3.0, -1.0, 4.0, 1.5, 9.0, 2.0, 6.0};
  for (double y : {-5.0, 0.0, 2.0, 4.0, 20.0}) {
    INFO("y = " << y);
    CHECK(crps_sample(x, y) == Approx(crps_pairs(x, y)).epsilon(1e-12));
  }
  // A point forecast: the CRPS is the absolute error.
  CHECK(crps_sample({5.0}, 2.0) == Approx(3.0));
}

TEST_CASE("CRPS from the quantile grid matches the normal closed form", "[backtest][crps]") {
  // Midpoint rule with M = 200 cells. The integrand 2(1{y<q}-τ)(q-y) is
  // smooth except for a kink at τ = Φ(z) (slope jump 2/φ(z)/σ... in τ) and
  // its tails, where q_τ grows like sqrt(2 ln(1/τ)). The error budget per
  // unit σ: the kink contributes at most h²/(4 φ(z)) with h = 1/M, the two
  // end cells at most 2 h² (|z| + q_{h/2}) (the integrand is below 2τ(|z| +
  // |q_τ|) there), and the smooth part O(h²). With h = 0.005 that is below
  // 2.5e-4 + 5e-5 |z| for |z| <= 3; the test allows that.
  const int m = kCrpsLevels;
  const auto tau = crps_levels(m);
  const double h = 1.0 / m;
  const double q_end = -standard_normal_quantile(h / 2);
  for (double sigma : {0.5, 1.0, 7.0}) {
    const double mu = 3.0;
    std::vector<double> q;
    for (double t : tau) q.push_back(mu + sigma * standard_normal_quantile(t));
    for (double z : {-3.0, -1.5, -0.3, 0.0, 0.7, 2.0, 3.0}) {
      const double y = mu + z * sigma;
      const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2 * 3.141592653589793);
      const double tol = sigma * (h * h / (4 * pdf) + 2 * h * h * (std::fabs(z) + q_end) + 1e-6);
      INFO("sigma " << sigma << " z " << z);
      CHECK(std::fabs(crps_from_quantiles(q, y) - crps_normal(mu, sigma, y)) <= tol);
    }
  }
  // The closed form itself: at z = 0 it is σ (2φ(0) - 1/√π) = 0.2337 σ.
  CHECK(crps_normal(0, 1, 0) == Approx(0.23369497725510913).epsilon(1e-12));
}

TEST_CASE("CRPS from exact sample quantiles is the sample's exact CRPS", "[backtest][crps]") {
  // With M a multiple of n, Q(τ) = x_(ceil(nτ)) is constant on each cell and
  // the integrand linear, so the midpoint rule is exact.
  std::mt19937_64 gen(42);
  std::normal_distribution<double> norm(10.0, 2.0);
  std::vector<double> x(200);
  for (auto& v : x) v = norm(gen);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> q;
  for (double t : crps_levels()) q.push_back(empirical_quantile(sorted, t));
  for (double y : {4.0, 9.5, 10.0, 13.0, 30.0}) {
    INFO("y = " << y);
    CHECK(crps_from_quantiles(q, y) == Approx(crps_sample(x, y)).epsilon(1e-10));
  }
}

TEST_CASE("CRPS through the quantile sketch is within the sketch's error of the exact CRPS", "[backtest][crps]") {
  // Each sketch quantile is within α|q| of the sample quantile, and the
  // pinball loss is 1-Lipschitz in q with weight max(τ, 1-τ) <= 1, so
  // |ΔCRPS| <= 2 α (1/M) Σ |q_τ| ≈ 2 α E|X|. n = 1000 is not a divisor of
  // M, which adds at most the grid term (1/M) × (range of the sample).
  const double alpha = 0.001;
  std::mt19937_64 gen(7);
  std::lognormal_distribution<double> logn(4.0, 0.3);
  std::vector<double> x(1000);
  QuantileSketch sk(alpha, 8192);
  double mean_abs = 0;
  for (auto& v : x) {
    v = logn(gen);
    sk.add(v);
    mean_abs += std::fabs(v) / 1000.0;
  }
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  const auto q = sketch_quantiles(sk, crps_levels());
  for (double y : {20.0, 50.0, 55.0, 80.0, 200.0}) {
    const double exact = crps_sample(x, y);
    const double tol = 2 * alpha * mean_abs * 1.01 + (*hi - *lo) / kCrpsLevels;
    INFO("y = " << y << " exact " << exact);
    CHECK(std::fabs(crps_from_quantiles(q, y) - exact) <= tol);
    // In practice far closer than the bound.
    CHECK(std::fabs(crps_from_quantiles(q, y) - exact) <= 0.01 * exact + 0.05);
  }
  // A sketch of one value: a point forecast.
  QuantileSketch one(alpha, 8192);
  one.add(5.0);
  CHECK(crps_from_quantiles(sketch_quantiles(one, crps_levels()), 2.0) == Approx(3.0).epsilon(2 * alpha));
}

TEST_CASE("interval coverage counts the closed interval", "[backtest]") {
  CHECK(covered(1, 2, 1));
  CHECK(covered(1, 2, 2));
  CHECK(covered(1, 2, 1.5));
  CHECK_FALSE(covered(1, 2, 0.999));
  CHECK_FALSE(covered(1, 2, 2.001));
  CHECK(covered(3, 3, 3));  // a degenerate model interval holds its own value
}

TEST_CASE("baselines of a known line, from the origin back", "[backtest][baselines]") {
  // y = 3 + 2 (year - 2000), observed 2000-2010 with a gap at 2008.
  std::vector<std::pair<double, double>> pts;
  for (int y = 2000; y <= 2010; ++y)
    if (y != 2008) pts.emplace_back(y, 3.0 + 2.0 * (y - 2000));
  const auto f = make_baselines(pts, 2009, 5);
  REQUIRE(f.has_value());
  CHECK(f->last_year == 2009);
  CHECK(f->persistence(2030) == 21.0);       // the last observation at or before the origin
  CHECK(f->trend_points == 5);               // 2004..2009 less the gap: 2004, 2005, 2006, 2007, 2009
  CHECK(f->slope == Approx(2.0).epsilon(1e-12));
  CHECK(f->trend(2015) == Approx(33.0).epsilon(1e-12));
  CHECK(f->drift == Approx(2.0).epsilon(1e-12));
  CHECK(f->step_sd == Approx(0.0).margin(1e-12));  // a line: every per-year change is 2
  CHECK(walk_crps(*f, 2012, 27.0) == Approx(0.0).margin(1e-9));
  // Noise that averages out: OLS through (0,0), (1,2), (2,0), (3,2) has slope 0.4, intercept 0.4.
  const auto g = make_baselines({{1990, 50}, {2000, 0}, {2001, 2}, {2002, 0}, {2003, 2}, {2010, 100}}, 2003, 4);
  REQUIRE(g.has_value());
  CHECK(g->trend_points == 4);
  CHECK(g->slope == Approx(0.4));
  CHECK(g->trend(2000) == Approx(0.4));
  // One point at or before the origin: trend = persistence, the walk has no sd.
  const auto p = make_baselines({{2000, 5}, {2007, 9}}, 2003, 5);
  REQUIRE(p.has_value());
  CHECK(p->trend_points == 1);
  CHECK(p->trend(2020) == 5.0);
  CHECK(p->walk_sd(2020) == 0.0);
  CHECK_FALSE(make_baselines({{2000, 5}}, 1999, 5).has_value());
  CHECK_THROWS_AS(make_baselines(pts, 2009, 0), std::invalid_argument);
}

TEST_CASE("random walk baseline: drift, sd and its normal interval", "[backtest][baselines]") {
  // Changes 1, 3, 2, 2 over single years: drift 2, sd sqrt(((−1)² + 1² + 0 + 0)/3).
  const auto b = make_baselines({{2000, 10}, {2001, 11}, {2002, 14}, {2003, 16}, {2004, 18}}, 2004, 5);
  REQUIRE(b.has_value());
  CHECK(b->drift_points == 4);
  CHECK(b->drift == Approx(2.0));
  const double sd = std::sqrt(2.0 / 3.0);
  CHECK(b->step_sd == Approx(sd));
  CHECK(b->walk_mean(2008) == Approx(26.0));
  CHECK(b->walk_sd(2008) == Approx(sd * 2.0));  // sqrt(4 years)
  const auto [lo, hi] = walk_interval(*b, 2008, 0.9);
  CHECK(lo == Approx(26.0 - 1.6448536269514722 * 2 * sd));
  CHECK(hi == Approx(26.0 + 1.6448536269514722 * 2 * sd));
  CHECK(walk_crps(*b, 2008, 30.0) == Approx(crps_normal(26.0, 2 * sd, 30.0)));
}

TEST_CASE("no baseline reads a year after the origin", "[backtest][baselines]") {
  std::vector<std::pair<double, double>> pts;
  for (int y = 2000; y <= 2021; ++y) pts.emplace_back(y, 100.0 + 7.0 * (y - 2000) + ((y * 37) % 11));
  const auto before = make_baselines(pts, 2018, 5);
  // Plant huge values after the origin (and a new year): nothing may move.
  auto planted = pts;
  for (auto& [y, v] : planted)
    if (y > 2018) v = 1e12;
  planted.emplace_back(2030, -1e15);
  const auto after = make_baselines(planted, 2018, 5);
  REQUIRE(before.has_value());
  REQUIRE(after.has_value());
  for (double year : {2019.0, 2020.0, 2021.0, 2025.0}) {
    CHECK(after->persistence(year) == before->persistence(year));
    CHECK(after->trend(year) == before->trend(year));
    CHECK(after->walk_mean(year) == before->walk_mean(year));
    CHECK(after->walk_sd(year) == before->walk_sd(year));
  }
  CHECK(after->last_year == 2018);
}

TEST_CASE("interval score", "[backtest][scores]") {
  CHECK(interval_score(1, 3, 2, 0.1) == 2.0);
  CHECK(interval_score(1, 3, 0, 0.1) == Approx(2.0 + 20.0));
  CHECK(interval_score(1, 3, 4, 0.1) == Approx(2.0 + 20.0));
}
