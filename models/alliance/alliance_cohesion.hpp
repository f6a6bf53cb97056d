// AllianceCohesion (MODEL.md component 5): Friedkin-Johnsen opinion dynamics
// of the members' stances towards two adversaries, cohesion as one minus the
// weighted dispersion of stances, the sanctions coalition of each
// alliance-owned lever gated by the members' stances, and members' defence
// spending shares with burden sharing. See docs/models/alliance_cohesion.md.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo alliance_cohesion_info();

}  // namespace entente
