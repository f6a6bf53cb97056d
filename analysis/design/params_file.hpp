// The parameters file of `entente design` (docs/designs.md):
//
//   parameters:
//     x1: {dist: uniform, min: -3.14159265, max: 3.14159265}
//     x2: {dist: normal, mean: 0, sd: 1, truncate: [-2, 2]}
//   correlations:                      # optional, Spearman rank correlations
//     - {a: x1, b: x2, rank: 0.5}
//
// Each parameter uses the scenario distribution syntax (sim/scenario/
// distribution.hpp). A plain number, {value: ...}, {dist: fixed, ...} and
// {ref: ...} are rejected: a design parameter must vary. Every problem of the
// file is reported at once as a ScenarioError (file:line:column).
#pragma once
#include <string>
#include <vector>

#include "analysis/design/design.hpp"

namespace entente::analysis {

struct ParamsFile {
  std::vector<DesignParameter> parameters;         // in file order
  std::vector<std::vector<double>> correlation;    // k x k rank correlation target; identity if none given
  bool has_correlations = false;                   // some off-diagonal entry was given
};

// Throws ScenarioError with every problem found.
ParamsFile load_params_file(const std::string& path);
// The same from YAML text; `name` stands for the file in diagnostics.
ParamsFile parse_params_text(const std::string& text, const std::string& name);

}  // namespace entente::analysis
