// The 95% Wilson score interval of a proportion k/n: never of zero width for
// a rare event (0 of 2000 runs gives [0, 0.0019], not "0 ± 0"), and inside [0, 1].
#pragma once

namespace entente::analysis {

struct ProportionInterval {
  double lo = 0, hi = 1;
};

// k successes in n trials (k may be a share times n); n = 0 gives [0, 1].
ProportionInterval wilson_interval(double k, double n);

}  // namespace entente::analysis
