// Alignment properties (MODEL.md component 4): the index stays in [0, 1];
// stronger pressure raises a*; engagement moves a* with the sign of its
// coefficient; categories follow the cut points; a formal alliance is
// absorbing; under deterministic switching with symmetric propensities the
// landscape energy never rises.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "models/alignment/alignment.hpp"
#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// Pair r (small) and c (large); West w1, w2 (and their alliance wa); swing
// actors s1, s2; a bystander o. `levers`, `events` and `params` are YAML
// fragments; `actors_params` the Alignment per-actor map.
struct AlignScenario {
  std::string params = "{volatility: 0}";
  std::string actor_params =
      "{s1: {west_propensity: 0.5, pair_propensity: 0.1, initial_west: 1}, "
      "s2: {west_propensity: 0.1, pair_propensity: 0.6, initial_west: 0}}";
  std::string levers;
  std::string events;
  std::string extra_models;  // components before Alignment
  std::string outcomes =
      "  a: {series: alignment.r.c}\n"
      "  target: {series: alignment_target.r.c}\n"
      "  cat: {series: alignment_category.r.c}\n"
      "  is1: {series: alignment_is.r.c.convenience}\n"
      "  is2: {series: alignment_is.r.c.partnership}\n"
      "  is3: {series: alignment_is.r.c.quasi_alliance}\n"
      "  is4: {series: alignment_is.r.c.alliance}\n"
      "  formal: {series: formal_alliance.c.r}\n"
      "  side1: {series: side.s1}\n"
      "  side2: {series: side.s2}\n"
      "  p_r: {series: pressure.r}\n"
      "  p_c: {series: pressure.c}\n";

  std::string yaml() const {
    auto actor = [](const char* id, const char* gdp, bool swing) {
      return std::string("  ") + id + ": {kind: state, " + (swing ? "swing: true, " : "") + "attributes: {gdp: " + gdp +
             ", growth: 0.02, growth_sd: 0}}\n";
    };
    std::string y = "entente: 1\nname: align\ntime: {start: 2020, end: 2040, step: year}\nactors:\n" +
                    actor("r", "100", false) + actor("c", "800", false) + actor("w1", "1000", false) +
                    actor("w2", "700", false) + actor("s1", "150", true) + actor("s2", "30", true) +
                    actor("o", "500", false) +
                    "  wa: {kind: alliance, members: [w1, w2], source: test}\n"
                    "dependencies:\n"
                    "  - {from: r, to: c, channel: energy, value: 40, unit: USD bn, source: test}\n"
                    "  - {from: c, to: r, channel: goods, value: 30, unit: USD bn, source: test}\n"
                    "  - {from: r, to: w2, channel: energy, value: 90, unit: USD bn, source: test}\n"
                    "  - {from: w2, to: r, channel: goods, value: 50, unit: USD bn, source: test}\n"
                    "  - {from: c, to: w1, channel: goods, value: 300, unit: USD bn, source: test}\n"
                    "  - {from: c, to: s2, channel: goods, value: 10, unit: USD bn, source: test}\n"
                    "  - {from: r, to: s2, channel: goods, value: 10, unit: USD bn, source: test}\n"
                    "  - {from: c, to: o, channel: goods, value: 200, unit: USD bn, source: test}\n";
    if (!levers.empty()) y += "levers:\n" + levers;
    if (!events.empty()) y += "events:\n" + events;
    y += "models:\n" + extra_models +
         "  - {name: Alignment, roles: {pair: [r, c], west: [w1, w2]}, parameters: " + params +
         ", actors: " + actor_params + "}\n";
    y += "outcomes:\n" + outcomes;
    return y;
  }
};

using test::Run;

Run start(const AlignScenario& m, std::uint64_t seed = 1) { return Run(m.yaml(), "", seed); }

enum { kA, kTarget, kCat, kIs1, kIs2, kIs3, kIs4, kFormal, kSide1, kSide2, kPr, kPc };

std::string lever(const std::string& id, const std::string& kind, const std::string& owner, const std::string& target,
                  double intensity, const std::string& more = "") {
  return "  " + id + ": {kind: " + kind + ", owner: " + owner + ", target: " + target +
         ", intensity: " + std::to_string(intensity) + more + ", source: test}\n";
}

