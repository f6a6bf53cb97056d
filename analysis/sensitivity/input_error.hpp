// A problem with what `entente analyze` was given (a design that does not
// follow the layout its estimator needs, row counts that disagree, a missing
// column, a --where that does not parse). The command line reports it with
// exit code 2; anything else that goes wrong is a runtime failure.
#pragma once
#include <stdexcept>
#include <string>

namespace entente::analysis {

struct AnalysisInputError : std::runtime_error {
  explicit AnalysisInputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace entente::analysis
