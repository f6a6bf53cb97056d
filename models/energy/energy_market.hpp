// EnergyMarket: the world energy price index that values every energy flow —
// energy as quantity x price. TradeSanctions moves volumes (gravity, wedges,
// re-routing, partial adjustment); this component moves the price they sell
// at, and events move it too (a historical year's observed change, or an
// energy shock). See docs/models/energy_market.md.
#pragma once
#include <cmath>

#include "sim/model/model.hpp"

namespace entente {

ModelInfo energy_market_info();

// One step of the log price: mean reversion towards log(level) at `rate` per
// year and a shock of `volatility` sqrt(dt) z. Exact for rate 0 (a random
// walk) and for volatility 0 (deterministic decay); the result is finite and
// within [kMinPrice, kMaxPrice] for every finite input.
double energy_price_step(double price, double level, double rate, double volatility, double dt, double z);

inline constexpr double kMinEnergyPrice = 1e-3, kMaxEnergyPrice = 1e3;

// The price a reader of energy_price values energy at: the field itself, or
// the floor when it is not a positive finite number (the numeric guard stops
// such a run; this keeps the arithmetic of the step finite until it does).
inline double usable_energy_price(double price) {
  return std::isfinite(price) && price > kMinEnergyPrice ? price : kMinEnergyPrice;
}

}  // namespace entente
