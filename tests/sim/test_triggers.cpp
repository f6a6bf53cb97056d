// Adaptive levers (triggers), injected events and the engine's own series
// (event.<id>, lever.<id>): sim/engine/run.cpp.
#include <catch2/catch.hpp>

#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// A lever on b that an event (certain to fire in the first step) or a
// signpost on trade a -> b switches.
std::string scenario(const std::string& hazard, const std::string& triggers) {
  test::MiniScenario m;
  m.outcomes =
      "  trade_ab: {series: trade.a.b}\n"
      "  crisis: {series: event.crisis}\n"
      "  sanctions: {series: lever.a_sanctions_b}\n";
  m.extra =
      "levers:\n"
      "  a_sanctions_b:\n"
      "    kind: sanctions\n    owner: a\n    target: b\n    channels: [goods]\n    intensity: 0\n"
      "    assumption: test\n" +
      triggers +
      "events:\n"
      "  crisis: {hazard: " + hazard + ", assumption: test}\n";
  return m.yaml();
}

std::size_t outcome(const CompiledScenario& sc, const std::string& id) {
  for (std::size_t o = 0; o < sc.outcomes.size(); ++o)
    if (sc.outcomes[o].spec.id == id) return sc.outcomes[o].series_slot;
  FAIL("no outcome " << id);
  return 0;
}

}  // namespace