double target_after_one_step(const AlignScenario& m) {
  Run r = start(m);
  advance_step(*r.sc, r.s);
  return r.out(kTarget);
}

}  // namespace

TEST_CASE("alignment stays in [0, 1] under extreme pressure and noise", "[models][alignment]") {
  for (const char* params :
       {"{volatility: 0.5, adjustment_rate: 5, pressure_coef_first: 3, pressure_coef_second: 3, intercept: 10}",
        "{volatility: 0.5, adjustment_rate: 5, intercept: -10, engagement_coef: -3}",
        "{volatility: 0.5, adjustment_rate: 0.1, alliance_hazard: 5}"}) {
    AlignScenario m;
    m.params = params;
    m.levers = lever("sanc_r", "sanctions", "wa", "r", 1.0) + lever("sec_r", "secondary_sanctions", "w1", "r", 1.0) +
               lever("tar_c", "tariffs", "w1", "c", 1.0) + lever("eng_r", "engagement", "w2", "r", 1.0);
    m.events =
        "  up: {hazard: 2, repeatable: true, effects: [{kind: alignment_shift, between: [r, c], size: 1}], source: "
        "test}\n"
        "  down: {hazard: 2, repeatable: true, effects: [{kind: alignment_shift, between: [c, r], size: -1}], source: "
        "test}\n";
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      Run r = start(m, seed);
      for (int t = 0; t < r.sc->n_steps; ++t) {
        advance_step(*r.sc, r.s);
        const double a = r.out(kA);
        REQUIRE(std::isfinite(a));
        CHECK(a >= 0.0);
        CHECK(a <= 1.0);
        CHECK(r.out(kTarget) >= 0.0);
        CHECK(r.out(kTarget) <= 1.0);
        const std::size_t n = r.sc->n_actors;
        const std::size_t ri = *r.sc->actor_index("r"), ci = *r.sc->actor_index("c");
        CHECK(r.s.alignment[ri * n + ci] == r.s.alignment[ci * n + ri]);
      }
    }
  }
}

TEST_CASE("stronger Western pressure raises the alignment target", "[models][alignment]") {
  for (const char* target : {"r", "c"}) {
    double last_target = -1, last_pressure = -1;
    for (double x : {0.0, 0.2, 0.5, 0.8, 1.0}) {
      AlignScenario m;
      m.levers = lever("sanc", "sanctions", "wa", target, x) + lever("ctrl", "export_controls", "w1", target, x);
      Run r = start(m);
      advance_step(*r.sc, r.s);
      const double t = r.out(kTarget);
      const double p = r.out(target[0] == 'r' ? kPr : kPc);
      CHECK(t > last_target);
      CHECK(p > last_pressure);
      CHECK(r.out(target[0] == 'r' ? kPc : kPr) == 0.0);
      last_target = t;
      last_pressure = p;
    }
  }
  // Levers applied by a pair member on the other are not Western pressure.
  AlignScenario m;
  m.levers = lever("own", "sanctions", "c", "r", 1.0);
  Run r = start(m);
  advance_step(*r.sc, r.s);
  CHECK(r.out(kPr) == 0.0);
}

TEST_CASE("higher alignment target pulls the index up over time", "[models][alignment]") {
  AlignScenario lo, hi;
  hi.levers = lever("sanc", "sanctions", "wa", "r", 1.0);
  Run a = start(lo), b = start(hi);
  for (int t = 0; t < 10; ++t) {
    advance_step(*a.sc, a.s);
    advance_step(*b.sc, b.s);
    CHECK(b.out(kA) > a.out(kA));
  }
}

