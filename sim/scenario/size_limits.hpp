// The size limits of sim/util/limits.hpp, checked on the tree before
// validation: a scenario over a limit is stopped with one diagnostic per
// exceeded limit, at the first entry over it, before validation and
// compilation spend time and memory on it (and without the noise they would
// add about a half-read scenario).
#pragma once
#include "sim/io/node.hpp"

namespace entente {

// Reports into `d`; checks only what has the expected shape (a wrong shape is
// validation's to report).
void check_size_limits(const Node& root, Diagnostics& d);

}  // namespace entente
