#include "analysis/stats/quantile_sketch.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

using entente::analysis::QuantileSketch;

namespace {

constexpr double kQs[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

// The header's guarantee holds up to a few ulps of rounding in log/exp; this
// slack is far below anything alpha-sized.
constexpr double kRoundingSlack = 1e-9;

// Same rank definition as the sketch: 0-based rank floor(q * (n - 1)).
double exact_quantile(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
  return sorted[rank];
}

QuantileSketch sketch_of(const std::vector<double>& data, double alpha = 0.005,
                         std::size_t max_buckets = 4096) {
  QuantileSketch sketch(alpha, max_buckets);
  for (double x : data) sketch.add(x);
  return sketch;
}

// Large enough that none of the accuracy data sets collapses (lognormal at
// alpha = 0.001 needs ~8000 buckets), so the full guarantee must hold.
constexpr std::size_t kNoCollapseBuckets = std::size_t{1} << 15;

void check_relative_error(const std::vector<double>& data, double alpha) {
  const QuantileSketch sketch = sketch_of(data, alpha, kNoCollapseBuckets);
  std::vector<double> sorted = data;
  std::sort(sorted.begin(), sorted.end());

  REQUIRE(sketch.count() == data.size());
  REQUIRE(sketch.min() == sorted.front());
  REQUIRE(sketch.max() == sorted.back());
  REQUIRE(sketch.quantile(0.0) == sorted.front());
  REQUIRE(sketch.quantile(1.0) == sorted.back());
  for (double q : kQs) {
    const double exact = exact_quantile(sorted, q);
    const double estimate = sketch.quantile(q);
    INFO("alpha=" << alpha << " q=" << q << " exact=" << exact << " estimate=" << estimate);
    CHECK(std::abs(estimate - exact) <= alpha * std::abs(exact) * (1.0 + kRoundingSlack));
  }
}

// Every q on a fine grid, compared with ==: merge results must be bit-identical.
void require_identical(const QuantileSketch& a, const QuantileSketch& b) {
  REQUIRE(a.count() == b.count());
  REQUIRE(a.min() == b.min());
  REQUIRE(a.max() == b.max());
  for (int k = 0; k <= 1000; ++k) {
    const double q = k / 1000.0;
    INFO("q=" << q);
    REQUIRE(a.quantile(q) == b.quantile(q));
  }
}

// Positive and negative values spanning ~ 1e-150 .. 1e150, far beyond what
// 64 buckets can hold, so collapsing is exercised.
std::vector<double> wide_data(std::mt19937_64& rng, std::size_t n) {
  std::uniform_real_distribution<double> exponent(-150.0, 150.0);
  std::bernoulli_distribution negative(0.3);
  std::vector<double> data;
  data.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = std::pow(10.0, exponent(rng));
    data.push_back(negative(rng) ? -x : x);
  }
  return data;
}

}  // namespace

TEST_CASE("QuantileSketch quantiles are within alpha of exact quantiles", "[analysis]") {
  const double alpha = GENERATE(0.005, 0.01, 0.001);
  std::mt19937_64 rng(20240517);
  constexpr std::size_t kN = 20000;
  std::vector<double> data(kN);

  SECTION("uniform") {
    std::uniform_real_distribution<double> dist(0.0, 1000.0);
    for (double& x : data) x = dist(rng);
    check_relative_error(data, alpha);
  }
  SECTION("lognormal (heavy right tail)") {
    std::lognormal_distribution<double> dist(0.0, 2.0);
    for (double& x : data) x = dist(rng);
    check_relative_error(data, alpha);
  }
  SECTION("normal with negatives") {
    std::normal_distribution<double> dist(-1.0, 10.0);
    for (double& x : data) x = dist(rng);
    REQUIRE(std::count_if(data.begin(), data.end(), [](double x) { return x < 0; }) > 5000);
    check_relative_error(data, alpha);
  }
  SECTION("data containing zeros") {
    // 30% exact zeros (e.g. "no casualties this step") around a signed bulk,
    // so the 0.25..0.5 quantiles land in the zero bucket.
    std::normal_distribution<double> dist(0.5, 3.0);
    std::bernoulli_distribution zero(0.3);
    for (double& x : data) x = zero(rng) ? 0.0 : dist(rng);
    data[0] = -0.0;
    check_relative_error(data, alpha);
    const QuantileSketch sketch = sketch_of(data, alpha, kNoCollapseBuckets);
    std::vector<double> sorted = data;
    std::sort(sorted.begin(), sorted.end());
    for (double q : kQs) {
      if (exact_quantile(sorted, q) == 0.0) CHECK(sketch.quantile(q) == 0.0);
    }
  }
  SECTION("all-equal data is answered exactly") {
    std::fill(data.begin(), data.end(), 42.5);
    const QuantileSketch sketch = sketch_of(data, alpha);
    for (double q : kQs) CHECK(sketch.quantile(q) == 42.5);
  }
}

