#include "analysis/design/make_design.hpp"

#include <algorithm>
#include <stdexcept>

#include "analysis/design/rank_correlation.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

const std::vector<std::string>& design_kinds() {
  static const std::vector<std::string> kinds = {"sobol", "lhs", "grid", "morris", "mc"};
  return kinds;
}

Design make_design(const ParamsFile& params, const DesignRequest& r) {
  const auto& kinds = design_kinds();
  if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end())
    throw std::invalid_argument("unknown design '" + r.kind + "'; expected " + join_alternatives(kinds) +
                                did_you_mean(r.kind, kinds));
  if (r.second_order && r.kind != "sobol")
    throw std::invalid_argument("second-order terms belong to sobol designs, not " + r.kind);
  if (r.maximin != 0 && r.kind != "lhs") throw std::invalid_argument("maximin selection belongs to lhs designs, not " + r.kind);
  if (params.has_correlations && r.kind != "lhs" && r.kind != "mc")
    throw std::invalid_argument("the params file sets correlations, which only lhs and mc designs can carry (a " +
                                r.kind + " design needs independent parameters); remove them or use lhs");
  Design d;
  if (r.kind == "grid") d = make_grid(params.parameters, r.levels);
  else if (r.kind == "mc") d = make_monte_carlo(params.parameters, r.samples, r.seed);
  else if (r.kind == "lhs") d = make_lhs(params.parameters, r.samples, r.seed, r.maximin);
  else if (r.kind == "sobol") d = make_sobol(params.parameters, r.samples, r.seed, r.second_order);
  else d = make_morris(params.parameters, r.samples, r.levels == 0 ? 4 : r.levels, r.seed);
  if (params.has_correlations) apply_rank_correlation(d, params.correlation);
  return d;
}

}  // namespace entente::analysis