TEST_CASE("the engagement effect follows the sign of its coefficient", "[models][alignment]") {
  AlignScenario off;
  off.levers = lever("eng", "engagement", "w2", "r", 0.0);
  const double base = target_after_one_step(off);
  for (double b : {-1.5, -0.3, 0.0, 0.3, 1.5}) {
    AlignScenario on;
    on.params = "{volatility: 0, engagement_coef: " + std::to_string(b) + "}";
    on.levers = lever("eng", "engagement", "w2", "r", 1.0);
    const double t = target_after_one_step(on);
    if (b < 0) CHECK(t < base);
    if (b > 0) CHECK(t > base);
    if (b == 0) CHECK(t == Approx(base).epsilon(1e-12));
    // A lever's own effect overrides the default coefficient.
    AlignScenario own;
    own.params = "{volatility: 0, engagement_coef: " + std::to_string(-b) + "}";
    own.levers = lever("eng", "engagement", "w2", "r", 1.0, ", effect: " + std::to_string(b));
    CHECK(target_after_one_step(own) == Approx(t).epsilon(1e-12));
  }
  // Partnership levers between the pair members raise a*.
  AlignScenario part;
  part.levers = lever("eng", "engagement", "w2", "r", 0.0) + lever("csp", "partnership", "c", "r", 1.0);
  CHECK(target_after_one_step(part) > base);
}

TEST_CASE("alignment categories follow the cut points", "[models][alignment]") {
  CHECK(alignment_category(0.0, 0.35, 0.65, 0.85) == 1);
  CHECK(alignment_category(0.3499, 0.35, 0.65, 0.85) == 1);
  CHECK(alignment_category(0.35, 0.35, 0.65, 0.85) == 2);
  CHECK(alignment_category(0.6499, 0.35, 0.65, 0.85) == 2);
  CHECK(alignment_category(0.65, 0.35, 0.65, 0.85) == 3);
  CHECK(alignment_category(0.85, 0.35, 0.65, 0.85) == 4);
  CHECK(alignment_category(1.0, 0.35, 0.65, 0.85) == 4);
  CHECK(alignment_category(0.5, 0.2, 0.4, 0.6) == 3);
  // In a run: the category series agrees with the index and the indicators.
  AlignScenario m;
  m.params = "{volatility: 0.3, cut_partnership: 0.3, cut_quasi_alliance: 0.5, cut_alliance: 0.7, alliance_hazard: 0}";
  int seen[5] = {0, 0, 0, 0, 0};
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Run r = start(m, seed);
    for (int t = 0; t < r.sc->n_steps; ++t) {
      advance_step(*r.sc, r.s);
      const double a = r.out(kA);
      const int cat = static_cast<int>(r.out(kCat));
      CHECK(cat == alignment_category(a, 0.3, 0.5, 0.7));
      CHECK(r.out(kIs1) + r.out(kIs2) + r.out(kIs3) + r.out(kIs4) == 1.0);
      CHECK(r.out(kIs1 + static_cast<std::size_t>(cat) - 1) == 1.0);
      ++seen[cat];
    }
  }
  for (int c = 1; c <= 4; ++c) CHECK(seen[c] > 0);
}

TEST_CASE("a formal alliance is absorbing", "[models][alignment]") {
  // Heavy pressure holds a* near 1 until 2023, so the alliance hazard fires
  // at once; then the pressure ends, a* falls near 0 and large negative
  // shifts hit the pair: the alliance stays.
  AlignScenario m;
  m.params =
      "{volatility: 0.05, initial_alignment: 0.95, alliance_hazard: 5, alliance_hazard_slope: 10, "
      "adjustment_rate: 2, intercept: -6, pressure_coef_first: 3, weight_sanctions: 3}";
  m.levers = lever("sanc", "sanctions", "wa", "r", 1.0, ", schedule: [{year: 2023, intensity: 0}]");
  m.events =
      "  rupture: {hazard: 1, repeatable: true, effects: [{kind: alignment_shift, between: [r, c], size: -0.8}], "
      "source: test}\n";
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Run r = start(m, seed);
    CHECK(r.out(kFormal) == 0.0);
    bool formed = false;
    for (int t = 0; t < r.sc->n_steps; ++t) {
      advance_step(*r.sc, r.s);
      if (formed) {
        CHECK(r.out(kFormal) == 1.0);
        CHECK(r.out(kCat) == 4.0);
        CHECK(r.out(kA) >= 0.85);
      }
      formed = formed || r.out(kFormal) == 1.0;
    }
    CHECK(formed);
    CHECK(r.out(kTarget) < 0.1);  // the pull is all the other way by the end
  }
  // Without the hazard no alliance is ever signed, and the index falls.
  m.params =
      "{volatility: 0.05, initial_alignment: 0.95, alliance_hazard: 0, adjustment_rate: 2, intercept: -6, "
      "pressure_coef_first: 3, weight_sanctions: 3}";
  Run r = start(m);
  for (int t = 0; t < r.sc->n_steps; ++t) {
    advance_step(*r.sc, r.s);
    CHECK(r.out(kFormal) == 0.0);
  }
  CHECK(r.out(kA) < 0.85);
}

