// Supply properties (docs/models/supply.md): the dual-use wedge is
// ln(1 - d + d f); with no lever off its baseline the component leaves every
// flow as TradeSanctions alone would; a supply lever moves its owner's flows
// in its channels only; export controls, investment screening and secondary
// sanctions lower the supplier's dual-use capacity and supply.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/supply/supply.hpp"
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

// s supplies r (the dual-use pair); w is the West (w1, w2 in alliance w);
// o is a third country.
struct Net {
  bool supply = true;
  std::string levers;
  std::string policies;

  std::string yaml() const {
    std::string y =
        "entente: 1\nname: supply\ntime: {start: 2020, end: 2030, step: year}\nactors:\n"
        "  s: {kind: state, attributes: {gdp: 1000, growth: 0}}\n"
        "  r: {kind: state, attributes: {gdp: 200, growth: 0}}\n"
        "  w1: {kind: state, attributes: {gdp: 800, growth: 0}}\n"
        "  w2: {kind: state, attributes: {gdp: 600, growth: 0}}\n"
        "  o: {kind: state, attributes: {gdp: 500, growth: 0}}\n"
        "  w: {kind: alliance, members: [w1, w2], source: test}\n"
        "dependencies:\n"
        "  - {from: w1, to: s, channel: technology, value: 30, unit: USD bn, source: test}\n"
        "  - {from: w2, to: s, channel: technology, value: 10, unit: USD bn, source: test}\n"
        "  - {from: s, to: r, channel: technology, value: 10, unit: USD bn, source: test}\n"
        "  - {from: s, to: r, channel: goods, value: 5, unit: USD bn, source: test}\n"
        "  - {from: r, to: s, channel: energy, value: 8, unit: USD bn, source: test}\n"
        "  - {from: r, to: s, channel: goods, value: 2, unit: USD bn, source: test}\n"
        "  - {from: r, to: w1, channel: energy, value: 6, unit: USD bn, source: test}\n"
        "  - {from: r, to: w2, channel: energy, value: 4, unit: USD bn, source: test}\n"
        "  - {from: o, to: s, channel: technology, value: 12, unit: USD bn, source: test}\n"
        "  - {from: r, to: o, channel: energy, value: 3, unit: USD bn, source: test}\n"
        "  - {from: o, to: r, channel: goods, value: 3, unit: USD bn, source: test}\n"
        "  - {from: w2, to: r, channel: technology, value: 4, unit: USD bn, source: test}\n"
        "models:\n  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0, gdp_drag: 0}}\n";
    if (supply)
      y += "  - {name: Supply, roles: {supplier: [s], recipient: [r], west: [w]}, parameters: {dual_use_share: 0.4, "
           "western_content: 0.5, screening_transfer: 0.3, secondary_caution: 0.8}}\n";
    y += "outcomes:\n  tech_sr: {series: trade.s.r.technology}\n";
    if (supply) y += "  dual: {series: dual_use.s.r}\n  cap: {series: dual_use_capacity.s}\n";
    return y + levers + policies;
  }
};

}  // namespace

TEST_CASE("the dual-use wedge is ln(1 - d + d f)", "[models][supply]") {
  CHECK(dual_use_wedge(0.4, 1.0) == 0.0);
  CHECK(dual_use_wedge(0.0, 0.1) == 0.0);
  CHECK(dual_use_wedge(1.0, 0.5) == Approx(std::log(0.5)));
  CHECK(dual_use_wedge(0.4, 0.5) == Approx(std::log(0.8)));
  CHECK(std::isfinite(dual_use_wedge(1.0, 0.0)));
  CHECK(dual_use_wedge(0.3, 2.0) > 0.0);
}

TEST_CASE("no levers: the supply wedge is zero and the flows are TradeSanctions' own", "[models][supply]") {
  Net with, without;
  without.supply = false;
  Run a(with.yaml()), b(without.yaml());
  a.steps(5);
  b.steps(5);
  for (double w : a.s.supply_wedge) CHECK(w == 0.0);
  for (std::size_t k = 0; k < a.s.flows.size(); ++k) CHECK(a.s.flows[k] == Approx(b.s.flows[k]).epsilon(1e-12));
  CHECK(a.out("cap") == 1.0);
  CHECK(a.out("dual") == Approx(0.4 * 10.0).epsilon(1e-12));
}

