// TradeSanctions properties (MODEL.md component 1): without sanctions flows
// follow GDP; a wedge lowers sender-target flows and raises diversion; flows
// never go negative; totals are consistent.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// test::Run with the flows of a channel.
struct Run : test::Run {
  using test::Run::Run;
  double flow(const char* from, const char* to, Channel c = Channel::kGoods) const {
    return s.flow(static_cast<std::size_t>(c), id(from), id(to));
  }
};

const char* kSanctionLever =
    "levers:\n"
    "  sanction_b: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0.0, source: test}\n"
    "policies:\n"
    "  on: {description: sanctions at full intensity, levers: {sanction_b: {intensity: 1.0}}}\n";

}  // namespace

TEST_CASE("without sanctions, flows follow the gravity path of GDP", "[models][trade]") {
  test::MiniScenario m;  // adjustment_rate 1, no shocks: flows equal their target each step
  Run r(m.yaml());
  r.steps(5);
  const double ya = r.s.gdp[r.id("a")] / r.s.gdp_initial[r.id("a")];
  const double yb = r.s.gdp[r.id("b")] / r.s.gdp_initial[r.id("b")];
  CHECK(ya == Approx(std::exp(0.02 * 5)).epsilon(1e-12));
  CHECK(yb == Approx(std::exp(0.03 * 5)).epsilon(1e-12));
  // gdp_elasticity 1 (the default): X_ab(t) = X_ab(0) Y_a Y_b / (Y_a0 Y_b0),
  // with the GDPs of the step before (PowerArms moves GDP after trade).
  CHECK(r.flow("a", "b") == Approx(10.0 * std::exp(0.02 * 4) * std::exp(0.03 * 4)).epsilon(1e-12));
  CHECK(ya * yb > std::exp(0.05 * 4));  // and GDP has moved on since
}

TEST_CASE("a sanction wedge lowers sender-target flows and diverts trade to non-senders", "[models][trade]") {
  test::MiniScenario m;
  m.trade_params = "{adjustment_rate: 1.0, gdp_drag: 0}";  // keep GDP on its path to isolate the wedge
  m.extra = kSanctionLever;
  Run off(m.yaml()), on(m.yaml(), "on");
  off.steps(3);
  on.steps(3);
  // Sanctions by a on b cut both directions of a<->b trade in goods...
  CHECK(on.flow("a", "b") < off.flow("a", "b"));
  CHECK(on.flow("b", "a") < off.flow("b", "a"));
  // ...and b's lost trade re-routes to c, the non-sender.
  CHECK(on.flow("b", "c") > off.flow("b", "c"));
  CHECK(on.flow("c", "b") > off.flow("c", "b"));
  // With the default elasticity -1.2 at intensity 1: X = G exp(-1.2).
  CHECK(on.flow("a", "b") == Approx(off.flow("a", "b") * std::exp(-1.2)).epsilon(1e-9));
}

TEST_CASE("stronger sanctions cut more and never make a flow negative", "[models][trade]") {
  double last = 1e300;
  for (double intensity : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    test::MiniScenario m;
    // From 0 at the start (the data year) to `intensity` from the first step on.
    m.extra = "levers:\n  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, schedule: "
              "[{year: 2021, intensity: " + std::to_string(intensity) + "}], effect: -6, source: test}\n";
    Run r(m.yaml());
    r.steps(10);
    for (double x : r.s.flows) REQUIRE(x >= 0.0);
    CHECK(r.flow("a", "b") < last);
    last = r.flow("a", "b");
  }
}