TEST_CASE("alignment carries on from the value events leave in the shared field", "[models][alignment]") {
  AlignScenario m;
  m.params = "{volatility: 0, adjustment_rate: 0, initial_alignment: 0.4}";
  m.events = "  treaty: {hazard: 50, effects: [{kind: alignment_shift, between: [c, r], size: 0.3}], source: test}\n";
  Run r = start(m);
  CHECK(r.out(kA) == Approx(0.4));
  advance_step(*r.sc, r.s);
  CHECK(r.out(kA) == Approx(0.7));
  advance_step(*r.sc, r.s);
  CHECK(r.out(kA) == Approx(0.7));
}

TEST_CASE("landscape energy never rises under deterministic switching with symmetric propensities",
          "[models][alignment]") {
  std::mt19937_64 gen(20240611);
  std::uniform_real_distribution<double> unit(0.0, 1.0), prop(-1.0, 1.0);
  int total_moves = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 3 + static_cast<std::size_t>(trial % 10);
    std::vector<double> size(n), p(n * n, 0.0);
    std::vector<std::uint8_t> side(n), movable(n);
    for (std::size_t i = 0; i < n; ++i) {
      size[i] = unit(gen) < 0.1 ? 0.0 : unit(gen);
      side[i] = unit(gen) < 0.5 ? 1 : 0;
      movable[i] = unit(gen) < 0.7 ? 1 : 0;
      for (std::size_t j = 0; j < i; ++j) p[i * n + j] = p[j * n + i] = prop(gen);
    }
    const double cost = trial % 3 == 0 ? 0.0 : 0.05 * unit(gen);
    double e = landscape_energy(size, p, side);
    int sweeps = 0;
    while (landscape_best_response(size, p, side, movable, cost)) {
      const double e2 = landscape_energy(size, p, side);
      REQUIRE(e2 <= e + 1e-12);
      e = e2;
      REQUIRE(++sweeps < 1000);
      ++total_moves;
    }
    // At the fixed point no movable actor gains by switching.
    for (std::size_t i = 0; i < n; ++i) {
      if (!movable[i]) continue;
      const double stay = landscape_frustration(size, p, side, i, side[i]);
      const double go = landscape_frustration(size, p, side, i, side[i] ? 0 : 1);
      CHECK(go >= stay - cost - 1e-12);
    }
  }
  CHECK(total_moves > 100);  // the random landscapes do make actors move
}

TEST_CASE("swing actors choose sides by frustration in the deterministic limit", "[models][alignment]") {
  // s1 leans West, s2 towards the pair; with a very sharp logit both go
  // where their frustration is lower, whatever side they start on.
  AlignScenario m;
  m.params = "{volatility: 0, switching_sharpness: 1e6, switching_cost: 0}";
  m.actor_params =
      "{s1: {west_propensity: 0.5, pair_propensity: 0.1, initial_west: 0}, "
      "s2: {west_propensity: 0.1, pair_propensity: 0.9, initial_west: 1}}";
  Run r = start(m);
  CHECK(r.out(kSide1) == 0.0);
  CHECK(r.out(kSide2) == 1.0);
  advance_step(*r.sc, r.s);
  CHECK(r.out(kSide1) == 1.0);
  CHECK(r.out(kSide2) == 0.0);
  const std::size_t s1 = *r.sc->actor_index("s1");
  CHECK(r.s.west_side[s1] == 1.0);

  // Western engagement of s2 strong enough flips it to the West; coercion of
  // s1 strong enough pushes it to the pair's side.
  m.levers = lever("court", "engagement", "wa", "s2", 1.0, ", effect: 2") +
             lever("squeeze", "secondary_sanctions", "w1", "s1", 1.0);
  m.params = "{volatility: 0, switching_sharpness: 1e6, switching_cost: 0, coercion_resentment: 2}";
  Run r2 = start(m);
  advance_step(*r2.sc, r2.s);
  CHECK(r2.out(kSide2) == 1.0);
  CHECK(r2.out(kSide1) == 0.0);
}

