// Plain Monte Carlo: independent uniforms, one stream per parameter, so a
// design of n points is the first n rows of any larger one with the same seed.
#include <stdexcept>
#include <string>

#include "analysis/design/design.hpp"
#include "analysis/design/design_random.hpp"

namespace entente::analysis {

Design make_monte_carlo(const std::vector<DesignParameter>& params, std::size_t n, std::uint64_t seed) {
  check_design_parameters(params);
  if (n < 1 || n > kMaxDesignRows)
    throw std::invalid_argument("a Monte Carlo design needs 1 to 10^7 points, got " + std::to_string(n));
  const std::size_t k = params.size();
  Design d;
  d.kind = "mc";
  d.base_samples = n;
  d.seed = seed;
  d.u.assign(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    Stream s = design_stream(seed, 0, "mc:" + params[j].name);
    for (std::size_t i = 0; i < n; ++i) d.u[i][j] = s.uniform();
  }
  map_design_values(d, params);
  return d;
}

}  // namespace entente::analysis