TEST_CASE("QuantileSketch handles tiny, subnormal and extreme magnitudes", "[analysis]") {
  // 1e-300 .. DBL_MAX needs ~140k buckets per sign at alpha = 0.005; allow
  // them so this checks indexing and overflow at the ends, not collapsing.
  QuantileSketch sketch(0.005, 200000);
  const double denorm = std::numeric_limits<double>::denorm_min();
  const double huge = std::numeric_limits<double>::max();
  const std::vector<double> data = {-huge, -1e300, -1.0, -denorm, 0.0,
                                    denorm, 1e-300, 1.0, 1e300, huge};
  for (double x : data) sketch.add(x);
  REQUIRE(sketch.count() == data.size());
  REQUIRE(sketch.min() == -huge);
  REQUIRE(sketch.max() == huge);
  std::vector<double> sorted = data;
  std::sort(sorted.begin(), sorted.end());
  for (int k = 0; k <= 100; ++k) {
    const double q = k / 100.0;
    const double exact = exact_quantile(sorted, q);
    const double estimate = sketch.quantile(q);
    INFO("q=" << q << " exact=" << exact << " estimate=" << estimate);
    REQUIRE(std::isfinite(estimate));
    if (std::abs(exact) < 1e-300) {
      // Subnormals share the zero bucket: absolute error below DBL_MIN.
      CHECK(std::abs(estimate - exact) < std::numeric_limits<double>::min());
    } else {
      CHECK(std::abs(estimate - exact) <= 0.005 * std::abs(exact) * (1.0 + kRoundingSlack));
    }
  }
}

TEST_CASE("QuantileSketch merge is bit-identical to the sketch of all data in any order",
          "[analysis]") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> dist(3.0, 25.0);
  std::vector<double> data(10001);
  for (double& x : data) x = dist(rng);
  data[17] = 0.0;
  const std::size_t half = data.size() / 2;
  const std::vector<double> first(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(half));
  const std::vector<double> second(data.begin() + static_cast<std::ptrdiff_t>(half), data.end());

  const QuantileSketch all = sketch_of(data);
  QuantileSketch ab = sketch_of(first);
  ab.merge(sketch_of(second));
  QuantileSketch ba = sketch_of(second);
  ba.merge(sketch_of(first));
  require_identical(all, ab);
  require_identical(all, ba);

  SECTION("merging empty sketches is a no-op on either side") {
    QuantileSketch empty_then_all;
    empty_then_all.merge(all);
    require_identical(all, empty_then_all);
    QuantileSketch all_then_empty = all;
    all_then_empty.merge(QuantileSketch{});
    require_identical(all, all_then_empty);
  }
  SECTION("self-merge doubles every count") {
    QuantileSketch doubled = all;
    doubled.merge(doubled);
    std::vector<double> twice = data;
    twice.insert(twice.end(), data.begin(), data.end());
    require_identical(sketch_of(twice), doubled);
  }
}

TEST_CASE("QuantileSketch state is order-independent even after collapsing", "[analysis]") {
  // With only 64 buckets per store the data below spans far too many decades,
  // so both stores collapse, at different moments for each order. The
  // canonical collapse rule must still give identical answers.
  constexpr std::size_t kMaxBuckets = 64;
  std::mt19937_64 rng(99);
  const std::vector<double> data = wide_data(rng, 8000);

  const QuantileSketch all = sketch_of(data, 0.005, kMaxBuckets);

  std::vector<double> reversed(data.rbegin(), data.rend());
  require_identical(all, sketch_of(reversed, 0.005, kMaxBuckets));

  std::vector<double> sorted = data;
  std::sort(sorted.begin(), sorted.end());
  require_identical(all, sketch_of(sorted, 0.005, kMaxBuckets));

  // Eight uneven chunks merged left-to-right, right-to-left and as a tree.
  const std::vector<std::size_t> cuts = {0, 1, 500, 1700, 1701, 3000, 5200, 7777, data.size()};
  std::vector<QuantileSketch> parts;
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    const auto begin = data.begin() + static_cast<std::ptrdiff_t>(cuts[c]);
    const auto end = data.begin() + static_cast<std::ptrdiff_t>(cuts[c + 1]);
    parts.push_back(sketch_of(std::vector<double>(begin, end), 0.005, kMaxBuckets));
  }
  QuantileSketch forward(0.005, kMaxBuckets);
  for (const auto& p : parts) forward.merge(p);
  QuantileSketch backward(0.005, kMaxBuckets);
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
  std::vector<QuantileSketch> level = parts;
  while (level.size() > 1) {
    std::vector<QuantileSketch> next;
    for (std::size_t i = 0; i + 1 < level.size(); i += 2) {
      next.push_back(level[i + 1]);
      next.back().merge(level[i]);
    }
    if (level.size() % 2 == 1) next.push_back(level.back());
    level = std::move(next);
  }
  require_identical(all, forward);
  require_identical(all, backward);
  require_identical(all, level.front());
}

