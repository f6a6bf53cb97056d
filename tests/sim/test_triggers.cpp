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

}  // namespace

TEST_CASE("an event trigger switches its lever from the step after the event", "[engine][triggers]") {
  test::Run r(scenario("50", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n"));
  REQUIRE(r.sc->triggers.size() == 1);
  CHECK(r.out("crisis") == 0.0);
  r.steps(1);  // the event fires (p = 1 - e^-50), the trigger sees it at the end of the step
  CHECK(r.out("crisis") == 1.0);
  CHECK(r.s.lever_intensity[0] == 0.0);  // not yet this step
  r.steps(1);
  CHECK(r.s.lever_intensity[0] == 0.8);
  CHECK(r.out("sanctions") == 0.8);
  REQUIRE(r.s.log.size() == 2);
  CHECK(r.s.log[0].kind == LogEntry::Kind::kEvent);
  CHECK(r.s.log[0].step == 1);
  CHECK(r.s.log[1].kind == LogEntry::Kind::kTrigger);
  CHECK(r.s.log[1].step == 1);
  CHECK(r.sc->triggers[0].label == "a_sanctions_b when crisis");
}

TEST_CASE("an event that never fires never pulls its trigger", "[engine][triggers]") {
  test::Run r(scenario("0", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n"));
  r.steps(r.sc->n_steps);
  CHECK(r.s.lever_intensity[0] == 0.0);
  CHECK(r.s.log.empty());
}

TEST_CASE("a signpost trigger fires when its outcome crosses the threshold", "[engine][triggers]") {
  // Export controls from 2023 cut trade a -> b below 9.5 (from 10); the
  // sanctions lever switches on the step after.
  std::string triggers =
      "    triggers:\n      - {when: {signpost: trade_ab, below: 9.5}, intensity: 1.0}\n"
      "  a_controls_b: {kind: export_controls, owner: a, target: b, channels: [goods], intensity: 0,\n"
      "                 schedule: [{year: 2023, intensity: 1}], assumption: test}\n";
  test::Run r(scenario("0", triggers));
  int switched_at = -1, crossed_at = -1;
  for (int t = 1; t <= r.sc->n_steps; ++t) {
    r.steps(1);
    if (crossed_at < 0 && r.out("trade_ab") <= 9.5) crossed_at = t;
    if (switched_at < 0 && r.s.lever_intensity[0] > 0) switched_at = t;
  }
  REQUIRE(crossed_at == 3);  // 2023
  CHECK(switched_at == crossed_at + 1);
  CHECK(r.s.lever_intensity[0] == 1.0);
}

TEST_CASE("a policy can replace a lever's triggers", "[engine][triggers]") {
  const std::string base = scenario("50", "    triggers:\n      - {when: {event: crisis}, intensity: 0.8}\n");
  const std::string yaml = base +
                           "policies:\n"
                           "  restrained:\n"
                           "    description: test\n"
                           "    levers:\n"
                           "      a_sanctions_b: {triggers: [{when: {event: crisis}, intensity: 0.2}]}\n";
  test::Run r(yaml, "restrained");
  r.steps(2);
  CHECK(r.s.lever_intensity[0] == 0.2);
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
  test::Run r(m.yaml());
  r.steps(1);
  const double gdp_b = r.s.gdp[1];
  inject_event(*r.sc, r.s, 0);
  CHECK(r.s.gdp[1] == Approx(gdp_b * 0.9));
  CHECK(r.s.threat[1] == Approx(0.3));
  CHECK(r.s.alignment[1 * 3 + 2] == Approx(0.25));
  CHECK(r.s.alignment[2 * 3 + 1] == Approx(0.25));
  CHECK(r.s.event_count[0] == 1);
  REQUIRE(r.s.log.size() == 2);
  CHECK(r.s.log[0].kind == LogEntry::Kind::kInjected);
  CHECK(r.s.log[1].kind == LogEntry::Kind::kTrigger);
  r.steps(1);
  CHECK(r.s.lever_intensity[0] == 0.6);
}

TEST_CASE("alignment shifts stay within [0, 1]", "[engine][inject]") {
  test::MiniScenario m;
  m.extra =
      "events:\n"
      "  rupture: {hazard: 0, assumption: test, repeatable: true,\n"
      "            effects: [{kind: alignment_shift, between: [a, b], size: -0.5}]}\n"
      "  treaty: {hazard: 0, assumption: test, repeatable: true,\n"
      "           effects: [{kind: alignment_shift, between: [a, b], size: 0.7}]}\n";
  test::Run r(m.yaml());
  inject_event(*r.sc, r.s, 0);
  CHECK(r.s.alignment[1] == 0.0);
  inject_event(*r.sc, r.s, 1);
  inject_event(*r.sc, r.s, 1);
  CHECK(r.s.alignment[1] == 1.0);
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

TEST_CASE("a historical event fires in the years it names and in no other", "[engine][events]") {
  test::MiniScenario m;
  m.outcomes =
      "  gdp_a: {series: gdp.a}\n"
      "  boom: {series: event.boom}\n"
      "  gdp_a_pct: {series: gdp.a, scale: 0.01}\n";
  m.extra =
      "events:\n"
      "  boom:\n"
      "    at: [2022, 2024]\n    repeatable: true\n    assumption: test\n"
      "    effects: [{kind: gdp_shock, actor: a, size: 0.1}]\n";
  test::Run r(m.yaml());
  const std::size_t boom = r.ev("boom");
  std::vector<std::uint32_t> count_by_step;
  for (int step = 1; step <= 5; ++step) {
    r.steps(1);
    count_by_step.push_back(r.s.event_count[boom]);
    CHECK(r.out("gdp_a_pct") == Approx(r.out("gdp_a") * 0.01));  // the scale converts units
  }
  // Start 2020: step 2 ends in 2022, step 4 in 2024.
  CHECK(count_by_step == std::vector<std::uint32_t>{0, 1, 1, 2, 2});
  CHECK(r.out("boom") == 1.0);
}
