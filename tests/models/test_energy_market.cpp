// EnergyMarket and energy as quantity x price (docs/models/energy_market.md):
// the price step reverts towards its level at the stated speed and is finite
// for any input; an event's energy_price effect is that year's whole change;
// TradeSanctions values energy flows at the index (a price change revalues
// them at once, goods untouched) and without the component every flow is
// the model's without prices; the shocks' spread is the volatility asked for.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "models/energy/energy_market.hpp"
#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

struct Run : test::Run {
  using test::Run::Run;
  double flow(const char* from, const char* to, Channel c) const {
    return s.flow(static_cast<std::size_t>(c), id(from), id(to));
  }
};

// r sells energy to b and c and trades goods with both; an oil shock in 2022.
std::string market(bool with_market, const std::string& market_params, bool shock = true) {
  std::string y =
      "entente: 1\nname: energy\ntime: {start: 2021, end: 2030, step: year}\nactors:\n"
      "  r: {kind: state, attributes: {gdp: 1800, growth: 0}}\n"
      "  b: {kind: state, attributes: {gdp: 15000, growth: 0}}\n"
      "  c: {kind: state, attributes: {gdp: 17000, growth: 0}}\n"
      "dependencies:\n"
      "  - {from: r, to: b, channel: energy, value: 100, unit: USD bn, source: test}\n"
      "  - {from: r, to: c, channel: energy, value: 60, unit: USD bn, source: test}\n"
      "  - {from: r, to: c, channel: goods, value: 20, unit: USD bn, source: test}\n"
      "  - {from: c, to: r, channel: goods, value: 70, unit: USD bn, source: test}\n"
      "models:\n";
  if (with_market) y += "  - {name: EnergyMarket, parameters: " + market_params + "}\n";
  y += "  - {name: TradeSanctions, parameters: {adjustment_rate: 0.5, gdp_drag: 0}}\n";
  if (shock)
    y += "events:\n  oil_shock: {at: 2022, effects: [{kind: energy_price, size: 0.4}], source: test}\n";
  y += "outcomes:\n  energy_rc: {series: trade.r.c.energy}\n";
  if (with_market) y += "  price: {series: energy_price}\n";
  return y;
}

}  // namespace

TEST_CASE("energy price step: reversion at the stated speed, finite for any input", "[models][energy]") {
  // No volatility: the log gap to the level shrinks by exp(-theta dt) a step.
  const double p = energy_price_step(2.0, 1.0, 0.3, 0.0, 1.0, 0.7);
  CHECK(std::log(p) == Approx(std::log(2.0) * std::exp(-0.3)));
  // No reversion: a random walk in logs, sigma sqrt(dt) z.
  CHECK(std::log(energy_price_step(1.5, 0.8, 0.0, 0.25, 0.5, -1.2)) ==
        Approx(std::log(1.5) - 0.25 * std::sqrt(0.5) * 1.2));
  // At its level and without shocks the price stays, bit for bit.
  CHECK(energy_price_step(1.0, 1.0, 0.4, 0.3, 1.0, 0.0) == 1.0);
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (double x : {nan, inf, -inf, -5.0, 0.0, 1e300}) {
    INFO(x);
    for (double v : {energy_price_step(x, 1, 0.3, 0.3, 1, 1), energy_price_step(1, x, 0.3, 0.3, 1, 1),
                     energy_price_step(1, 1, x, 0.3, 1, 1), energy_price_step(1, 1, 0.3, x, 1, 1),
                     energy_price_step(1, 1, 0.3, 0.3, 1, x)}) {
      CHECK(std::isfinite(v));
      CHECK(v >= kMinEnergyPrice);
      CHECK(v <= kMaxEnergyPrice);
    }
  }
}

TEST_CASE("an energy_price event is its year's whole change, and reversion follows", "[models][energy]") {
  // Volatile market: the shock year still moves by exactly the event's +40%.
  for (std::uint64_t run = 0; run < 20; ++run) {
    Run a(market(true, "{long_run_level: 1, reversion_rate: 0.3, volatility: 0.3}"), "", 7, run);
    a.steps(1);
    CHECK(a.out("price") == Approx(1.4).epsilon(1e-15));
  }
  // Without volatility, 2023 closes 1 - exp(-0.3) of the log gap to the level.
  Run b(market(true, "{long_run_level: 1, reversion_rate: 0.3, volatility: 0}"));
  b.steps(2);
  CHECK(std::log(b.out("price")) == Approx(std::log(1.4) * std::exp(-0.3)));
}

TEST_CASE("energy flows are valued at the price index, goods are not", "[models][energy]") {
  const std::string still = "{long_run_level: 1, reversion_rate: 0, volatility: 0}";
  Run priced(market(true, still)), flat(market(true, still, false));
  priced.steps(1);
  flat.steps(1);
  // The price jumps at once: partial adjustment moves volumes, not prices.
  CHECK(priced.flow("r", "c", Channel::kEnergy) == Approx(1.4 * flat.flow("r", "c", Channel::kEnergy)).epsilon(1e-14));
  CHECK(priced.flow("r", "b", Channel::kEnergy) == Approx(1.4 * flat.flow("r", "b", Channel::kEnergy)).epsilon(1e-14));
  CHECK(priced.flow("r", "c", Channel::kGoods) == flat.flow("r", "c", Channel::kGoods));
  CHECK(priced.flow("c", "r", Channel::kGoods) == flat.flow("c", "r", Channel::kGoods));
  CHECK(priced.out("energy_rc") == Approx(1.4 * 60).epsilon(1e-12));
  // A later fall revalues the same way: the price set back to 1 by an event
  // of -1/1.4 gives the flat path again.
  priced.s.energy_price = 1.0;
  priced.steps(1);
  flat.steps(1);
  CHECK(priced.flow("r", "c", Channel::kEnergy) == Approx(flat.flow("r", "c", Channel::kEnergy)).epsilon(1e-14));
}

