// One entry point for every design kind, as `entente design` and `entente
// sweep` ask for them: the kind by name, its size, and the params file's
// rank correlations applied where the kind allows them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/design/design.hpp"
#include "analysis/design/params_file.hpp"

namespace entente::analysis {

struct DesignRequest {
  std::string kind;          // "sobol", "lhs", "grid", "morris", "mc"
  std::size_t samples = 0;   // sobol: base samples N; lhs, mc: points; morris: trajectories; unused by grid
  int levels = 0;            // grid: levels per parameter; morris: grid levels p (0: 4)
  std::uint64_t seed = 1;
  bool second_order = false; // sobol only
  int maximin = 0;           // lhs only: candidate designs for maximin selection
};

// The design kinds, in the order the help lists them.
const std::vector<std::string>& design_kinds();

// Builds the design; applies params.correlation (Iman-Conover) when the file
// gave correlations. Throws std::invalid_argument for an unknown kind, an
// option the kind does not take, bad sizes, or correlations on a kind whose
// layout they would break.
Design make_design(const ParamsFile& params, const DesignRequest& request);

}  // namespace entente::analysis
