// Dependence (MODEL.md component 2): asymmetric interdependence from the flow
// network — the weighted dependence index D_ij, asymmetry, concentration and
// vulnerability. See docs/models/dependence.md.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo dependence_info();

// The index for one pair on one state, exposed for tests and benchmarks:
// D_ij = sum_c w_c s_c / sum_c w_c over the components c whose denominator
// is positive (exports, imports, technology imports, credit, settlements).
double dependence_index(const struct RunState& s, std::size_t i, std::size_t j, const double weights[5]);

}  // namespace entente
