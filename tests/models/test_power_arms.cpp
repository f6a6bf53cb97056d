// PowerArms properties (MODEL.md component 6): a1 a2 > k1 k2 => the race is
// stable, else it runs away; spending is never negative; GDP follows its
// trend exactly without shocks or drag, and the drag lowers its level; the
// defence-spending floor holds; arms control damps the race; import need
// falls as the buyer's capability grows.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/power/power_arms.hpp"
#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

struct Arms {
  std::string growth_x = "0", growth_y = "0", sd = "0";
  std::string share_x = "0.04", share_y = "0.02";
  std::string gdp_x = "1000", gdp_y = "4000";
  std::string params = "{}";
  std::string actors = "{}";
  std::string extra;
  std::string end = "2060";
  std::string outcomes =
      "  mx: {series: milex.x}\n"
      "  my: {series: milex.y}\n"
      "  runaway: {series: runaway_race}\n"
      "  gdp_x: {series: gdp.x}\n"
      "  need_y: {series: import_need.y}\n"
      "  ratio: {series: milex_ratio.y.x}\n"
      "  parity: {series: parity.y.x}\n"
      "  burden_x: {series: military_burden.x}\n";

  std::string yaml() const {
    return "entente: 1\nname: arms\ntime: {start: 2020, end: " + end +
           ", step: year}\nactors:\n"
           "  x: {kind: state, attributes: {gdp: " + gdp_x + ", growth: " + growth_x + ", growth_sd: " + sd +
           ", milex_share: " + share_x + "}}\n"
           "  y: {kind: state, attributes: {gdp: " + gdp_y + ", growth: " + growth_y + ", growth_sd: " + sd +
           ", milex_share: " + share_y + "}}\n"
           "  z: {kind: state, attributes: {gdp: 500, growth: 0.01, milex_share: 0.01}}\n"
           "models:\n  - {name: PowerArms, roles: {side_a: [x], side_b: [y]}, parameters: " + params +
           ", actors: " + actors + "}\noutcomes:\n" + outcomes + extra;
  }
};

using test::Run;

std::string coefficients(double kx, double ky, double ax, double ay, double shift_x = 0.0) {
  return "{x: {reaction: " + std::to_string(kx) + ", fatigue: " + std::to_string(ax) +
         ", grievance_shift: " + std::to_string(shift_x) + "}, y: {reaction: " + std::to_string(ky) +
         ", fatigue: " + std::to_string(ay) + "}}";
}

}  // namespace

TEST_CASE("the two-actor Richardson map converges iff a1 a2 > k1 k2", "[models][power_arms]") {
  int stable_cases = 0, unstable_cases = 0;
  for (double k1 : {0.05, 0.2, 0.5, 0.9})
    for (double k2 : {0.1, 0.3, 0.6})
      for (double a1 : {0.1, 0.4, 0.8})
        for (double a2 : {0.15, 0.5, 0.9}) {
          if (std::abs(a1 * a2 - k1 * k2) < 0.01) continue;  // too slow to decide near the boundary
          const RichardsonPair p{k1, k2, a1, a2, 1.0, 2.0};
          std::array<double, 2> m{10.0, 5.0};
          for (int t = 0; t < 4000; ++t) m = richardson_step(m, p, 0.25);
          const bool stable = richardson_stable(k1, k2, a1, a2);
          CHECK(stable == !richardson_runaway({k1}, {a1}, {k2}, {a2}));
          if (stable) {
            ++stable_cases;
            const auto fp = richardson_fixed_point(p);
            CHECK(m[0] == Approx(fp[0]).epsilon(1e-6));
            CHECK(m[1] == Approx(fp[1]).epsilon(1e-6));
          } else {
            ++unstable_cases;
            CHECK(m[0] > 1e6);
            CHECK(m[1] > 1e6);
          }
        }
  CHECK(stable_cases > 20);
  CHECK(unstable_cases > 20);
}

TEST_CASE("the runaway condition of two sides sums the gains k over a on each side", "[models][power_arms]") {
  // Two actors per side with gains 0.5 each: kappa_A = kappa_B = 1, exactly at the boundary.
  CHECK(richardson_runaway({0.1, 0.1}, {0.2, 0.2}, {0.1, 0.1}, {0.2, 0.2}));
  CHECK_FALSE(richardson_runaway({0.1, 0.1}, {0.2, 0.2}, {0.1, 0.09}, {0.2, 0.2}));
  // A side that does not react cannot feed a race; reacting without fatigue always does.
  CHECK_FALSE(richardson_runaway({0.5}, {0.0}, {0.0}, {0.3}));
  CHECK(richardson_runaway({0.01}, {0.0}, {0.01}, {0.3}));
}

