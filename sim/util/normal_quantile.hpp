// Inverse CDF of the standard normal, shared by the RNG (normal shocks) and the
// distributions (inverse-CDF sampling), so both use one pinned algorithm.
#pragma once

namespace entente {

// Phi^-1(p) for p in (0, 1), accurate to a few ulps (Boost.Math erfc_inv,
// evaluated in double).
double standard_normal_quantile(double p);
// Phi(x).
double standard_normal_cdf(double x);

}  // namespace entente
