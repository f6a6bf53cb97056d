// Payments (MODEL.md component 3): settlement-currency shares with logit
// inertia (Chinn & Frankel 2007) driven by financial and secondary sanctions
// and by the adoption of alternative payment systems, whose participants
// follow Bass (1969) diffusion. Owns flows[payments]. See
// docs/models/payments.md for the equations, parameters and sources.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo payments_info();

}  // namespace entente
