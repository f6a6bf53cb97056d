// EnergyMarket — the world energy price index P(t), 1 at the start year
// (docs/models/energy_market.md).
//
// Per step, before TradeSanctions (which values energy flows at this step's P):
//   x = ln P
//   x(t + dt) = x + (1 - exp(-theta dt)) (ln mu - x) + sigma sqrt(dt) z,  z ~ N(0, 1)
// mu the long-run level the market reverts to (relative to the start year),
// theta the reversion rate, sigma the volatility of the annual log change.
// Events move P through their `energy_price` effects (the engine multiplies
// P by 1 + size before the components step). A step in which such an event
// fires is an observed or a scripted year: its change is the event's, so the
// market adds neither reversion nor its own shock that step (z is drawn all
// the same, so that the stream never shifts).
// Sources: EIA Brent spot prices (annual means 2000-2021: sd of the annual log
// change 0.30); mean reversion in commodity prices (Pindyck 1999; Dixit and
// Pindyck 1994); ranges argued in the docs page.
#include "models/energy/energy_market.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

double energy_price_step(double price, double level, double rate, double volatility, double dt, double z) {
  const double p = std::isfinite(price) ? std::clamp(price, kMinEnergyPrice, kMaxEnergyPrice) : 1.0;
  const double mu = std::isfinite(level) ? std::clamp(level, kMinEnergyPrice, kMaxEnergyPrice) : 1.0;
  const double theta = std::isfinite(rate) ? std::max(0.0, rate) : 0.0;
  const double sigma = std::isfinite(volatility) ? std::max(0.0, volatility) : 0.0;
  const double x = std::log(p);
  const double pull = -std::expm1(-theta * dt);  // 1 - exp(-theta dt), exact near 0
  const double next = x + pull * (std::log(mu) - x) + sigma * std::sqrt(dt) * (std::isfinite(z) ? z : 0.0);
  return std::clamp(std::exp(next), kMinEnergyPrice, kMaxEnergyPrice);
}

namespace {

class EnergyMarket final : public Model {
 public:
  EnergyMarket(const CompiledScenario& sc, const ModelParams& p) {
    level_ = p.at("long_run_level");
    rate_ = p.at("reversion_rate");
    volatility_ = p.at("volatility");
    for (std::size_t e = 0; e < sc.events.size(); ++e)
      for (const auto& ef : sc.events[e].effects)
        if (ef.kind == EffectKind::kEnergyPrice) {
          price_events_.push_back(e);
          break;
        }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    if (s.family != "energy_price") return false;
    if (!s.parts.empty()) {
      error = "'energy_price' is one world index and takes no actor ids";
      return false;
    }
    slots_.push_back(slot);
    return true;
  }

  void initialize(RunState& s, std::size_t /*off*/) const override { write_outputs(s); }

  void step(RunState& s, std::size_t /*off*/) const override {
    const double z = s.model_streams[index()].normal();
    bool scripted = false;
    for (std::size_t e : price_events_) scripted = scripted || s.event_fired_now[e] != 0;
    if (scripted) {
      s.energy_price = std::clamp(s.energy_price, kMinEnergyPrice, kMaxEnergyPrice);
    } else {
      s.energy_price = energy_price_step(s.energy_price, s.sampled[level_.slot], s.sampled[rate_.slot],
                                         s.sampled[volatility_.slot], s.dt, z);
    }
    write_outputs(s);
  }

 private:
  void write_outputs(RunState& s) const {
    for (std::size_t slot : slots_) s.series[slot] = s.energy_price;
  }

  ParamHandle level_, rate_, volatility_;
  std::vector<std::size_t> price_events_;  // events with an energy_price effect
  std::vector<std::size_t> slots_;
};

}  // namespace

ModelInfo energy_market_info() {
  ModelInfo info;
  info.name = "EnergyMarket";
  info.family = "energy";
  info.summary = "World energy price index (1 at the start year): mean reversion, shocks and events; "
                 "TradeSanctions values energy flows at it";
  info.params = {
      {"long_run_level", 1.0, 0.05, 20.0, "index (start year = 1)",
       "mu: the price level the market reverts to, relative to the start year",
       "assumption: 1 (the start year's prices) unless the scenario draws it; range docs/models/energy_market.md"},
      {"reversion_rate", 0.3, 0.0, 5.0, "1/year",
       "theta: share of the gap to the long-run level closed per year, 1 - exp(-theta)",
       "assumption: mean reversion of commodity prices, half-lives of 1.4-4.6 years (Pindyck 1999); range "
       "docs/models/energy_market.md"},
      {"volatility", 0.0, 0.0, 2.0, "sd of the annual log change",
       "sigma: the yearly price shock's standard deviation (0: a deterministic path)",
       "EIA Brent spot, annual means 2000-2021: sd of the annual log change 0.30 (21 changes, standard error "
       "0.05); 0 unless the scenario sets it"},
  };
  info.outputs = {
      {"energy_price", "world energy price index, 1 at the start year"},
  };
  info.reads = {"event_fired_now"};
  info.writes = {"energy_price"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<EnergyMarket>(sc, p); };
  return info;
}

}  // namespace entente
