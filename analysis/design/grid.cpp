// Full factorial grid: every combination of `levels` level centres per
// parameter, the first parameter varying slowest.
#include <stdexcept>
#include <string>

#include "analysis/design/design.hpp"

namespace entente::analysis {

Design make_grid(const std::vector<DesignParameter>& params, int levels) {
  check_design_parameters(params);
  if (levels < 2) throw std::invalid_argument("a grid needs at least 2 levels per parameter, got " + std::to_string(levels));
  const std::size_t k = params.size();
  const std::size_t l = static_cast<std::size_t>(levels);
  std::size_t rows = 1;
  for (std::size_t j = 0; j < k; ++j) {
    if (rows > kMaxDesignRows / l)
      throw std::invalid_argument("a grid of " + std::to_string(levels) + " levels over " + std::to_string(k) +
                                  " parameters has more than 10^7 points; use fewer levels or an lhs or sobol design");
    rows *= l;
  }
  Design d;
  d.kind = "grid";
  d.base_samples = l;
  d.levels = levels;
  d.u.assign(rows, std::vector<double>(k));
  for (std::size_t i = 0; i < rows; ++i) {
    std::size_t rest = i;
    for (std::size_t j = k; j-- > 0;) {  // the last parameter varies fastest
      const std::size_t level = rest % l;
      rest /= l;
      d.u[i][j] = (static_cast<double>(level) + 0.5) / static_cast<double>(l);
    }
  }
  map_design_values(d, params);
  return d;
}

}  // namespace entente::analysis