TEST_CASE("with constant GDP the component follows the Richardson map and settles when stable",
          "[models][power_arms]") {
  Arms a;
  // k_x k_y = 0.02 < a_x a_y = 0.12; x's grievance rises by 0.002 of GDP a year.
  a.actors = coefficients(0.1, 0.2, 0.3, 0.4, 0.002);
  Run r(a.yaml());
  CHECK(r.out(2) == 0.0);  // runaway_race
  const std::size_t x = r.id("x"), y = r.id("y");
  // The same map in levels: grievance G_i = (a_i m_i(0) - k_i M_j(0) / Y_i + shift_i) Y_i.
  const double mx0 = 40, my0 = 80;
  RichardsonPair p{0.1, 0.2, 0.3, 0.4, 0.3 * mx0 - 0.1 * my0 + 0.002 * 1000, 0.4 * my0 - 0.2 * mx0};
  std::array<double, 2> m{mx0, my0};
  for (int t = 0; t < 40; ++t) {
    r.steps(1);
    m = richardson_step(m, p, 1.0);
    REQUIRE(r.s.milex[x] == Approx(m[0]).epsilon(1e-10));
    REQUIRE(r.s.milex[y] == Approx(m[1]).epsilon(1e-10));
  }
  const auto fp = richardson_fixed_point(p);
  CHECK(r.s.milex[x] == Approx(fp[0]).epsilon(1e-3));
  CHECK(r.s.milex[y] == Approx(fp[1]).epsilon(1e-3));
  CHECK(r.s.milex[x] > mx0);  // the higher grievance raised both...
  CHECK(r.s.milex[y] > my0);  // ...through y's reaction
}

TEST_CASE("an unstable race runs away and raises the flag", "[models][power_arms]") {
  Arms a;
  a.actors = coefficients(0.5, 0.4, 0.3, 0.3, 0.002);  // k_x k_y = 0.2 > a_x a_y = 0.09
  a.params = "{max_burden: 1.0}";
  Run r(a.yaml());
  CHECK(r.out(2) == 1.0);
  double last = r.s.milex[r.id("x")];
  for (int t = 0; t < 20; ++t) {
    r.steps(1);
    CHECK(r.s.milex[r.id("x")] > last);
    last = r.s.milex[r.id("x")];
  }
  CHECK(last > 3 * 40.0);
  r.steps(20);
  // Capped at max_burden, never beyond.
  CHECK(r.out(7) <= 1.0);
  CHECK(r.out(7) == Approx(1.0));
}

TEST_CASE("spending is never negative", "[models][power_arms]") {
  Arms a;
  a.actors = coefficients(0.05, 0.05, 0.5, 0.5, -0.2);  // a grievance far below zero
  a.sd = "0.3";
  a.growth_x = "-0.1";
  Run r(a.yaml());
  bool hit_zero = false;
  for (int t = 0; t < 40; ++t) {
    r.steps(1);
    for (std::size_t i = 0; i < r.s.n_actors; ++i) REQUIRE(r.s.milex[i] >= 0.0);
    REQUIRE(r.out(7) >= 0.0);
    hit_zero = hit_zero || r.s.milex[r.id("x")] == 0.0;
  }
  CHECK(hit_zero);
}

TEST_CASE("GDP follows exp(g t) exactly without shocks or drag", "[models][power_arms]") {
  Arms a;
  a.growth_x = "0.03";
  a.growth_y = "-0.01";
  Run r(a.yaml());
  r.steps(10);
  CHECK(r.s.gdp[r.id("x")] == Approx(1000 * std::exp(0.3)).epsilon(1e-12));
  CHECK(r.s.gdp[r.id("y")] == Approx(4000 * std::exp(-0.1)).epsilon(1e-12));
  CHECK(r.out(3) == r.s.gdp[r.id("x")]);
  // With steady-start grievances and balanced growth the burdens stay put.
  a.growth_y = "0.03";
  Run balanced(a.yaml());
  balanced.steps(10);
  CHECK(balanced.out(7) == Approx(0.04).epsilon(1e-9));
  CHECK(balanced.s.milex[balanced.id("y")] == Approx(0.02 * 4000 * std::exp(0.3)).epsilon(1e-9));
}