TEST_CASE("diverted trade never exceeds what was lost, and leakage lies in [0, 1]", "[models][trade]") {
  test::MiniScenario m;
  m.outcomes =
      "  leak: {series: leakage.b}\n"
      "  loss: {series: export_loss.b}\n"
      "  exports: {series: exports.b}\n"
      "  ab: {series: trade.b.a}\n"
      "  bc: {series: trade.b.c}\n"
      "  ab_goods: {series: trade.b.a.goods}\n";
  m.trade_params = "{adjustment_rate: 1.0, substitution_goods: 1.0}";
  m.extra = kSanctionLever;
  Run r(m.yaml(), "on");
  r.steps(4);
  const double leak = r.s.series[r.sc->outcomes[0].series_slot];
  const double loss = r.s.series[r.sc->outcomes[1].series_slot];
  CHECK(leak >= 0.0);
  CHECK(leak <= 1.0 + 1e-12);
  CHECK(leak == Approx(1.0));  // full substitution, no secondary sanctions: all lost exports re-routed
  CHECK(loss == Approx(0.0).margin(1e-12));
  // Totals: exports are the sum of bilateral trade, which is the sum of channels.
  const double exports = r.s.series[r.sc->outcomes[2].series_slot];
  CHECK(exports == Approx(r.s.series[r.sc->outcomes[3].series_slot] + r.s.series[r.sc->outcomes[4].series_slot]));
  CHECK(r.s.series[r.sc->outcomes[3].series_slot] == Approx(r.s.series[r.sc->outcomes[5].series_slot]));
}

