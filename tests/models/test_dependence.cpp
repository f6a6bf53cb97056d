// Dependence properties (MODEL.md component 2): bounds, monotonicity in the
// shares, zero asymmetry for a symmetric pair.
#include <catch2/catch.hpp>

#include "models/dependence/dependence.hpp"
#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

double series_after(const std::string& yaml, int steps, std::size_t outcome) {
  test::Run r(yaml);
  r.steps(steps);
  return r.out(outcome);
}

std::string deps_with(double a_to_b, double b_to_a) {
  return "  - {from: a, to: b, channel: goods, value: " + std::to_string(a_to_b) +
         ", unit: USD bn, source: test}\n"
         "  - {from: b, to: a, channel: goods, value: " +
         std::to_string(b_to_a) +
         ", unit: USD bn, source: test}\n"
         "  - {from: a, to: c, channel: goods, value: 4, unit: USD bn, source: test}\n"
         "  - {from: c, to: a, channel: goods, value: 3, unit: USD bn, source: test}\n"
         "  - {from: b, to: c, channel: goods, value: 8, unit: USD bn, source: test}\n"
         "  - {from: c, to: b, channel: goods, value: 5, unit: USD bn, source: test}\n";
}

}  // namespace

TEST_CASE("dependence lies in [0, 1] and asymmetry in [-1, 1]", "[models][dependence]") {
  for (double x : {0.0, 0.5, 10.0, 1000.0}) {
    test::MiniScenario m;
    m.deps = deps_with(x, 6);
    m.outcomes =
        "  d_ab: {series: dependence.a.b}\n  d_ba: {series: dependence.b.a}\n  asym: {series: asymmetry.a.b}\n"
        "  hhi: {series: hhi_exports.a}\n  vul: {series: vulnerability.a.b}\n";
    for (std::size_t o = 0; o < 5; ++o) {
      const double v = series_after(m.yaml(), 0, o);
      if (o == 2) {
        CHECK(v >= -1.0);
        CHECK(v <= 1.0);
      } else {
        CHECK(v >= 0.0);
        CHECK(v <= 1.0);
      }
    }
  }
}

TEST_CASE("dependence rises with the partner's share of trade", "[models][dependence]") {
  double last = -1;
  for (double x : {1.0, 5.0, 20.0, 80.0}) {
    test::MiniScenario m;
    m.deps = deps_with(x, x);
    const double d = series_after(m.yaml(), 0, 0);  // dep_ab
    CHECK(d > last);
    last = d;
  }
}

TEST_CASE("a symmetric pair has zero asymmetry", "[models][dependence]") {
  test::MiniScenario m;
  m.deps =
      "  - {from: a, to: b, channel: goods, value: 7, unit: USD bn, source: test}\n"
      "  - {from: b, to: a, channel: goods, value: 7, unit: USD bn, source: test}\n"
      "  - {from: a, to: c, channel: goods, value: 3, unit: USD bn, source: test}\n"
      "  - {from: c, to: a, channel: goods, value: 3, unit: USD bn, source: test}\n"
      "  - {from: b, to: c, channel: goods, value: 3, unit: USD bn, source: test}\n"
      "  - {from: c, to: b, channel: goods, value: 3, unit: USD bn, source: test}\n";
  m.outcomes = "  asym: {series: asymmetry.a.b}\n";
  CHECK(series_after(m.yaml(), 0, 0) == Approx(0.0).margin(1e-15));
}

TEST_CASE("the dependence index weighs the available components only", "[models][dependence]") {
  // a exports everything to b and imports everything from b: D_ab = 1
  // whatever the weights, since credit, technology and energy are absent.
  test::MiniScenario m;
  m.deps =
      "  - {from: a, to: b, channel: goods, value: 7, unit: USD bn, source: test}\n"
      "  - {from: b, to: a, channel: goods, value: 2, unit: USD bn, source: test}\n"
      "  - {from: b, to: c, channel: goods, value: 3, unit: USD bn, source: test}\n";
  CHECK(series_after(m.yaml(), 0, 0) == Approx(1.0));
}

TEST_CASE("settlements stay out of dependence, a partner's share of the energy market enters it",
          "[models][dependence]") {
  const std::string trade = deps_with(6, 6);
  auto with = [&](const std::string& extra) {
    test::MiniScenario m;
    m.deps = trade + extra;
    return series_after(m.yaml(), 0, 0);  // dep_ab
  };
  const double base = with("");
  // b's currency in all of a's settlements changes nothing: the currency mix
  // is the Payments component's own outcome.
  CHECK(with("  - {from: b, to: a, channel: payments, value: 100, unit: percent, source: test}\n") ==
        Approx(base).epsilon(1e-12));
  // a sells its energy to b (80) rather than c (20): b's share of a's energy
  // market, 0.8, enters with its weight, so D_ab rises; with the roles
  // swapped it enters as 0.2.
  const double to_b = with("  - {from: a, to: b, channel: energy, value: 8, unit: USD bn, source: test}\n"
                           "  - {from: a, to: c, channel: energy, value: 2, unit: USD bn, source: test}\n");
  const double to_c = with("  - {from: a, to: b, channel: energy, value: 2, unit: USD bn, source: test}\n"
                           "  - {from: a, to: c, channel: energy, value: 8, unit: USD bn, source: test}\n");
  CHECK(to_b > to_c + 0.1);
}

TEST_CASE("a supplier's share of the importer's energy enters with its weight, and only where the weight is set",
          "[models][dependence]") {
  // a buys energy from b (8) and c (2); goods both ways as before. b is 0.8
  // of a's energy supply.
  const std::string deps = deps_with(6, 6) +
                           "  - {from: b, to: a, channel: energy, value: 8, unit: USD bn, source: test}\n"
                           "  - {from: c, to: a, channel: energy, value: 2, unit: USD bn, source: test}\n";
  auto dep_ab = [&](const std::string& weight) {
    test::MiniScenario m;
    m.deps = deps;
    std::string y = m.yaml();
    if (!weight.empty()) {
      const std::string plain = "{name: Dependence}";
      y.replace(y.find(plain), plain.size(), "{name: Dependence, parameters: {weight_energy_supply: " + weight + "}}");
    }
    return series_after(y, 0, 0);
  };
  const double without = dep_ab(""), zero = dep_ab("0");
  CHECK(zero == without);  // the default is 0: the index as before, bit for bit
  // a's index had exports and imports, 0.2 each (a sells no energy and buys
  // no technology or credit): with the supply share at 0.2 it is
  // (0.4 D + 0.2 * 0.8) / 0.6.
  CHECK(dep_ab("0.2") == Approx((0.4 * without + 0.2 * 0.8) / 0.6).epsilon(1e-12));
  // An actor that imports no energy keeps its index whatever the weight.
  auto dep_ba = [&](const std::string& weight) {
    test::MiniScenario m;
    m.deps = deps;
    m.outcomes = "  dep_ba: {series: dependence.b.a}\n";
    std::string y = m.yaml();
    const std::string plain = "{name: Dependence}";
    y.replace(y.find(plain), plain.size(), "{name: Dependence, parameters: {weight_energy_supply: " + weight + "}}");
    return series_after(y, 0, 0);
  };
  CHECK(dep_ba("0.3") == dep_ba("0"));
}
