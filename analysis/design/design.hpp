// Experiment designs: which points of the uncertain-parameter space a sweep
// runs (docs/designs.md). Every design is built in the unit cube first (u)
// and mapped to values (x) through each parameter's inverse CDF, so any
// scenario distribution, truncation included, works with any design.
//
// Row layouts (the sensitivity estimators rely on them):
//
//   grid    levels^k rows, full factorial; the first parameter varies slowest
//           (like itertools.product): row = sum_j l_j * levels^(k-1-j), where
//           parameter j sits at level l_j, u = (l_j + 0.5) / levels.
//   mc      n rows of independent uniforms; column j is the stream of
//           parameter j, so a larger n extends a smaller one.
//   lhs     n rows; every column has exactly one point in each of the n
//           strata [s/n, (s+1)/n).
//   sobol   Saltelli (2010) as SALib's saltelli.sample: for each base sample
//           j = 0..N-1 a block of R rows, R = k+2 (first and total order) or
//           2k+2 (second_order), in this order:
//             A_j, AB_j^1, ..., AB_j^k, [BA_j^1, ..., BA_j^k,] B_j
//           where A_j, B_j are the two halves of point j of a 2k-dimensional
//           Sobol' sequence, AB_j^i is A_j with column i taken from B_j, and
//           BA_j^i is B_j with column i taken from A_j. sobol_row_*() below
//           give the row indices.
//   morris  r trajectories of k+1 rows each, trajectory after trajectory
//           (row of point m of trajectory t: t*(k+1) + m); consecutive rows
//           of a trajectory differ in one coordinate by +-delta,
//           delta = p / (2 (p-1)), and each coordinate moves exactly once.
//           u holds the grid values l/(p-1), which include 0 and 1; x is
//           morris_value(dist, u): the quantile of u, where u = 0 and u = 1
//           give the support's bounds when finite and otherwise the
//           1e-9 and 1 - 1e-9 quantiles.
//
// Randomness comes only from Stream with purpose kDesign (docs/designs.md
// lists the keys). A Sobol' design is deterministic: it skips the first
// points of the sequence as SALib does and does not depend on the seed.
//
// Bad arguments (no parameters, odd Morris levels, too many rows, ...)
// throw std::invalid_argument with a message for the user.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/distribution.hpp"

namespace entente::analysis {

struct DesignParameter {
  std::string name;   // a column of the design: letters, digits, '_' or '.', a letter first
  Distribution dist;  // must vary (not fixed) and be valid
};

struct Design {
  std::string kind;                      // "grid", "mc", "lhs", "sobol", "morris"
  std::vector<std::string> names;        // one per parameter (column)
  std::vector<std::vector<double>> u;    // unit-cube coordinates, u[point][param]; in (0,1) except morris (grid values in [0,1])
  std::vector<std::vector<double>> x;    // values: dist.quantile(u)
  std::size_t base_samples = 0;          // sobol: N; morris: trajectories r; lhs/mc: n; grid: levels per parameter
  bool second_order = false;             // sobol: the BA^i blocks are present
  int levels = 0;                        // morris levels p (even), grid levels
  std::uint64_t seed = 0;                // the seed it was made with (unused by grid and sobol)

  std::size_t rows() const { return u.size(); }
  std::size_t dimension() const { return names.size(); }
};

// The most rows any design may have (memory: 16 bytes per row and parameter).
inline constexpr std::size_t kMaxDesignRows = 10'000'000;

// Morris grid values g in [0, 1] are mapped to x by morris_value(): the
// quantile of g, except that the grid's ends (g = 0 or 1) are the support's
// bounds where they are finite (a uniform's min and max, as SALib) and the
// quantiles of kMorrisClamp and 1 - kMorrisClamp where they are not (a
// normal's 0 and 1 quantiles are infinite; 1e-9 is 6 sd from the mean).
inline constexpr double kMorrisClamp = 1e-9;
double morris_value(const Distribution& dist, double g);

Design make_grid(const std::vector<DesignParameter>& params, int levels);
Design make_monte_carlo(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed);
// maximin_iterations > 1: build that many candidate designs (candidate 0 is
// the plain one) and keep the one whose closest pair of points (Euclidean
// distance in u) is farthest apart.
Design make_lhs(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed,
                int maximin_iterations = 0);
// `seed` is recorded only: the design is the same for every seed.
Design make_sobol(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed, bool second_order);
Design make_morris(const std::vector<DesignParameter>& params, std::size_t trajectories, int levels,
                   std::uint64_t seed);

// The Sobol' points skipped before the first base sample, as SALib: the
// smallest power of two >= n, and at least 16.
std::size_t sobol_skip(std::size_t n);

// Row indices of a Sobol' design with k parameters (i = 0..k-1).
inline std::size_t sobol_rows_per_sample(std::size_t k, bool second_order) {
  return second_order ? 2 * k + 2 : k + 2;
}
inline std::size_t sobol_row_a(std::size_t j, std::size_t k, bool second_order) {
  return j * sobol_rows_per_sample(k, second_order);
}
inline std::size_t sobol_row_ab(std::size_t j, std::size_t i, std::size_t k, bool second_order) {
  return j * sobol_rows_per_sample(k, second_order) + 1 + i;
}
// Only in second-order designs.
inline std::size_t sobol_row_ba(std::size_t j, std::size_t i, std::size_t k) {
  return j * sobol_rows_per_sample(k, true) + 1 + k + i;
}
inline std::size_t sobol_row_b(std::size_t j, std::size_t k, bool second_order) {
  return (j + 1) * sobol_rows_per_sample(k, second_order) - 1;
}

// Morris step on the grid, delta = p / (2 (p-1)).
inline double morris_delta(int levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

// Shared by the makers: checks the parameter list (non-empty, valid varying
// distributions, unique well-formed names); throws std::invalid_argument.
void check_design_parameters(const std::vector<DesignParameter>& params);
// A design with kind and names set, and x computed from u (quantile per column).
void map_design_values(Design& design, const std::vector<DesignParameter>& params);

}  // namespace entente::analysis
