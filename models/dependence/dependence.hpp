// Dependence (MODEL.md component 2): asymmetric interdependence from the flow
// network — the weighted dependence index D_ij, asymmetry, concentration and
// vulnerability. See docs/models/dependence.md.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo dependence_info();

}  // namespace entente
