// Saltelli's sampling scheme for Sobol' indices (Saltelli 2002; Saltelli et
// al. 2010), laid out exactly as SALib's saltelli.sample so its estimators
// and ours read the same rows (see design.hpp for the layout).
//
// The base sequence is one 2k-dimensional Sobol' sequence (Joe & Kuo 2008
// direction numbers, new-joe-kuo-6.21201, Gray-code order: boost::random::sobol,
// the same table and order as SALib's sobol_sequence). Point j of the design
// uses sequence point skip + j, skip = max(16, next power of two >= N), as
// SALib does by default: the first points of an unscrambled Sobol' sequence
// (the origin and the low-index points that repeat coordinates) would
// otherwise spoil small designs (Campolongo et al. 2011, Owen 2020). We skip
// instead of adding a random shift so that a design is SALib's design for the
// same N, and estimates can be checked against it; the seed is not used.
#include <boost/random/sobol.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "analysis/design/design.hpp"

namespace entente::analysis {

std::size_t sobol_skip(std::size_t n) {
  std::size_t m = 1;
  while (m < n) m *= 2;
  return m < 16 ? 16 : m;
}

Design make_sobol(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed, bool second_order) {
  check_design_parameters(params);
  const std::size_t k = params.size();
  if (2 * k > BOOST_RANDOM_SOBOL_MAX_DIMENSION)
    throw std::invalid_argument("a Sobol' design supports at most " +
                                std::to_string(BOOST_RANDOM_SOBOL_MAX_DIMENSION / 2) + " parameters, got " +
                                std::to_string(k));
  const std::size_t per_sample = sobol_rows_per_sample(k, second_order);
  if (n < 1 || n > kMaxDesignRows / per_sample)
    throw std::invalid_argument("a Sobol' design of " + std::to_string(k) + " parameters takes 1 to " +
                                std::to_string(kMaxDesignRows / per_sample) + " base samples (at most 10^7 rows), got " +
                                std::to_string(n));
  Design d;
  d.kind = "sobol";
  d.base_samples = n;
  d.second_order = second_order;
  d.seed = seed;
  d.u.reserve(n * per_sample);

  // boost's engine never returns the origin: after seed(s) its next point is
  // Gray-code point s + 1, so seed(skip - 1) starts at point `skip`.
  boost::random::sobol engine(2 * k);
  engine.seed(static_cast<boost::random::sobol::result_type>(sobol_skip(n) - 1));
  std::vector<double> point(2 * k);
  for (std::size_t j = 0; j < n; ++j) {
    for (auto& c : point) c = std::ldexp(static_cast<double>(engine()), -64);
    const std::vector<double> a(point.begin(), point.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(point.begin() + static_cast<std::ptrdiff_t>(k), point.end());
    d.u.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      d.u.push_back(a);
      d.u.back()[i] = b[i];
    }
    if (second_order) {
      for (std::size_t i = 0; i < k; ++i) {
        d.u.push_back(b);
        d.u.back()[i] = a[i];
      }
    }
    d.u.push_back(b);
  }
  map_design_values(d, params);
  return d;
}

}  // namespace entente::analysis