TEST_CASE("alignment draws do not depend on the alliance or the levers", "[models][alignment]") {
  // The swing actors' sides use the same uniforms whether or not an alliance
  // fires and whatever the pressure: one normal, one uniform and one uniform
  // per swing actor each step.
  AlignScenario a, b;
  a.params = "{volatility: 0.1, initial_alignment: 0.9, alliance_hazard: 5, switching_sharpness: 2}";
  b.params = "{volatility: 0.1, initial_alignment: 0.9, alliance_hazard: 0, switching_sharpness: 2}";
  b.levers = lever("sanc", "sanctions", "wa", "r", 1.0);
  Run ra = start(a, 7), rb = start(b, 7);
  for (int t = 0; t < ra.sc->n_steps; ++t) {
    advance_step(*ra.sc, ra.s);
    advance_step(*rb.sc, rb.s);
    CHECK(ra.out(kSide1) == rb.out(kSide1));
    CHECK(ra.out(kSide2) == rb.out(kSide2));
  }
}

TEST_CASE("alignment couples to trade and dependence without NaN", "[models][alignment]") {
  AlignScenario m;
  m.extra_models = "  - {name: TradeSanctions}\n  - {name: Dependence}\n";
  m.params = "{volatility: 0.05}";
  m.levers = lever("sanc", "sanctions", "wa", "r", 0.2, ", schedule: [{year: 2022, intensity: 1.0}]") +
             lever("tar", "tariffs", "w1", "c", 0.4);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Run r = start(m, seed);
    for (int t = 0; t < r.sc->n_steps; ++t) {
      advance_step(*r.sc, r.s);
      for (std::size_t o = 0; o < r.sc->outcomes.size(); ++o) REQUIRE(std::isfinite(r.out(o)));
    }
  }
}

TEST_CASE("alignment rejects series outside its pair and swing actors", "[models][alignment]") {
  AlignScenario m;
  m.outcomes = "  bad: {series: alignment.r.w1}\n";
  CHECK_THROWS(test::compile_text(m.yaml()));
  m.outcomes = "  bad: {series: side.w1}\n";
  CHECK_THROWS(test::compile_text(m.yaml()));
  m.outcomes = "  bad: {series: alignment_is.r.c.marriage}\n";
  CHECK_THROWS(test::compile_text(m.yaml()));
  m.outcomes = "  bad: {series: pressure.s1}\n";
  CHECK_THROWS(test::compile_text(m.yaml()));
}

TEST_CASE("a lower dual-use supply between the pair lowers the alignment target by b_du ln(U/U0)",
          "[models][alignment]") {
  // As Supply would publish it in dual_use: 10 from c to r, then halved.
  auto target_after = [](const std::string& b, double second) {
    AlignScenario sc;
    sc.params = "{volatility: 0, dual_use_value_coef: " + b + "}";
    test::Run r(sc.yaml());
    const std::size_t n = r.sc->n_actors;
    r.s.dual_use[r.id("c") * n + r.id("r")] = 10.0;
    r.steps(1);
    const double first = r.out("target");
    r.s.dual_use[r.id("c") * n + r.id("r")] = second;
    r.steps(1);
    return std::array<double, 2>{first, r.out("target")};
  };
  auto logit = [](double p) { return std::log(p / (1 - p)); };
  const auto off = target_after("0", 5.0), on = target_after("0.4", 5.0), same = target_after("0.4", 10.0);
  CHECK(on[0] == Approx(off[0]).epsilon(1e-12));  // the first supply is the reference
  CHECK(logit(on[1]) - logit(off[1]) == Approx(0.4 * std::log(0.5)).epsilon(1e-9));
  CHECK(same[1] == Approx(off[1]).epsilon(1e-12));
}
