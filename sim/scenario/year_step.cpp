#include "sim/scenario/year_step.hpp"

#include <cmath>

namespace entente {

std::optional<std::size_t> year_step(const std::vector<double>& years, double year) {
  for (std::size_t s = 0; s < years.size(); ++s)
    if (std::fabs(years[s] - year) < kYearTolerance) return s;
  return std::nullopt;
}

}  // namespace entente
