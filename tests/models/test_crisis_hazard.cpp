// CrisisHazard properties (MODEL.md component 7): a zero rate never fires;
// the empirical rate over many runs matches lambda within its standard error,
// with the multiplier at 1 and with a dialogue covariate; dialogue lowers the
// crisis probability; the multiplier is 1 at the start and follows parity,
// alignment and cohesion; an injected event is logged and applies its effects.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/crisis/crisis_hazard.hpp"
#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

struct Crisis {
  std::string hazard = "0.39";
  std::string params = "{}";
  std::string roles = "{alignment_pair: [r, c]}";
  std::string dialogue_intensity = "0";
  std::string outcomes =
      "  p: {series: crisis_probability.u.r}\n"
      "  rate: {series: crisis_rate.r.u}\n"
      "  mult: {series: hazard_multiplier.ur_crisis}\n"
      "  p_rc: {series: crisis_probability.r.c}\n";
  std::string end = "2070";
  std::string u_capability = "300";
  std::string extra_events;
  std::string extra_levers;

  std::string yaml() const {
    return "entente: 1\nname: crisis\ntime: {start: 2020, end: " + end +
           ", step: year}\nactors:\n"
           "  u: {kind: state, attributes: {gdp: 20000, capability: " + u_capability + "}}\n"
           "  e: {kind: bloc, attributes: {gdp: 15000, capability: 100}}\n"
           "  r: {kind: state, attributes: {gdp: 2000, capability: 100}}\n"
           "  c: {kind: state, attributes: {gdp: 15000, capability: 200}}\n"
           "  west: {kind: alliance, members: [u, e]}\n"
           "levers:\n"
           "  talks: {kind: engagement, owner: u, target: r, intensity: " + dialogue_intensity +
           ", assumption: test}\n" + extra_levers +
           "events:\n"
           "  ur_crisis: {hazard: " + hazard + ", repeatable: true, dyad: [u, r], effects: [{kind: gdp_shock, "
           "actor: r, size: -0.1}], source: CoW MID v5.0 US-Russia}\n"
           "  rc_rupture: {hazard: 0.05, dyad: [r, c], source: test}\n"
           "  west_r: {hazard: 1.39, repeatable: true, dyad: [r, west], source: CoW MID v5.0}\n"
           "  plain: {hazard: 0.1, repeatable: true, source: test}\n" + extra_events +
           "models:\n  - {name: CrisisHazard, roles: " + roles + ", parameters: " + params + "}\n"
           "outcomes:\n" + outcomes +
           "policies:\n  dialogue: {description: talks, levers: {talks: {intensity: 1.0}}}\n" +
           (extra_levers.empty() ? "" : "  pressure: {description: drills, levers: {drills: {intensity: 1.0}}}\n");
  }
};

// test::Run with seed 7.
struct Run : test::Run {
  explicit Run(const std::string& yaml, const std::string& policy = "") : test::Run(yaml, policy, 7) {}
};

// Fraction of run-years in which event `e` fired, over runs x steps (dt = 1).
double firing_frequency(const CompiledScenario& sc, std::size_t e, int runs, int steps) {
  RunState s;
  long fired = 0;
  for (int run = 0; run < runs; ++run) {
    initialize_run(sc, {11, 0, static_cast<std::uint64_t>(run)}, s);
    for (int t = 0; t < steps; ++t) {
      advance_step(sc, s);
      fired += s.event_fired_now[e];
    }
  }
  return static_cast<double>(fired) / (static_cast<double>(runs) * steps);
}

}  // namespace

TEST_CASE("the multiplier is 1 at the start and while the state stays at its baseline", "[models][crisis_hazard]") {
  Crisis c;
  Run r(c.yaml());
  for (std::size_t e = 0; e < r.s.hazard_multiplier.size(); ++e) CHECK(r.s.hazard_multiplier[e] == 1.0);
  CHECK(r.out(2) == 1.0);
  CHECK(r.out(0) == Approx(1.0 - std::exp(-0.39)));
  CHECK(r.out(1) == Approx(0.39));
  r.steps(3);
  for (std::size_t e = 0; e < r.s.hazard_multiplier.size(); ++e) CHECK(r.s.hazard_multiplier[e] == Approx(1.0));
}

TEST_CASE("a zero rate never fires whatever the multiplier", "[models][crisis_hazard]") {
  Crisis c;
  c.hazard = "0";
  c.params = "{beta_dialogue: 2}";  // dialogue raises the multiplier to e^2 here
  auto sc = test::compile_text(c.yaml(), "dialogue");
  REQUIRE(sc);
  const std::size_t e = *sc->event_index("ur_crisis");
  CHECK(firing_frequency(*sc, e, 200, 50) == 0.0);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  CHECK(s.hazard_multiplier[e] == Approx(std::exp(2.0)));
}