TEST_CASE("the sanctions drag lowers the GDP level by (1 - drag) and reverses", "[models][power_arms]") {
  Arms a;
  a.growth_x = "0.02";
  Run r(a.yaml());
  const std::size_t x = r.id("x");
  r.steps(2);
  r.s.gdp_drag[x] = 0.1;  // as TradeSanctions would publish it
  r.steps(3);
  CHECK(r.s.gdp[x] == Approx(1000 * std::exp(0.1) * 0.9).epsilon(1e-12));
  r.s.gdp_drag[x] = 0.25;
  r.steps(1);
  CHECK(r.s.gdp[x] == Approx(1000 * std::exp(0.12) * 0.75).epsilon(1e-12));
  r.s.gdp_drag[x] = 0.0;
  r.steps(1);
  CHECK(r.s.gdp[x] == Approx(1000 * std::exp(0.14)).epsilon(1e-12));
}

TEST_CASE("the defence-spending floor holds", "[models][power_arms]") {
  Arms a;
  a.actors = coefficients(0.03, 0.03, 0.5, 0.5, -0.05);  // spending would fall towards 0
  a.growth_x = "0.02";
  Run r(a.yaml());
  const std::size_t x = r.id("x");
  r.s.milex_target_share[x] = 0.02;  // as AllianceCohesion would publish it
  for (int t = 0; t < 20; ++t) {
    r.steps(1);
    REQUIRE(r.s.milex[x] >= 0.02 * r.s.gdp[x] * (1 - 1e-12));
  }
  CHECK(r.out(7) == Approx(0.02));
  r.s.milex_target_share[x] = 0.05;  // a higher target lifts spending at once
  r.steps(1);
  CHECK(r.out(7) == Approx(0.05));
}

TEST_CASE("arms control lowers the reaction and can end a runaway race", "[models][power_arms]") {
  Arms a;
  a.actors = coefficients(0.5, 0.4, 0.3, 0.3, 0.002);  // runaway without arms control
  a.extra =
      "levers:\n"
      "  treaty: {kind: arms_control, owner: x, target: y, intensity: 0, assumption: test}\n"
      "policies:\n"
      "  treaty: {description: binding arms control, levers: {treaty: {intensity: 1.0}}}\n";
  Run without(a.yaml()), with(a.yaml(), "treaty");
  CHECK(without.out(2) == 1.0);
  // phi 0.5 halves both reactions: 0.25 * 0.2 = 0.05 < 0.09.
  CHECK(with.out(2) == 0.0);
  without.steps(15);
  with.steps(15);
  CHECK(with.s.milex[with.id("x")] < without.s.milex[without.id("x")]);
  CHECK(with.s.milex[with.id("y")] < without.s.milex[without.id("y")]);
}

TEST_CASE("import need falls as the buyer's capability grows", "[models][power_arms]") {
  Arms a;
  a.growth_y = "0.06";  // y's economy, spending and capability grow; x stands still
  Run r(a.yaml());
  const std::size_t y = r.id("y");
  const double c0 = r.s.capability[y];
  CHECK(c0 > 0.0);
  CHECK(r.out(4) == 1.0);
  double last_need = 1.0, last_cap = c0;
  for (int t = 0; t < 10; ++t) {
    r.steps(1);
    CHECK(r.s.capability[y] > last_cap);
    CHECK(r.out(4) < last_need);
    CHECK(r.out(4) == Approx(c0 / r.s.capability[y]).epsilon(1e-12));  // eta = 1 (default)
    last_need = r.out(4);
    last_cap = r.s.capability[y];
  }
  CHECK(r.out(4) > 0.0);
  CHECK(r.out(4) < 0.75);
  // y outgrows x: its spending and capability overtake x's.
  CHECK(r.out(5) > 2.0);
  CHECK(r.out(6) > 1.0);
}

TEST_CASE("capability starts at the attribute when one is given and scales with stock and GDP",
          "[models][power_arms]") {
  Arms a;
  a.share_y = "0.02, capability: 0.15";
  a.growth_y = "0.05";
  a.params = "{military_weight: 0.5, depreciation: 0.1}";
  a.actors = "{y: {reaction: 0}}";  // y keeps its 2% burden
  Run r(a.yaml());
  const std::size_t y = r.id("y");
  CHECK(r.s.capability[y] == Approx(0.15));
  r.steps(5);
  // Stock K(t) = 0.9 K + M, K(0) = M(0) / 0.1; C = 0.15 (K/K0)^0.5 (Y/Y0)^0.5.
  double k = 80 / 0.1;
  for (int t = 1; t <= 5; ++t) k = 0.9 * k + 0.02 * 4000 * std::exp(0.05 * t);
  CHECK(r.s.capability[y] == Approx(0.15 * std::sqrt(k / 800.0) * std::sqrt(std::exp(0.25))).epsilon(1e-9));
  CHECK(r.s.import_need[y] == Approx(0.15 / r.s.capability[y]).epsilon(1e-9));
}

