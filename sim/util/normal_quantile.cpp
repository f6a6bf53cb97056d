#include "sim/util/normal_quantile.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>

namespace entente {

namespace {
// Boost evaluates a double's erfc_inv in long double by default (x87 code,
// several times slower); its double-precision rational approximations are
// accurate to about 2 ulp, well within what a sampled uncertainty or a shock
// needs. Every normal draw goes through here (docs/performance.md).
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
}  // namespace

double standard_normal_quantile(double p) {
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * p, DoublePolicy());
}

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace entente
