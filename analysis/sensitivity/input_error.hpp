// A problem with what `entente analyze` was given (a design that does not
// follow the layout its estimator needs, row counts that disagree, a missing
// column, a --where that does not parse). The command line reports it with
// exit code 2; anything else that goes wrong is a runtime failure.
#pragma once
#include <stdexcept>
#include <string>
#include "sim/util/error.hpp"

namespace entente::analysis {

// Bad analysis input (a design, a results file): exit code 2.
struct AnalysisInputError : InputError {
  using InputError::InputError;
};

}  // namespace entente::analysis
