// TradeSanctions (MODEL.md component 1): gravity-scaled bilateral flows with
// sanction wedges, diversion of the target's lost trade to non-senders, and
// partial adjustment. See docs/models/trade_sanctions.md for the equations,
// parameters and sources.
#pragma once
#include "sim/model/model.hpp"

namespace entente {

ModelInfo trade_sanctions_info();

}  // namespace entente
