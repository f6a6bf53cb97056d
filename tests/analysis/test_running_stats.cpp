#include "analysis/stats/running_stats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using entente::analysis::RunningStats;

namespace {

struct Reference {
  double mean;
  double variance;
};

// Two-pass mean and sample variance in long double: the trusted reference.
Reference two_pass(const std::vector<double>& data) {
  long double sum = 0.0L;
  for (double x : data) sum += x;
  const long double mean = sum / static_cast<long double>(data.size());
  long double ss = 0.0L;
  for (double x : data) ss += (x - mean) * (x - mean);
  return {static_cast<double>(mean),
          static_cast<double>(ss / static_cast<long double>(data.size() - 1))};
}

RunningStats stats_of(const std::vector<double>& data, std::size_t begin, std::size_t end) {
  RunningStats stats;
  for (std::size_t i = begin; i < end; ++i) stats.add(data[i]);
  return stats;
}

std::vector<double> normal_data(std::size_t n, double mean, double sd, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(mean, sd);
  std::vector<double> data(n);
  for (double& x : data) x = dist(rng);
  return data;
}

}  // namespace

TEST_CASE("RunningStats matches a two-pass computation", "[analysis]") {
  SECTION("moderate mean and spread") {
    const std::vector<double> data = normal_data(100000, 10.0, 3.0, 42);
    const RunningStats stats = stats_of(data, 0, data.size());
    const Reference ref = two_pass(data);
    REQUIRE(stats.count() == data.size());
    CHECK(stats.mean() == Approx(ref.mean).epsilon(1e-12));
    CHECK(stats.variance() == Approx(ref.variance).epsilon(1e-12));
    CHECK(stats.sd() == Approx(std::sqrt(ref.variance)).epsilon(1e-12));
  }
  SECTION("mean far larger than the spread") {
    // The naive E[x^2] - E[x]^2 formula loses every significant digit here
    // (mean^2 ~ 1e18 vs variance ~ 1: relative error ~1e4 with this data);
    // Welford stays at ~1e-8, the conditioning limit, hence the looser bound.
    const std::vector<double> data = normal_data(100000, 1e9, 1.0, 43);
    const RunningStats stats = stats_of(data, 0, data.size());
    const Reference ref = two_pass(data);
    CHECK(stats.mean() == Approx(ref.mean).epsilon(1e-12));
    CHECK(stats.variance() == Approx(ref.variance).epsilon(1e-6));
  }
  SECTION("min and max are exact") {
    const std::vector<double> data = normal_data(1000, 0.0, 1.0, 44);
    const RunningStats stats = stats_of(data, 0, data.size());
    CHECK(stats.min() == *std::min_element(data.begin(), data.end()));
    CHECK(stats.max() == *std::max_element(data.begin(), data.end()));
  }
}

TEST_CASE("RunningStats known values and standard error", "[analysis]") {
  RunningStats stats;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) stats.add(x);
  CHECK(stats.count() == 8);
  CHECK(stats.mean() == Approx(5.0).epsilon(1e-15));
  CHECK(stats.variance() == Approx(32.0 / 7.0).epsilon(1e-15));
  CHECK(stats.sd() == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
  CHECK(stats.standard_error() == Approx(std::sqrt(32.0 / 7.0) / std::sqrt(8.0)).epsilon(1e-15));
  CHECK(stats.min() == 2.0);
  CHECK(stats.max() == 9.0);
}

TEST_CASE("RunningStats merge equals sequential accumulation", "[analysis]") {
  const std::vector<double> data = normal_data(20000, -3.0, 7.0, 2024);
  const RunningStats sequential = stats_of(data, 0, data.size());

  // Uneven chunks, including an empty and a single-element one.
  const std::vector<std::size_t> cuts = {0, 0, 1, 2500, 2501, 9000, 14000, data.size()};
  std::vector<RunningStats> parts;
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    parts.push_back(stats_of(data, cuts[c], cuts[c + 1]));
  }

  auto check_equal = [&](const RunningStats& merged) {
    REQUIRE(merged.count() == sequential.count());
    CHECK(merged.mean() == Approx(sequential.mean()).epsilon(1e-12));
    CHECK(merged.variance() == Approx(sequential.variance()).epsilon(1e-12));
    CHECK(merged.standard_error() == Approx(sequential.standard_error()).epsilon(1e-12));
    CHECK(merged.min() == sequential.min());
    CHECK(merged.max() == sequential.max());
  };

  RunningStats forward;
  for (const auto& p : parts) forward.merge(p);
  check_equal(forward);

  RunningStats backward;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
  check_equal(backward);

  SECTION("a fixed merge order is bit-for-bit reproducible") {
    RunningStats again;
    for (const auto& p : parts) again.merge(p);
    CHECK(again.mean() == forward.mean());
    CHECK(again.variance() == forward.variance());
  }
  SECTION("self-merge doubles the sample") {
    RunningStats doubled = sequential;
    doubled.merge(doubled);
    std::vector<double> twice = data;
    twice.insert(twice.end(), data.begin(), data.end());
    const Reference ref = two_pass(twice);
    CHECK(doubled.count() == twice.size());
    CHECK(doubled.mean() == Approx(ref.mean).epsilon(1e-12));
    CHECK(doubled.variance() == Approx(ref.variance).epsilon(1e-12));
  }
}

TEST_CASE("RunningStats undefined quantities and invalid input", "[analysis]") {
  RunningStats stats;
  CHECK(stats.empty());
  CHECK(std::isnan(stats.mean()));
  CHECK(std::isnan(stats.variance()));
  CHECK(std::isnan(stats.min()));
  CHECK(std::isnan(stats.max()));

  stats.add(3.5);
  CHECK(stats.mean() == 3.5);
  CHECK(std::isnan(stats.variance()));  // sample variance needs n >= 2
  CHECK(std::isnan(stats.standard_error()));

  CHECK_THROWS_AS(stats.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK_THROWS_AS(stats.add(std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(stats.add(-std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK(stats.count() == 1);
  CHECK(stats.mean() == 3.5);
}
