// A large scenario generated in code, for scale tests and benchmarks: many
// actors and dependencies wired to the real components (all seven, with
// roles), levers of every kind, events, uncertainties, outcomes and
// policies, as a shipped scenario uses them. Deterministic: the same size
// gives the same text.
#pragma once
#include <cstddef>
#include <string>

namespace entente::test {

struct LargeScenarioSize {
  // Actors in all: two alliances, the rest states (every tenth a bloc).
  std::size_t actors = 200;
  // Distinct (from, to, channel) flows between states and blocs; at most
  // (actors - 2) * 11 (each actor sends to its next eleven neighbours).
  std::size_t dependencies = 2000;
  std::size_t levers = 40;
  std::size_t events = 20;
  std::size_t outcomes = 40;
  int years = 15;
};

// YAML text of a valid scenario of that size (throws std::invalid_argument
// for a size it cannot build: fewer than 12 actors, too many dependencies).
std::string generate_large_scenario(const LargeScenarioSize& size = {});

}  // namespace entente::test
