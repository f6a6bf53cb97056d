// The small scenario every play test uses: the three actors of
// test::MiniScenario with growth shocks (so futures differ), four levers for
// three teams (blue: a_sanctions_b, a_sanctions_c; red: b_sanctions_a;
// yellow: c_sanctions_a, whose range is [0, 0.6]), two events and three
// headline outcomes.
#pragma once
#include <string>

#include "sim/play/game.hpp"
#include "support/fixtures.hpp"

namespace entente::test {

inline std::string play_scenario_yaml() {
  MiniScenario m;
  m.growth_sd = "0.03";
  m.outcomes =
      "  dep_ab: {series: dependence.a.b, label: A's dependence on B, headline: true, direction: lower_is_better}\n"
      "  trade_ab: {series: trade.a.b, label: A-B trade, unit: USD bn, headline: true}\n"
      "  gdp_b: {series: gdp.b, label: B GDP, unit: USD bn, headline: true}\n"
      "  crisis_by: {series: event.crisis}\n";
  m.extra =
      "levers:\n"
      "  a_sanctions_b: {kind: sanctions, owner: a, target: b, channels: [goods], intensity: 0.2, assumption: test}\n"
      "  a_sanctions_c: {kind: sanctions, owner: a, target: c, channels: [goods], intensity: 0, assumption: test}\n"
      "  b_sanctions_a: {kind: sanctions, owner: b, target: a, channels: [goods], intensity: 0, assumption: test}\n"
      "  c_sanctions_a: {kind: sanctions, owner: c, target: a, channels: [goods], intensity: 0, range: [0, 0.6],\n"
      "                  assumption: test}\n"
      "events:\n"
      "  crisis:\n"
      "    hazard: 0\n"
      "    assumption: test\n"
      "    effects:\n"
      "      - {kind: gdp_shock, actor: b, size: -0.05}\n"
      "      - {kind: threat, actor: b, size: 0.3}\n"
      "  dispute: {hazard: 0.5, repeatable: true, assumption: test, effects: [{kind: gdp_shock, actor: a, size: -0.01}]}\n"
      "policies:\n"
      "  pressure:\n"
      "    description: test\n"
      "    levers:\n"
      "      a_sanctions_b: {intensity: 0.3}\n";
  return m.yaml();
}

inline play::GameSetup play_setup(std::uint64_t seed = 7) {
  play::GameSetup s;
  s.teams = {{"blue", {"a_sanctions_b", "a_sanctions_c"}}, {"red", {"b_sanctions_a"}}, {"yellow", {"c_sanctions_a"}}};
  s.seed = seed;
  s.runs_per_turn = 40;
  return s;
}

}  // namespace entente::test