TEST_CASE("without EnergyMarket the price stays 1 and the flows are the model's without prices",
          "[models][energy]") {
  Run none(market(false, "", false)), still(market(true, "{long_run_level: 1, reversion_rate: 0.3, volatility: 0}", false));
  none.steps(5);
  still.steps(5);
  CHECK(none.s.energy_price == 1.0);
  CHECK(still.s.energy_price == 1.0);
  CHECK(none.s.flows == still.s.flows);
}

TEST_CASE("the market's yearly log changes have the volatility asked for", "[models][energy]") {
  // A random walk (no reversion, no event): annual log changes ~ N(0, 0.3^2).
  const int runs = 400, years = 5;
  std::vector<double> changes;
  for (int run = 0; run < runs; ++run) {
    Run a(market(true, "{long_run_level: 1, reversion_rate: 0, volatility: 0.3}", false), "", 11,
          static_cast<std::uint64_t>(run));
    double last = std::log(a.out("price"));
    for (int y = 0; y < years; ++y) {
      a.steps(1);
      const double now = std::log(a.out("price"));
      changes.push_back(now - last);
      last = now;
    }
  }
  double mean = 0, sq = 0;
  for (double c : changes) mean += c;
  mean /= static_cast<double>(changes.size());
  for (double c : changes) sq += (c - mean) * (c - mean);
  const double sd = std::sqrt(sq / static_cast<double>(changes.size() - 1));
  const double n = static_cast<double>(changes.size());
  CHECK(std::abs(mean) < 4 * 0.3 / std::sqrt(n));
  CHECK(std::abs(sd - 0.3) < 4 * 0.3 / std::sqrt(2 * (n - 1)));  // 4 standard errors of a normal sd
}

namespace {

// r exports energy and goods to c; PowerArms gives r's GDP the energy rent
// P^epsilon; no growth, no shocks, an oil shock of +40% in 2022.
std::string rent_scenario(const char* epsilon) {
  return std::string(
             "entente: 1\nname: rent\ntime: {start: 2021, end: 2030, step: year}\nactors:\n"
             "  r: {kind: state, attributes: {gdp: 1800, growth: 0, milex_share: 0.04}}\n"
             "  c: {kind: state, attributes: {gdp: 17000, growth: 0, milex_share: 0.016}}\n"
             "dependencies:\n"
             "  - {from: r, to: c, channel: energy, value: 60, unit: USD bn, source: test}\n"
             "  - {from: r, to: c, channel: goods, value: 20, unit: USD bn, source: test}\n"
             "  - {from: c, to: r, channel: goods, value: 70, unit: USD bn, source: test}\n"
             "models:\n"
             "  - {name: EnergyMarket, parameters: {long_run_level: 1, reversion_rate: 0, volatility: 0}}\n"
             "  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0, gdp_drag: 0}}\n"
             "  - {name: PowerArms, roles: {side_a: [c], side_b: [r]}, actors: {r: {energy_price_elasticity: ") +
         epsilon +
         "}}}\n"
         "events:\n  oil_shock: {at: 2022, effects: [{kind: energy_price, size: 0.4}], source: test}\n"
         "outcomes:\n  gdp_r: {series: gdp.r}\n";
}

}  // namespace

TEST_CASE("an exporter's GDP carries the energy rent P^epsilon, and its energy sales count the price once",
          "[models][energy][power]") {
  Run none(rent_scenario("0")), half(rent_scenario("0.5"));
  // 2022: the price jumps; PowerArms (last in the order) lifts r's GDP.
  none.steps(1);
  half.steps(1);
  CHECK(none.out("gdp_r") == 1800.0);
  CHECK(half.out("gdp_r") == Approx(1800.0 * std::sqrt(1.4)).epsilon(1e-14));
  CHECK(half.s.energy_rent[half.id("r")] == Approx(std::sqrt(1.4)).epsilon(1e-14));
  CHECK(half.s.energy_rent[half.id("c")] == 1.0);
  // 2023: TradeSanctions sees the richer r. Its goods sales and purchases
  // grow with its GDP (gravity, elasticity 1 by default) ...
  none.steps(1);
  half.steps(1);
  CHECK(half.flow("c", "r", Channel::kGoods) == Approx(std::sqrt(1.4) * none.flow("c", "r", Channel::kGoods)).epsilon(1e-12));
  CHECK(half.flow("r", "c", Channel::kGoods) == Approx(std::sqrt(1.4) * none.flow("r", "c", Channel::kGoods)).epsilon(1e-12));
  // ... but its energy sales carry the price once, as P, not P^(1 + epsilon).
  CHECK(half.flow("r", "c", Channel::kEnergy) == Approx(none.flow("r", "c", Channel::kEnergy)).epsilon(1e-12));
  CHECK(none.flow("r", "c", Channel::kEnergy) == Approx(1.4 * 60).epsilon(1e-12));
  // The burden does not react to a valuation: r's rival ratio uses its GDP
  // without the rent, so its military burden is the same.
  CHECK(half.s.milex[half.id("r")] / half.s.gdp[half.id("r")] ==
        Approx(none.s.milex[none.id("r")] / none.s.gdp[none.id("r")]).epsilon(1e-12));
}
