#include "sim/scenario/normal_quantile.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>

namespace entente {

double standard_normal_quantile(double p) {
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * p);
}

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace entente
