// Supply: the exporter's own choices and capacity as wedges on the flow
// network — the `supply` levers (energy pivots and cut-offs, arms and
// technology transfers, support to a partner's war economy) and the
// China -> Russia dual-use channel that export controls, investment
// screening and secondary sanctions act on. See docs/models/supply.md.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo supply_info();

// The wedge of the dual-use channel on the supplier -> recipient technology
// flow: ln(1 - d + d f), d the dual-use share of the flow at the start and f
// the supplier's capacity to ship it relative to the start (1: unchanged).
double dual_use_wedge(double share, double capacity);

}  // namespace entente