TEST_CASE("QuantileSketch memory stays bounded and upper quantiles stay accurate",
          "[analysis]") {
  constexpr double kAlpha = 0.005;
  constexpr std::size_t kMaxBuckets = 1024;
  std::mt19937_64 rng(12345);

  SECTION("positive data over 40 orders of magnitude") {
    // 40 decades need ~9200 buckets at alpha = 0.005; 1024 span ~4.4 decades.
    std::uniform_real_distribution<double> exponent(-20.0, 20.0);
    std::vector<double> data(50000);
    for (double& x : data) x = std::pow(10.0, exponent(rng));
    QuantileSketch sketch(kAlpha, kMaxBuckets);
    for (double x : data) {
      sketch.add(x);
      REQUIRE(sketch.bucket_count() <= kMaxBuckets);
    }
    // Retained buckets are the top kMaxBuckets indices; items at least one
    // bucket above the collapse floor keep the full guarantee, which here is
    // roughly the top 11% of the data.
    std::vector<double> sorted = data;
    std::sort(sorted.begin(), sorted.end());
    const double gamma = (1.0 + kAlpha) / (1.0 - kAlpha);
    const double safe_floor =
        sorted.back() / std::pow(gamma, static_cast<double>(kMaxBuckets) - 2.0);
    int checked = 0;
    for (double q : kQs) {
      const double exact = exact_quantile(sorted, q);
      if (exact <= safe_floor) continue;
      INFO("q=" << q << " exact=" << exact);
      CHECK(std::abs(sketch.quantile(q) - exact) <= kAlpha * exact * (1.0 + kRoundingSlack));
      ++checked;
    }
    REQUIRE(checked == 2);  // q = 0.95 and 0.99
    // The lowest quantiles really are degraded (collapsed into the floor)...
    CHECK(sketch.quantile(0.01) > 2.0 * exact_quantile(sorted, 0.01));
    // ...but stay ordered and inside [min, max].
    double previous = sketch.min();
    for (int k = 0; k <= 200; ++k) {
      const double estimate = sketch.quantile(k / 200.0);
      REQUIRE(estimate >= previous);
      REQUIRE(estimate <= sketch.max());
      previous = estimate;
    }
  }
  SECTION("mixed-sign data: each store is capped separately") {
    const std::vector<double> data = wide_data(rng, 50000);
    QuantileSketch sketch(kAlpha, kMaxBuckets);
    for (double x : data) sketch.add(x);
    CHECK(sketch.bucket_count() <= 2 * kMaxBuckets);
    CHECK(sketch.count() == data.size());
  }
  SECTION("narrow data allocates few buckets") {
    std::uniform_real_distribution<double> dist(100.0, 110.0);
    QuantileSketch sketch;
    for (int i = 0; i < 100000; ++i) sketch.add(dist(rng));
    CHECK(sketch.bucket_count() <= 64);
  }
}

TEST_CASE("QuantileSketch rejects invalid use", "[analysis]") {
  SECTION("empty sketch has no quantiles or extremes") {
    const QuantileSketch sketch;
    CHECK(sketch.empty());
    CHECK(sketch.count() == 0);
    CHECK_THROWS_AS(sketch.quantile(0.5), std::domain_error);
    CHECK_THROWS_AS(sketch.min(), std::domain_error);
    CHECK_THROWS_AS(sketch.max(), std::domain_error);
  }
  SECTION("q outside [0, 1] throws") {
    QuantileSketch sketch;
    sketch.add(1.0);
    CHECK_THROWS_AS(sketch.quantile(-0.01), std::invalid_argument);
    CHECK_THROWS_AS(sketch.quantile(1.01), std::invalid_argument);
    CHECK_THROWS_AS(sketch.quantile(std::numeric_limits<double>::quiet_NaN()),
                    std::invalid_argument);
  }
  SECTION("non-finite values throw and leave the sketch unchanged") {
    QuantileSketch sketch;
    sketch.add(2.0);
    CHECK_THROWS_AS(sketch.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
    CHECK_THROWS_AS(sketch.add(std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_AS(sketch.add(-std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK(sketch.count() == 1);
    CHECK(sketch.min() == 2.0);
    CHECK(sketch.max() == 2.0);
  }
  SECTION("merging incompatible sketches throws") {
    QuantileSketch a(0.01);
    QuantileSketch b(0.02);
    a.add(1.0);
    b.add(2.0);
    CHECK_THROWS_AS(a.merge(b), std::invalid_argument);
    CHECK_THROWS_AS(b.merge(a), std::invalid_argument);
    CHECK(a.count() == 1);
    QuantileSketch c(0.01, 128);
    CHECK_THROWS_AS(a.merge(c), std::invalid_argument);
  }
  SECTION("bad construction parameters throw") {
    CHECK_THROWS_AS(QuantileSketch(0.0), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(1.0), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(-0.1), std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(std::numeric_limits<double>::quiet_NaN()),
                    std::invalid_argument);
    CHECK_THROWS_AS(QuantileSketch(0.01, 0), std::invalid_argument);
    CHECK(QuantileSketch(0.02).relative_accuracy() == 0.02);
  }
}
