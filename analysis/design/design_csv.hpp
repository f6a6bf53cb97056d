// A design as CSV: the parameter names as header, then one row per point in
// design order with each value in the shortest text that reads back to the
// same double.
#pragma once
#include <string>

#include "analysis/design/design.hpp"

namespace entente::analysis {

std::string design_csv(const Design& design);

}  // namespace entente::analysis