TEST_CASE("secondary sanctions shrink the diversion to third countries", "[models][trade]") {
  test::MiniScenario m;
  m.outcomes = "  leak: {series: leakage.b}\n";
  m.extra =
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, schedule: [{year: 2021, "
      "intensity: 1.0}], source: test}\n"
      "  sec: {kind: secondary_sanctions, owner: a, target: b, channels: [goods], intensity: 0.0, source: test}\n"
      "policies:\n"
      "  secondary: {description: with secondary sanctions, levers: {sec: {intensity: 1.0}}}\n";
  Run plain(m.yaml()), secondary(m.yaml(), "secondary");
  plain.steps(3);
  secondary.steps(3);
  CHECK(secondary.flow("c", "b") < plain.flow("c", "b"));
  CHECK(secondary.s.series[0] < plain.s.series[0]);
}

TEST_CASE("export controls cut only the coalition's sales to the target", "[models][trade]") {
  test::MiniScenario m;
  m.deps +=
      "  - {from: a, to: b, channel: technology, value: 5, unit: USD bn, source: test}\n"
      "  - {from: b, to: a, channel: technology, value: 2, unit: USD bn, source: test}\n";
  m.trade_params = "{adjustment_rate: 1.0, gdp_drag: 0}";
  m.extra = "levers:\n  ec: {kind: export_controls, owner: a, target: b, intensity: 0, schedule: [{year: 2021, "
            "intensity: 1.0}], source: test}\n";
  test::MiniScenario base = m;
  base.extra = "";
  Run on(m.yaml()), off(base.yaml());
  on.steps(2);
  off.steps(2);
  CHECK(on.flow("a", "b", Channel::kTechnology) < off.flow("a", "b", Channel::kTechnology));
  CHECK(on.flow("b", "a", Channel::kTechnology) == Approx(off.flow("b", "a", Channel::kTechnology)));
}

TEST_CASE("energy diversification lowers the coalition's energy imports from the target year after year",
          "[models][trade]") {
  test::MiniScenario m;
  m.deps += "  - {from: b, to: a, channel: energy, value: 20, unit: USD bn, source: test}\n";
  m.outcomes = "  energy: {series: trade.b.a.energy}\n";
  m.extra = "levers:\n  div: {kind: energy_diversification, owner: a, target: b, intensity: 1.0, source: test}\n";
  Run r(m.yaml());
  double last = r.flow("b", "a", Channel::kEnergy);
  for (int i = 0; i < 5; ++i) {
    r.steps(1);
    const double now = r.flow("b", "a", Channel::kEnergy);
    CHECK(now < last);
    last = now;
  }
}

TEST_CASE("start-year flows reflect the baseline intensity and lifting it raises flows", "[models][trade]") {
  test::MiniScenario m;
  m.trade_params = "{adjustment_rate: 1.0, gdp_drag: 0}";
  m.extra =
      "levers:\n"
      "  s: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0.5, baseline_intensity: 0.5, "
      "source: test}\n"
      "policies:\n"
      "  lift: {description: sanctions lifted, levers: {s: {intensity: 0.0}}}\n";
  Run kept(m.yaml()), lifted(m.yaml(), "lift");
  kept.steps(1);
  lifted.steps(1);
  // Kept at the start level: no wedge beyond what the data hold (the first
  // step's gravity uses the start-year GDPs).
  const double gravity_only = 10.0;
  CHECK(kept.flow("a", "b") == Approx(gravity_only).epsilon(1e-12));
  // Lifted: exp(-beta * 0.5) above the gravity path.
  CHECK(lifted.flow("a", "b") == Approx(gravity_only * std::exp(1.2 * 0.5)).epsilon(1e-12));
}

TEST_CASE("secondary sanctions spare actors that sanction the target themselves", "[models][trade]") {
  // c sanctions b on its own; a's secondary sanctions must not treat c as a
  // third country (only third countries are wedged).
  test::MiniScenario m;
  m.trade_params = "{adjustment_rate: 1.0, gdp_drag: 0}";
  m.extra =
      "levers:\n"
      "  c_on_b: {kind: sanctions, owner: c, target: b, channels: [technology], intensity: 0, source: test}\n"
      "  sec: {kind: secondary_sanctions, owner: a, target: b, channels: [goods], intensity: 0, source: test}\n"
      "policies:\n"
      "  secondary: {description: secondary sanctions, levers: {sec: {intensity: 1.0}}}\n";
  Run plain(m.yaml()), secondary(m.yaml(), "secondary");
  plain.steps(2);
  secondary.steps(2);
  CHECK(secondary.flow("c", "b") == Approx(plain.flow("c", "b")).epsilon(1e-12));
  CHECK(secondary.flow("b", "c") == Approx(plain.flow("b", "c")).epsilon(1e-12));
}

// TradeSanctions visits only the pairs that carry a flow or a target (its live
// masks, part of the run's state, docs/performance.md): a pair that had no
// flow and receives re-routed trade must join them, keep adjusting afterwards,
// and a copy of the state taken half-way must continue exactly as the run.
TEST_CASE("a pair without a start-year flow that receives re-routed trade keeps adjusting", "[models][trade]") {
  test::MiniScenario m;
  // b imports goods only from a: when a sanctions b, b's lost imports have no
  // ties to re-route along, so they go to c by economic size (c -> b from 0).
  m.deps =
      "  - {from: a, to: b, channel: goods, value: 10, unit: USD bn, source: test}\n"
      "  - {from: b, to: a, channel: goods, value: 6, unit: USD bn, source: test}\n"
      "  - {from: a, to: c, channel: goods, value: 4, unit: USD bn, source: test}\n"
      "  - {from: c, to: a, channel: goods, value: 3, unit: USD bn, source: test}\n";
  m.trade_params = "{adjustment_rate: 0.5, substitution_goods: 0.8}";
  m.extra = kSanctionLever;
  Run r(m.yaml(), "on");
  CHECK(r.flow("c", "b") == 0.0);
  r.steps(1);
  const double first = r.flow("c", "b");
  CHECK(first > 0.0);
  r.steps(1);
  const double second = r.flow("c", "b");
  CHECK(second > 0.0);
  CHECK(second != first);  // partial adjustment moved it again
  for (double v : r.s.model_state) REQUIRE(std::isfinite(v));

  RunState copy = r.s;
  r.steps(3);
  for (int k = 0; k < 3; ++k) advance_step(*r.sc, copy);
  CHECK(copy.flows == r.s.flows);
  CHECK(copy.model_state == r.s.model_state);
}

namespace {

// Absorptive capacity: a sanctions b (goods and energy) and b re-routes to two
// buyers, c and d. `params` and `actors` go under TradeSanctions; no
// PowerArms, so GDP stays at its start value and only the re-routing moves.
std::string absorption_scenario(const std::string& params, const std::string& actors) {
  return "entente: 1\nname: absorb\ntime: {start: 2020, end: 2030, step: year}\nactors:\n"
         "  a: {kind: state, attributes: {gdp: 100}}\n"
         "  b: {kind: state, attributes: {gdp: 100}}\n"
         "  c: {kind: state, attributes: {gdp: 100}}\n"
         "  d: {kind: state, attributes: {gdp: 100}}\n"
         "dependencies:\n"
         "  - {from: b, to: a, channel: goods, value: 10, unit: USD bn, source: test}\n"
         "  - {from: a, to: b, channel: goods, value: 10, unit: USD bn, source: test}\n"
         "  - {from: b, to: c, channel: goods, value: 4, unit: USD bn, source: test}\n"
         "  - {from: b, to: d, channel: goods, value: 4, unit: USD bn, source: test}\n"
         "  - {from: a, to: c, channel: goods, value: 6, unit: USD bn, source: test}\n"
         "  - {from: a, to: d, channel: goods, value: 6, unit: USD bn, source: test}\n"
         "  - {from: b, to: a, channel: energy, value: 20, unit: USD bn, source: test}\n"
         "  - {from: b, to: c, channel: energy, value: 5, unit: USD bn, source: test}\n"
         "  - {from: b, to: d, channel: energy, value: 5, unit: USD bn, source: test}\n"
         "models:\n  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0, substitution_goods: 1.0, "
         "substitution_energy: 1.0" + params + "}" + actors + "}\n"
         "outcomes:\n  leak: {series: leakage.b}\n  loss: {series: export_loss.b}\n"
         "levers:\n  s: {kind: sanctions, owner: a, target: b, channels: [goods, energy], intensity: 0, "
         "schedule: [{year: 2021, intensity: 1.0}], source: test}\n";
}

}  // namespace

TEST_CASE("a capped buyer never takes more re-routed trade than its ceiling, and the excess goes to partners with "
          "headroom", "[models][trade][absorption]") {
  Run free(absorption_scenario("", "")), capped(absorption_scenario("", ", actors: {c: {absorption_cap_goods: 0.1}}"));
  free.steps(3);
  capped.steps(3);
  // Both a (its sales to b) and b (its sales to a) lose 10 (1 - e^-1.2) of
  // goods exports and re-route all of it (sigma 1) to c and d, which start
  // with goods imports of 4 + 6 each.
  const double cut = 10.0 * (1.0 - std::exp(-1.2));
  auto rerouted = [](const Run& r, const char* buyer) { return r.flow("a", buyer) + r.flow("b", buyer) - 10.0; };
  // Uncapped, c and d share it by their ties, half each.
  CHECK(rerouted(free, "c") == Approx(cut).epsilon(1e-12));
  CHECK(rerouted(free, "d") == Approx(cut).epsilon(1e-12));
  // Capped: c takes at most 0.1 of its goods imports, and the ceiling binds.
  const double ceiling = 0.1 * (4.0 + 6.0);
  CHECK(rerouted(capped, "c") <= ceiling * (1 + 1e-12));
  CHECK(rerouted(capped, "c") == Approx(ceiling).epsilon(1e-12));
  // d has headroom and takes the rest: nothing is lost.
  CHECK(rerouted(capped, "d") == Approx(2 * cut - ceiling).epsilon(1e-12));
  CHECK(capped.out("loss") == Approx(free.out("loss")).margin(1e-12));
  // Sellers meet the ceiling in actor order: a, first, fills c; b's goes to d.
  CHECK(capped.flow("b", "c") == Approx(4.0).epsilon(1e-12));
  // A ceiling on goods leaves energy alone.
  CHECK(capped.flow("b", "c", Channel::kEnergy) == free.flow("b", "c", Channel::kEnergy));
}

TEST_CASE("what no buyer can absorb is lost and shows in the export loss", "[models][trade][absorption]") {
  Run free(absorption_scenario("", "")),
      capped(absorption_scenario("", ", actors: {c: {absorption_cap_goods: 0.1}, d: {absorption_cap_goods: 0.2}}"));
  free.steps(2);
  capped.steps(2);
  CHECK(capped.flow("a", "c") + capped.flow("b", "c") - 10.0 == Approx(0.1 * 10.0).epsilon(1e-12));
  CHECK(capped.flow("a", "d") + capped.flow("b", "d") - 10.0 == Approx(0.2 * 10.0).epsilon(1e-12));
  CHECK(capped.out("leak") < free.out("leak"));
  CHECK(capped.out("loss") > free.out("loss"));
  for (double x : capped.s.flows) REQUIRE(x >= 0.0);
}

TEST_CASE("with ceilings that never bind the flows are the uncapped model's, bit for bit",
          "[models][trade][absorption]") {
  // 1e6 (the default) is no ceiling; 50 is a ceiling that takes the capped
  // path but never binds here: both give the same bits as no ceiling at all.
  for (const char* cap : {"1e6", "50"}) {
    Run free(absorption_scenario("", "")),
        capped(absorption_scenario("", std::string(", actors: {c: {absorption_cap_goods: ") + cap +
                                           ", absorption_cap_energy: " + cap + "}, d: {absorption_cap_goods: " +
                                           cap + "}}"));
    free.steps(5);
    capped.steps(5);
    REQUIRE(free.s.flows.size() == capped.s.flows.size());
    for (std::size_t i = 0; i < free.s.flows.size(); ++i) REQUIRE(free.s.flows[i] == capped.s.flows[i]);
    CHECK(free.out("leak") == capped.out("leak"));
    CHECK(free.out("loss") == capped.out("loss"));
  }
}

TEST_CASE("the diversion discount lowers the value of re-routed energy and nothing else",
          "[models][trade][absorption]") {
  Run full(absorption_scenario("", "")), discounted(absorption_scenario(", diversion_discount_energy: 0.3", ""));
  full.steps(3);
  discounted.steps(3);
  const double cut = 20.0 * (1.0 - std::exp(-1.2));  // b's lost energy exports to a
  // Re-routed energy: half the cut to each buyer, at 70% of its value.
  CHECK(full.flow("b", "c", Channel::kEnergy) == Approx(5.0 + cut / 2).epsilon(1e-12));
  CHECK(discounted.flow("b", "c", Channel::kEnergy) == Approx(5.0 + 0.7 * cut / 2).epsilon(1e-12));
  CHECK(discounted.flow("b", "d", Channel::kEnergy) < full.flow("b", "d", Channel::kEnergy));
  // The sanctioned flow itself and every other channel are unchanged.
  CHECK(discounted.flow("b", "a", Channel::kEnergy) == full.flow("b", "a", Channel::kEnergy));
  for (const char* from : {"a", "b", "c", "d"})
    for (const char* to : {"a", "b", "c", "d"}) CHECK(discounted.flow(from, to) == full.flow(from, to));
  // The lost value is the cost of diversion: export loss up, leakage down.
  CHECK(discounted.out("loss") > full.out("loss"));
  CHECK(discounted.out("leak") < full.out("leak"));
}

TEST_CASE("re-routed energy goes by the buyers' capacity in the share asked for, even to a buyer without a tie",
          "[models][trade][absorption]") {
  // b loses 20 (1 - e^-1.2) of energy sales to a; c and d have equal ties
  // (5 each) but ceilings of 2 and 6 times their imports: 10 and 30.
  const std::string caps = ", actors: {c: {absorption_cap_energy: 2}, d: {absorption_cap_energy: 6}}";
  const double cut = 20.0 * (1.0 - std::exp(-1.2));
  auto rerouted = [](const Run& r, const char* buyer) { return r.flow("b", buyer, Channel::kEnergy) - 5.0; };
  Run ties(absorption_scenario("", caps)), half(absorption_scenario(", capacity_rerouting_energy: 0.5", caps)),
      all(absorption_scenario(", capacity_rerouting_energy: 1", caps));
  ties.steps(2);
  half.steps(2);
  all.steps(2);
  CHECK(rerouted(ties, "c") == Approx(cut / 2).epsilon(1e-12));
  CHECK(rerouted(all, "c") == Approx(cut * 10 / 40).epsilon(1e-12));
  CHECK(rerouted(all, "d") == Approx(cut * 30 / 40).epsilon(1e-12));
  // Half by ties (1/2 each), half by capacity (1/4 and 3/4).
  CHECK(rerouted(half, "c") == Approx(cut * (0.5 * 0.5 + 0.5 * 0.25)).epsilon(1e-12));
  CHECK(rerouted(half, "d") == Approx(cut * (0.5 * 0.5 + 0.5 * 0.75)).epsilon(1e-12));
  // Where it goes changes, not how much: the export loss is the same.
  CHECK(all.out("loss") == Approx(ties.out("loss")).margin(1e-12));
  // Goods are re-routed by ties whatever b is.
  for (const char* buyer : {"c", "d"}) CHECK(all.flow("b", buyer) == ties.flow("b", buyer));

  // A buyer with capacity and no tie to the seller: e imports energy (10,
  // from c) but none from b. By ties it gets nothing; by capacity (ceiling 10,
  // as c's) half.
  const std::string yaml =
      "entente: 1\nname: newbuyer\ntime: {start: 2020, end: 2030, step: year}\nactors:\n"
      "  a: {kind: state, attributes: {gdp: 100}}\n  b: {kind: state, attributes: {gdp: 100}}\n"
      "  c: {kind: state, attributes: {gdp: 100}}\n  e: {kind: state, attributes: {gdp: 100}}\n"
      "dependencies:\n"
      "  - {from: b, to: a, channel: energy, value: 20, unit: USD bn, source: test}\n"
      "  - {from: b, to: c, channel: energy, value: 5, unit: USD bn, source: test}\n"
      "  - {from: c, to: e, channel: energy, value: 10, unit: USD bn, source: test}\n"
      "models:\n  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0, substitution_energy: 1.0, "
      "capacity_rerouting_energy: B}, actors: {c: {absorption_cap_energy: 2}, e: {absorption_cap_energy: 1}}}\n"
      "outcomes:\n  be: {series: trade.b.e.energy}\n"
      "levers:\n  s: {kind: sanctions, owner: a, target: b, channels: [energy], intensity: 0, "
      "schedule: [{year: 2021, intensity: 1.0}], source: test}\n";
  auto with_b = [&](const char* b) { return std::string(yaml).replace(yaml.find("B}"), 1, b); };
  Run none(with_b("0")), some(with_b("1"));
  none.steps(2);
  some.steps(2);
  CHECK(none.out("be") == 0.0);
  CHECK(some.out("be") == Approx(cut / 2).epsilon(1e-12));
}

TEST_CASE("a capped buyer's excess goes to the other buyers in proportion to their headroom",
          "[models][trade][absorption]") {
  // Only b loses exports (a's tariff on b's goods, b -> a); its three buyers
  // have equal ties (4 each), so each first gets a third of the cut.
  const std::string yaml =
      "entente: 1\nname: headroom\ntime: {start: 2020, end: 2030, step: year}\nactors:\n"
      "  a: {kind: state, attributes: {gdp: 100}}\n  b: {kind: state, attributes: {gdp: 100}}\n"
      "  c: {kind: state, attributes: {gdp: 100}}\n  d: {kind: state, attributes: {gdp: 100}}\n"
      "  e: {kind: state, attributes: {gdp: 100}}\n"
      "dependencies:\n"
      "  - {from: b, to: a, channel: goods, value: 10, unit: USD bn, source: test}\n"
      "  - {from: b, to: c, channel: goods, value: 4, unit: USD bn, source: test}\n"
      "  - {from: b, to: d, channel: goods, value: 4, unit: USD bn, source: test}\n"
      "  - {from: b, to: e, channel: goods, value: 4, unit: USD bn, source: test}\n"
      "models:\n  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0, substitution_goods: 1.0}, actors: "
      "{c: {absorption_cap_goods: 0.05}, d: {absorption_cap_goods: 1}, e: {absorption_cap_goods: 2}}}\n"
      "outcomes:\n  leak: {series: leakage.b}\n"
      "levers:\n  t: {kind: tariffs, owner: a, target: b, channels: [goods], intensity: 0, effect: -1.2, "
      "schedule: [{year: 2021, intensity: 1.0}], source: test}\n";
  Run r(yaml);
  r.steps(2);
  const double third = 10.0 * (1.0 - std::exp(-1.2)) / 3;
  const double c_ceiling = 0.05 * 4, excess = third - c_ceiling;
  const double room_d = 1 * 4 - third, room_e = 2 * 4 - third;  // headroom after each buyer's own share
  CHECK(r.flow("b", "c") == Approx(4 + c_ceiling).epsilon(1e-12));
  CHECK(r.flow("b", "d") == Approx(4 + third + excess * room_d / (room_d + room_e)).epsilon(1e-12));
  CHECK(r.flow("b", "e") == Approx(4 + third + excess * room_e / (room_d + room_e)).epsilon(1e-12));
  CHECK(r.out("leak") == Approx(1.0).epsilon(1e-12));  // all of it placed
}