TEST_CASE("the empirical annual rate matches the base hazard within 3 standard errors", "[models][crisis_hazard]") {
  Crisis c;
  auto sc = test::compile_text(c.yaml());
  REQUIRE(sc);
  const int runs = 400, steps = 50;  // 20,000 run-years
  const double p = 1.0 - std::exp(-0.39);
  const double se = std::sqrt(p * (1 - p) / (runs * steps));
  const double f = firing_frequency(*sc, *sc->event_index("ur_crisis"), runs, steps);
  CHECK(std::abs(f - p) < 3 * se);
  // The rate implied by the frequency, -ln(1 - f), is lambda.
  CHECK(-std::log(1 - f) == Approx(0.39).epsilon(0.05));
}

TEST_CASE("with a dialogue lever the empirical rate matches base * exp(beta dZ)", "[models][crisis_hazard]") {
  Crisis c;
  c.params = "{beta_dialogue: -0.7}";
  auto sc = test::compile_text(c.yaml(), "dialogue");
  REQUIRE(sc);
  const int runs = 400, steps = 50;
  const double lambda = 0.39 * std::exp(-0.7);
  const double p = 1.0 - std::exp(-lambda);
  const double se = std::sqrt(p * (1 - p) / (runs * steps));
  const double f = firing_frequency(*sc, *sc->event_index("ur_crisis"), runs, steps);
  CHECK(std::abs(f - p) < 3 * se);
  // Clearly below the rate without dialogue (p = 0.32).
  CHECK(f < 1.0 - std::exp(-0.39) - 10 * se);
  // Events of other dyads and events without a dyad are untouched.
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  CHECK(s.hazard_multiplier[*sc->event_index("rc_rupture")] == 1.0);
  CHECK(s.hazard_multiplier[*sc->event_index("plain")] == 1.0);
  // The alliance's dyad with r: u (a member) owns the talks with r.
  CHECK(s.hazard_multiplier[*sc->event_index("west_r")] == Approx(std::exp(-0.7)));
}

TEST_CASE("dialogue lowers the crisis probability", "[models][crisis_hazard]") {
  Crisis c;
  Run without(c.yaml()), with(c.yaml(), "dialogue");
  CHECK(with.out(0) < without.out(0));
  CHECK(with.out(0) == Approx(1.0 - std::exp(-0.39 * std::exp(-0.5))));  // default beta_dialogue -0.5
  with.steps(2);
  without.steps(2);
  CHECK(with.out(0) < without.out(0));
}

TEST_CASE("the multiplier follows parity, alignment and cohesion relative to the start", "[models][crisis_hazard]") {
  Crisis c;
  c.params = "{beta_parity: 0.5, beta_alignment: 1.0, beta_cohesion: -1.0}";
  Run r(c.yaml());
  const std::size_t rr = r.id("r"), cc = r.id("c");
  const std::size_t n = r.s.n_actors;
  r.steps(1);  // baseline: capabilities 300 vs 100, alignment 0, cohesion 1
  CHECK(r.out(2) == Approx(1.0));
  // r catches up with u: from 3:1 to parity, Zp from -ln 3 to 0.
  r.s.capability[rr] = 300;
  r.steps(1);
  CHECK(r.out(2) == Approx(std::pow(3.0, 0.5)));
  r.s.capability[rr] = 100;
  // Sino-Russian alignment rises to 0.6: other dyads up, the pair's own dyad down.
  r.s.alignment[rr * n + cc] = r.s.alignment[cc * n + rr] = 0.6;
  r.steps(1);
  CHECK(r.out(2) == Approx(std::exp(0.6)));
  // r (100) vs c (200): parity unchanged, alignment -0.6.
  CHECK(r.s.hazard_multiplier[r.ev("rc_rupture")] == Approx(std::exp(-0.6)));
  r.s.alignment[rr * n + cc] = r.s.alignment[cc * n + rr] = 0.0;
  // Cohesion of the alliance falls to 0.5: deterrence weakens for dyads with a member.
  r.s.cohesion = 0.5;
  r.steps(1);
  CHECK(r.out(2) == Approx(std::exp(0.5)));
  CHECK(r.s.hazard_multiplier[r.ev("west_r")] == Approx(std::exp(0.5)));
  CHECK(r.s.hazard_multiplier[r.ev("rc_rupture")] == Approx(1.0));
}

TEST_CASE("the multiplier stays within [0, 20]", "[models][crisis_hazard]") {
  Crisis c;
  c.params = "{beta_dialogue: 5, beta_parity: 3}";
  Run r(c.yaml(), "dialogue");
  CHECK(r.out(2) == Approx(20.0));
  r.steps(1);
  r.s.capability[r.id("r")] = 1e-300;  // extreme preponderance
  r.steps(1);
  CHECK(r.out(2) >= 0.0);
  CHECK(r.out(2) <= 20.0);
  CHECK(std::isfinite(r.out(0)));
}

TEST_CASE("without an alignment pair or capabilities the covariates are off", "[models][crisis_hazard]") {
  Crisis c;
  c.roles = "{}";       // the role is optional
  c.u_capability = "0";  // no capability: parity undefined, no parity effect
  Run r(c.yaml());
  r.steps(1);
  r.s.alignment[r.id("r") * r.s.n_actors + r.id("c")] = 1.0;
  r.s.alignment[r.id("c") * r.s.n_actors + r.id("r")] = 1.0;
  r.steps(1);
  CHECK(r.out(2) == 1.0);
  CHECK(r.s.hazard_multiplier[r.ev("rc_rupture")] == 1.0);
  CHECK(std::isfinite(r.out(0)));
}