TEST_CASE("an event trigger switches its lever from the step after the event", "[engine][triggers]") {
  auto sc = test::compile_text(scenario("50", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n"));
  REQUIRE(sc);
  REQUIRE(sc->triggers.size() == 1);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  CHECK(s.series[outcome(*sc, "crisis")] == 0.0);
  advance_step(*sc, s);  // the event fires (p = 1 - e^-50), the trigger sees it at the end of the step
  CHECK(s.series[outcome(*sc, "crisis")] == 1.0);
  CHECK(s.lever_intensity[0] == 0.0);  // not yet this step
  advance_step(*sc, s);
  CHECK(s.lever_intensity[0] == 0.8);
  CHECK(s.series[outcome(*sc, "sanctions")] == 0.8);
  REQUIRE(s.log.size() == 2);
  CHECK(s.log[0].kind == LogEntry::Kind::kEvent);
  CHECK(s.log[0].step == 1);
  CHECK(s.log[1].kind == LogEntry::Kind::kTrigger);
  CHECK(s.log[1].step == 1);
  CHECK(sc->triggers[0].label == "a_sanctions_b when crisis");
}

TEST_CASE("an event that never fires never pulls its trigger", "[engine][triggers]") {
  auto sc = test::compile_text(scenario("0", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n"));
  REQUIRE(sc);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  for (int t = 0; t < sc->n_steps; ++t) advance_step(*sc, s);
  CHECK(s.lever_intensity[0] == 0.0);
  CHECK(s.log.empty());
}

TEST_CASE("a signpost trigger fires when its outcome crosses the threshold", "[engine][triggers]") {
  // Export controls from 2023 cut trade a -> b below 9.5 (from 10); the
  // sanctions lever switches on the step after.
  std::string triggers =
      "    triggers:\n      - {when: {signpost: trade_ab, below: 9.5}, intensity: 1.0}\n"
      "  a_controls_b: {kind: export_controls, owner: a, target: b, channels: [goods], intensity: 0,\n"
      "                 schedule: [{year: 2023, intensity: 1}], assumption: test}\n";
  auto sc = test::compile_text(scenario("0", triggers));
  REQUIRE(sc);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  int switched_at = -1, crossed_at = -1;
  for (int t = 1; t <= sc->n_steps; ++t) {
    advance_step(*sc, s);
    if (crossed_at < 0 && s.series[outcome(*sc, "trade_ab")] <= 9.5) crossed_at = t;
    if (switched_at < 0 && s.lever_intensity[0] > 0) switched_at = t;
  }
  REQUIRE(crossed_at == 3);  // 2023
  CHECK(switched_at == crossed_at + 1);
  CHECK(s.lever_intensity[0] == 1.0);
}

TEST_CASE("a policy can replace a lever's triggers", "[engine][triggers]") {
  const std::string base = scenario("50", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n");
  const std::string yaml = base +
                           "policies:\n"
                           "  restrained:\n"
                           "    description: test\n"
                           "    levers:\n"
                           "      a_sanctions_b: {triggers: [{when: {event: crisis}, intensity: 0.2}]}\n";
  auto sc = test::compile_text(yaml, "restrained");
  REQUIRE(sc);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  advance_step(*sc, s);
  advance_step(*sc, s);
  CHECK(s.lever_intensity[0] == 0.2);
}

TEST_CASE("an injected event applies its effects, is logged and pulls its triggers", "[engine][inject]") {
  test::MiniScenario m;
  m.extra =
      "levers:\n"
      "  a_sanctions_b: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0, assumption: test,\n"
      "                  triggers: [{when: {event: crisis}, intensity: 0.6}]}\n"
      "events:\n"
      "  crisis:\n"
      "    hazard: 0\n"
      "    assumption: test\n"
      "    effects:\n"
      "      - {kind: gdp_shock, actor: b, size: -0.1}\n"
      "      - {kind: threat, actor: b, size: 0.3}\n"
      "      - {kind: alignment_shift, between: [b, c], size: 0.25}\n";
  auto sc = test::compile_text(m.yaml());
  REQUIRE(sc);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  advance_step(*sc, s);
  const double gdp_b = s.gdp[1];
  inject_event(*sc, s, 0);
  CHECK(s.gdp[1] == Approx(gdp_b * 0.9));
  CHECK(s.threat[1] == Approx(0.3));
  CHECK(s.alignment[1 * 3 + 2] == Approx(0.25));
  CHECK(s.alignment[2 * 3 + 1] == Approx(0.25));
  CHECK(s.event_count[0] == 1);
  REQUIRE(s.log.size() == 2);
  CHECK(s.log[0].kind == LogEntry::Kind::kInjected);
  CHECK(s.log[1].kind == LogEntry::Kind::kTrigger);
  advance_step(*sc, s);
  CHECK(s.lever_intensity[0] == 0.6);
}

TEST_CASE("alignment shifts stay within [0, 1]", "[engine][inject]") {
  test::MiniScenario m;
  m.extra =
      "events:\n"
      "  rupture: {hazard: 0, assumption: test, repeatable: true,\n"
      "            effects: [{kind: alignment_shift, between: [a, b], size: -0.5}]}\n"
      "  treaty: {hazard: 0, assumption: test, repeatable: true,\n"
      "           effects: [{kind: alignment_shift, between: [a, b], size: 0.7}]}\n";
  auto sc = test::compile_text(m.yaml());
  REQUIRE(sc);
  RunState s;
  initialize_run(*sc, {1, 0, 0}, s);
  inject_event(*sc, s, 0);
  CHECK(s.alignment[1] == 0.0);
  inject_event(*sc, s, 1);
  inject_event(*sc, s, 1);
  CHECK(s.alignment[1] == 1.0);
}

TEST_CASE("a run's event log and draws do not depend on triggers elsewhere", "[engine][triggers]") {
  // Triggers change levers, never the random streams: the same events fire.
  auto with = test::compile_text(scenario("0.3", "    triggers:\n      - {when: {event: crisis}, intensity: 0.9}\n"));
  auto without = test::compile_text(scenario("0.3", ""));
  REQUIRE(with);
  REQUIRE(without);
  for (std::uint64_t run = 0; run < 20; ++run) {
    RunState a, b;
    initialize_run(*with, {7, 0, run}, a);
    initialize_run(*without, {7, 0, run}, b);
    for (int t = 0; t < with->n_steps; ++t) {
      advance_step(*with, a);
      advance_step(*without, b);
      CHECK(a.event_count[0] == b.event_count[0]);
    }
  }
}