TEST_CASE("PowerArms series reject unknown actors and alliances", "[models][power_arms]") {
  Arms a;
  a.outcomes = "  bad: {series: milex.nowhere}\n";
  CHECK_THROWS_WITH(test::compile_text(a.yaml()), Catch::Contains("unknown actor 'nowhere'"));
  a.outcomes = "  bad: {series: parity.x.x}\n";
  CHECK_THROWS_WITH(test::compile_text(a.yaml()), Catch::Contains("two different actors"));
  a.outcomes = "  bad: {series: milex.x.y}\n";
  CHECK_THROWS_WITH(test::compile_text(a.yaml()), Catch::Contains("one actor id"));
  a.outcomes = "  ok: {series: military_burden.z}\n";
  Run r(a.yaml());
  CHECK(r.out(0) == Approx(0.01));
}

TEST_CASE("war mobilises the aggressor above the war threshold, and military_balance is the sides' ratio",
          "[models][power_arms]") {
  auto burden_x = [](const std::string& size) {
    Arms a;
    a.params = "{war_threshold: 0.4}";
    a.actors = "{x: {reaction: 0, fatigue: 0.3, war_mobilisation: 0.02}, y: {reaction: 0, fatigue: 0.3}}";
    a.outcomes += "  balance: {series: military_balance}\n  burden_y: {series: military_burden.y}\n";
    if (!size.empty())
      a.extra = "events:\n  war: {description: t, at: 2021, effects: [{kind: threat, actor: x, size: " + size +
                "}], source: test}\n";
    Run r(a.yaml());
    const double balance0 = r.out("balance");
    CHECK(balance0 == Approx(40.0 / 80.0));  // side_a x spends 40, side_b y 80
    r.steps(1);
    return std::array<double, 3>{r.out("burden_x"), r.out("burden_y"), r.out("balance")};
  };
  const auto peace = burden_x(""), war = burden_x("1.0"), dispute = burden_x("0.3");
  CHECK(peace[0] == Approx(0.04));
  // One step of dt 1: + mu (T - T_w) = 0.02 x 0.6.
  CHECK(war[0] == Approx(0.04 + 0.02 * 0.6).epsilon(1e-12));
  CHECK(war[1] == Approx(peace[1]));  // the rival does not react (reaction 0)
  CHECK(war[2] > peace[2]);           // x's side spends more against the same rival
  CHECK(dispute[0] == Approx(peace[0]));  // below the threshold: no mobilisation
}

TEST_CASE("the dual-use supply scales capability by (U / U(0))^nu", "[models][power_arms]") {
  // x receives a dual-use supply from z (as Supply publishes it in dual_use):
  // 10 at first, then halved; with nu 0.2 its capability is 0.5^0.2 of the
  // same run with nu 0, and an actor without reliance is untouched.
  auto capability_x = [](const std::string& nu, double second) {
    Arms a;
    a.growth_x = "0.02";
    a.actors = "{x: {dual_use_reliance: " + nu + "}}";
    a.outcomes += "  cap_x: {series: capability.x}\n  cap_y: {series: capability.y}\n";
    Run r(a.yaml());
    const std::size_t x = r.id("x"), z = r.id("z"), n = r.sc->n_actors;
    r.s.dual_use[z * n + x] = 10.0;  // the first positive supply is the reference
    r.steps(1);
    const double first = r.out("cap_x");
    r.s.dual_use[z * n + x] = second;
    r.steps(1);
    return std::array<double, 3>{first, r.out("cap_x"), r.out("cap_y")};
  };
  const auto off = capability_x("0", 5.0), on = capability_x("0.2", 5.0), same = capability_x("0.2", 10.0);
  CHECK(on[0] == Approx(off[0]).epsilon(1e-12));  // starts at the reference: factor 1
  CHECK(on[1] == Approx(off[1] * std::pow(0.5, 0.2)).epsilon(1e-12));
  CHECK(same[1] == Approx(off[1]).epsilon(1e-12));  // an unchanged supply changes nothing
  CHECK(on[2] == Approx(off[2]).epsilon(1e-12));    // y relies on none
}
