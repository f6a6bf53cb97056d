// Latin hypercube (McKay, Beckman & Conover 1979): each column is a random
// permutation of the n strata with a uniform position inside each stratum.
// Optional maximin selection (as pyDOE's 'maximin' criterion): of several
// candidate hypercubes keep the one whose closest two points are farthest apart.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/design/design.hpp"
#include "analysis/design/design_random.hpp"

namespace entente::analysis {

namespace {

// Candidate c of the design: parameter j draws from stream
// (seed, c, 0, kDesign, "lhs:<name>"): n permutation draws, then n positions.
std::vector<std::vector<double>> lhs_candidate(const std::vector<DesignParameter>& params, std::size_t n,
                                               std::uint64_t seed, std::uint64_t candidate) {
  const std::size_t k = params.size();
  const double nd = static_cast<double>(n);
  const double below_one = std::nextafter(1.0, 0.0);
  std::vector<std::vector<double>> u(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    Stream s = design_stream(seed, candidate, "lhs:" + params[j].name);
    const auto strata = random_permutation(s, n);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = (static_cast<double>(strata[i]) + s.uniform()) / nd;
      u[i][j] = std::min(v, below_one);  // (n - 1 + 0.99..) / n may round to 1
    }
  }
  return u;
}

double min_squared_distance(const std::vector<std::vector<double>>& u) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t a = 0; a < u.size(); ++a) {
    for (std::size_t b = a + 1; b < u.size(); ++b) {
      double d2 = 0;
      for (std::size_t j = 0; j < u[a].size() && d2 < best; ++j) {
        const double diff = u[a][j] - u[b][j];
        d2 += diff * diff;
      }
      best = std::min(best, d2);
    }
  }
  return best;
}

}  // namespace

Design make_lhs(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed,
                int maximin_iterations) {
  check_design_parameters(params);
  if (n < 1 || n > kMaxDesignRows)
    throw std::invalid_argument("a Latin hypercube needs 1 to 10^7 points, got " + std::to_string(n));
  if (maximin_iterations < 0 || maximin_iterations > 100'000)
    throw std::invalid_argument("maximin iterations must be between 0 and 100000, got " +
                                std::to_string(maximin_iterations));
  if (maximin_iterations > 1 && n > 20'000)
    throw std::invalid_argument("maximin compares every pair of points and is limited to 20000 points, got " +
                                std::to_string(n));
  Design d;
  d.kind = "lhs";
  d.base_samples = n;
  d.seed = seed;
  d.u = lhs_candidate(params, n, seed, 0);
  if (maximin_iterations > 1) {
    double best = min_squared_distance(d.u);
    for (int c = 1; c < maximin_iterations; ++c) {
      auto candidate = lhs_candidate(params, n, seed, static_cast<std::uint64_t>(c));
      const double score = min_squared_distance(candidate);
      if (score > best) {  // strict: ties keep the earlier candidate
        best = score;
        d.u = std::move(candidate);
      }
    }
  }
  map_design_values(d, params);
  return d;
}

}  // namespace entente::analysis