TEST_CASE("a supply lever moves its owner's flows to the target in its channels only", "[models][supply]") {
  Net n;
  n.levers =
      "levers:\n"
      "  pivot: {kind: supply, owner: r, target: s, channels: [energy], intensity: 0, effect: 0.3, source: test}\n"
      "  cutoff: {kind: supply, owner: r, target: w, channels: [energy], intensity: 0, effect: -1.0, source: test}\n";
  n.policies =
      "policies:\n"
      "  pivot_on: {description: t, levers: {pivot: {intensity: 1}}}\n"
      "  cutoff_on: {description: t, levers: {cutoff: {intensity: 0.5}}}\n";
  Run off(n.yaml()), pivot(n.yaml(), "pivot_on"), cut(n.yaml(), "cutoff_on");
  off.steps(3);
  pivot.steps(3);
  cut.steps(3);
  // The wedge acts from the step after Supply writes it; adjustment 1: X = X_off e^w.
  CHECK(pivot.flow("r", "s", Channel::kEnergy) == Approx(off.flow("r", "s", Channel::kEnergy) * std::exp(0.3)));
  CHECK(pivot.flow("r", "s", Channel::kGoods) == Approx(off.flow("r", "s", Channel::kGoods)));
  CHECK(pivot.flow("r", "w1", Channel::kEnergy) == Approx(off.flow("r", "w1", Channel::kEnergy)));
  // An alliance target: each member's energy from r falls by e^(-1 x 0.5).
  for (const char* m : {"w1", "w2"})
    CHECK(cut.flow("r", m, Channel::kEnergy) == Approx(off.flow("r", m, Channel::kEnergy) * std::exp(-0.5)));
  CHECK(cut.flow("r", "s", Channel::kEnergy) == Approx(off.flow("r", "s", Channel::kEnergy)));
}

TEST_CASE("export controls, screening and secondary sanctions lower the dual-use supply", "[models][supply]") {
  Net n;
  n.levers =
      "levers:\n"
      "  controls: {kind: export_controls, owner: w, target: s, intensity: 0, source: test}\n"
      "  screening: {kind: investment_screening, owner: w, target: s, intensity: 0, source: test}\n"
      "  secondary: {kind: secondary_sanctions, owner: w1, target: r, channels: [energy], intensity: 0, "
      "source: test}\n";
  n.policies =
      "policies:\n"
      "  controls: {description: t, levers: {controls: {intensity: 1}}}\n"
      "  screened: {description: t, levers: {controls: {intensity: 1}, screening: {intensity: 1}}}\n"
      "  all: {description: t, levers: {controls: {intensity: 1}, screening: {intensity: 1}, secondary: "
      "{intensity: 1}}}\n";
  Run off(n.yaml()), ctl(n.yaml(), "controls"), scr(n.yaml(), "screened"), all(n.yaml(), "all");
  for (Run* r : {&off, &ctl, &scr, &all}) r->steps(4);
  // Controls cut the West's technology into s by e^-2 (TradeSanctions' default
  // -2): capacity f = (T/T0)^0.5 = e^-1 (o's inflow is not the West's).
  CHECK(off.out("cap") == 1.0);
  CHECK(ctl.out("cap") == Approx(std::exp(-1.0)).epsilon(1e-9));
  CHECK(ctl.flow("s", "r", Channel::kTechnology) ==
        Approx(off.flow("s", "r", Channel::kTechnology) * (0.6 + 0.4 * std::exp(-1.0))).epsilon(1e-9));
  CHECK(ctl.out("dual") < off.out("dual"));
  CHECK(scr.out("cap") == Approx(std::exp(-1.0 - 0.3)).epsilon(1e-9));
  CHECK(scr.out("dual") < ctl.out("dual"));
  // Secondary sanctions (channel energy only, so the generic wedge leaves the
  // technology flow alone): the caution term alone lowers it further.
  CHECK(all.out("cap") == Approx(std::exp(-1.0 - 0.3 - 0.8)).epsilon(1e-9));
  CHECK(all.out("dual") < scr.out("dual"));
  // Goods from s to r carry no dual-use wedge.
  CHECK(ctl.flow("s", "r", Channel::kGoods) == Approx(off.flow("s", "r", Channel::kGoods)));
  // The shared field dual_use (read by PowerArms and Alignment): the series
  // for the roles' pair, d times the West's technology sales to the
  // recipient for each Western actor, 0 elsewhere.
  for (Run* r : {&off, &ctl, &all}) {
    const std::size_t sn = r->id("s"), rn = r->id("r"), na = r->sc->n_actors;
    CHECK(r->s.dual_use[sn * na + rn] == Approx(r->out("dual")).epsilon(1e-12));
    double rest = 0;
    for (std::size_t i = 0; i < na; ++i)
      for (std::size_t j = 0; j < na; ++j) {
        const double v = r->s.dual_use[i * na + j];
        const bool west = r->sc->actor_ids[i] == "w1" || r->sc->actor_ids[i] == "w2";
        if (west && j == rn)
          CHECK(v == Approx(0.4 * r->s.flow(static_cast<std::size_t>(Channel::kTechnology), i, rn)).epsilon(1e-12));
        else if (!(i == sn && j == rn))
          rest += v;
      }
    CHECK(rest == 0.0);
    CHECK(r->s.dual_use[r->id("w2") * na + rn] > 0);
  }
}
