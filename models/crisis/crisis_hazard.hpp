// CrisisHazard (MODEL.md component 7): dyadic event hazards. For every event
// with a `dyad`, the multiplier on its base hazard is exp(beta' (Z - Z0)) with
// covariates power parity, Sino-Russian alignment, alliance cohesion
// (deterrence) and dialogue levers; the engine fires events with it. See
// docs/models/crisis_hazard.md (Correlates of War MID v5.0 base rates;
// Organski & Kugler 1980).
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo crisis_hazard_info();

}  // namespace entente