TEST_CASE("a non-repeatable event that fired no longer counts in the crisis probability",
          "[models][crisis_hazard]") {
  Crisis c;
  Run r(c.yaml());
  CHECK(r.out(3) == Approx(1.0 - std::exp(-0.05)));
  inject_event(*r.sc, r.s, r.ev("rc_rupture"));
  r.steps(1);
  CHECK(r.out(3) == 0.0);
}

TEST_CASE("an injected crisis raises its dyad's other hazards for recurrence_years", "[models][crisis_hazard]") {
  Crisis c;
  c.params = "{beta_recurrence: 0.7, recurrence_years: 3}";
  c.extra_events = "  ur_major: {hazard: 0.02, dyad: [r, u], source: test}\n";
  Run r(c.yaml());
  const double p0 = r.out(0);
  CHECK(p0 == Approx(1.0 - std::exp(-(0.39 + 0.02))));
  CHECK(r.out(2) == 1.0);
  inject_event(*r.sc, r.s, r.ev("ur_major"));
  r.steps(1);  // seen at this step: 0 years since
  CHECK(r.out(2) == Approx(std::exp(0.7)));
  // The crisis no longer counts itself, but the disputes it raises outweigh it.
  CHECK(r.out(0) == Approx(1.0 - std::exp(-0.39 * std::exp(0.7))));
  CHECK(r.out(0) > p0);
  CHECK(r.out(3) == Approx(1.0 - std::exp(-0.05)));  // another dyad: untouched
  r.steps(2);  // 1, 2 years since
  CHECK(r.out(2) == Approx(std::exp(0.7)));
  r.steps(1);  // 3 years since: over
  CHECK(r.out(2) == 1.0);
}

TEST_CASE("a repeatable dispute does not raise its dyad's hazards", "[models][crisis_hazard]") {
  Crisis c;
  c.extra_events = "  ur_major: {hazard: 0.02, dyad: [r, u], source: test}\n";
  c.outcomes += "  m_major: {series: hazard_multiplier.ur_major}\n";
  Run r(c.yaml());
  inject_event(*r.sc, r.s, r.ev("ur_crisis"));
  r.steps(1);
  CHECK(r.out(4) == 1.0);
}

TEST_CASE("an injected event is logged and applies its effects", "[models][crisis_hazard]") {
  Crisis c;
  c.hazard = "0";
  Run r(c.yaml());
  r.steps(2);
  const double gdp = r.s.gdp[r.id("r")];
  const std::size_t before = r.s.log.size();  // other events may have fired
  for (const auto& entry : r.s.log) CHECK(entry.index != r.ev("ur_crisis"));  // its hazard is 0
  inject_event(*r.sc, r.s, r.ev("ur_crisis"));
  REQUIRE(r.s.log.size() == before + 1);
  CHECK(r.s.log.back().kind == LogEntry::Kind::kInjected);
  CHECK(r.s.log.back().index == r.ev("ur_crisis"));
  CHECK(r.s.log.back().step == 2);
  CHECK(r.s.event_count[r.ev("ur_crisis")] == 1);
  CHECK(r.s.gdp[r.id("r")] == Approx(gdp * 0.9));
}

TEST_CASE("crisis series need an event with that dyad and known ids", "[models][crisis_hazard]") {
  Crisis c;
  c.outcomes = "  bad: {series: crisis_probability.u.c}\n";
  CHECK_THROWS_WITH(test::compile_text(c.yaml()), Catch::Contains("no event has the dyad [u, c]"));
  c.outcomes = "  bad: {series: crisis_rate.u.nowhere}\n";
  CHECK_THROWS_WITH(test::compile_text(c.yaml()), Catch::Contains("unknown actor 'nowhere'"));
  c.outcomes = "  bad: {series: hazard_multiplier.no_such_event}\n";
  CHECK_THROWS_WITH(test::compile_text(c.yaml()), Catch::Contains("unknown event 'no_such_event'"));
  c.outcomes = "  ok: {series: crisis_probability.west.r}\n";
  CHECK(test::compile_text(c.yaml()));
}

TEST_CASE("military pressure raises the hazards of the owner's dyads only", "[models][crisis_hazard]") {
  Crisis c;
  c.extra_levers = "  drills: {kind: military_pressure, owner: c, target: e, intensity: 0, assumption: test}\n";
  Run calm(c.yaml()), tense(c.yaml(), "pressure");
  // The r-c dyad has c on one side: e^0.7 (default beta_pressure) at intensity 1.
  CHECK(tense.out("p_rc") == Approx(1.0 - std::exp(-0.05 * std::exp(0.7))));
  CHECK(tense.out("p_rc") > calm.out("p_rc"));
  // The u-r dyad does not involve c: unchanged.
  CHECK(tense.out("p") == Approx(calm.out("p")));
}
