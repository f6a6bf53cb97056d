#include "support/large_scenario.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace entente::test {

namespace {

// Actor ids a000, a001, ...; the last two are the alliances.
std::string id(std::size_t i) {
  std::string digits = std::to_string(i);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return "a" + digits;
}

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

// Channels whose flows are money (payments is a share and has its own rows).
constexpr std::array<const char*, 5> kMoneyChannels{"goods", "energy", "technology", "arms", "credit"};
constexpr std::array<const char*, 12> kLeverKinds{"sanctions",
                                                  "export_controls",
                                                  "tariffs",
                                                  "investment_screening",
                                                  "secondary_sanctions",
                                                  "energy_diversification",
                                                  "strategic_communications",
                                                  "defence_spending",
                                                  "engagement",
                                                  "arms_control",
                                                  "partnership",
                                                  "sanctions"};

}  // namespace

std::string generate_large_scenario(const LargeScenarioSize& size) {
  if (size.actors < 12) throw std::invalid_argument("a large scenario needs at least 12 actors");
  const std::size_t states = size.actors - 2;  // states and blocs
  constexpr std::size_t kNeighbours = 11;
  if (size.dependencies > states * kNeighbours) throw std::invalid_argument("at most (actors - 2) * 11 dependencies");
  const std::string west = id(states), east = id(states + 1);
  const std::string s0 = id(0), s1 = id(1);  // the pair the components watch
  const int start = 2021, end = start + size.years;

  std::string y;
  y.reserve(512 * (size.actors + size.dependencies));
  y += "entente: 1\nname: large_generated\n";
  y += "description: generated for scale tests (tests/support/large_scenario.cpp)\n";
  y += "time: {start: " + std::to_string(start) + ", end: " + std::to_string(end) + ", step: year}\n";
  y += "uncertainties:\n";
  y += "  bite: {dist: uniform, min: -2.0, max: -0.8, assumption: generated}\n";
  y += "  elasticity: {dist: triangular, min: 0.7, mode: 1.0, max: 1.2, assumption: generated}\n";
  y += "  hazard_scale: {dist: beta, a: 2, b: 50, assumption: generated}\n";

  y += "actors:\n";
  for (std::size_t i = 0; i < states; ++i) {
    const double gdp = 50.0 + static_cast<double>((i * 7919) % 20000);
    const double growth = 0.005 + 0.001 * static_cast<double>(i % 40);
    y += "  " + id(i) + ": {kind: " + (i % 10 == 9 ? "bloc" : "state") + ", attributes: {gdp: " + num(gdp) +
         ", growth: " +
         (i % 5 == 0 ? "{dist: uniform, min: " + num(growth - 0.005) + ", max: " + num(growth + 0.005) + "}"
                     : num(growth)) +
         ", growth_sd: 0.02, milex_share: " + num(0.01 + 0.0005 * static_cast<double>(i % 30)) + "}}\n";
  }
  // Two alliances: the first half of the states (but the watched pair) and the pair itself.
  y += "  " + west + ": {kind: alliance, source: generated, members: [";
  for (std::size_t i = 2; i < states / 2; ++i) y += (i > 2 ? ", " : "") + id(i);
  y += "]}\n";
  y += "  " + east + ": {kind: alliance, source: generated, members: [" + s0 + ", " + s1 + "]}\n";

  y += "dependencies:\n";
  for (std::size_t k = 0; k * states < size.dependencies; ++k) {
    for (std::size_t from = 0; from < states && k * states + from < size.dependencies; ++from) {
      const std::size_t to = (from + 1 + k) % states;
      const char* channel = kMoneyChannels[(from + k) % kMoneyChannels.size()];
      const double value = 1.0 + static_cast<double>((from * 31 + k * 17) % 200);
      y += "  - {from: " + id(from) + ", to: " + id(to) + ", channel: " + channel + ", value: " +
           ((from + k) % 7 == 0 ? "{dist: uniform, min: " + num(value * 0.8) + ", max: " + num(value * 1.2) + "}"
                                : num(value)) +
           ", unit: USD bn, assumption: generated}\n";
    }
  }
  // Settlement shares of the watched pair's trade (Payments).
  y += "  - {from: " + s1 + ", to: " + s0 +
       ", channel: payments, value: 25, unit: \"% of settlements\", assumption: generated}\n";
  y += "  - {from: " + id(2) + ", to: " + s0 +
       ", channel: payments, value: 46, unit: \"% of settlements\", assumption: generated}\n";

  y += "levers:\n";
  for (std::size_t l = 0; l < size.levers; ++l) {
    const char* kind = kLeverKinds[l % kLeverKinds.size()];
    const std::string owner = l % 3 == 0 ? west : id(2 + (l * 13) % (states - 2));
    std::string target = id(l % 2 == 0 ? 0 : 1);
    if (target == owner) target = id(l % 2 == 0 ? 1 : 0);
    y += "  lever" + std::to_string(l) + ":\n    kind: " + kind + "\n    owner: " + owner + "\n    target: " + target +
         "\n    intensity: " + num(0.1 * static_cast<double>(l % 5)) + "\n";
    if (l % 4 == 0) y += "    schedule: [{year: " + std::to_string(start + 2) + ", intensity: 0.8}]\n";
    if (l % 12 == 0) y += "    effect: {ref: bite}\n";
    y += "    assumption: generated\n";
  }

  y += "events:\n";
  for (std::size_t e = 0; e < size.events; ++e) {
    const std::string a = id((e * 5) % states), b = id((e * 5 + 3) % states);
    y += "  event" + std::to_string(e) + ":\n    hazard: " +
         (e % 2 == 0 ? std::string("{ref: hazard_scale}") : num(0.01 + 0.002 * static_cast<double>(e))) +
         "\n    dyad: [" + a + ", " + b + "]\n    effects:\n" + "      - {kind: gdp_shock, actor: " + a +
         ", size: -0.02}\n" + "      - {kind: threat, actor: " + b + ", size: 0.3}\n" +
         "      - {kind: alignment_shift, between: [" + s0 + ", " + s1 + "], size: 0.02}\n" +
         "    assumption: generated\n";
  }

  y += "models:\n";
  y += "  - name: CrisisHazard\n    roles: {alignment_pair: [" + s0 + ", " + s1 + "], alliance: " + west + "}\n";
  y += "  - name: TradeSanctions\n    parameters: {gdp_elasticity: {ref: elasticity}}\n";
  y += "  - name: Dependence\n  - name: Payments\n";
  y += "  - name: Alignment\n    roles: {pair: [" + s0 + ", " + s1 + "], west: [" + id(2) + ", " + id(3) + ", " +
       id(4) + "]}\n";
  y += "  - name: AllianceCohesion\n    roles: {alliance: " + west + ", dimensions: [" + s0 + ", " + s1 + "]}\n";
  y += "  - name: PowerArms\n    roles: {side_a: [" + west + "], side_b: [" + east + "]}\n";

  y += "outcomes:\n";
  y += "  pair_dependence: {series: dependence." + s0 + "." + s1 + ", thresholds: [{above: 0.4, label: high}]}\n";
  y += "  cohesion: {series: cohesion." + west + "}\n";
  for (std::size_t o = 2; o < size.outcomes; ++o) {
    const std::size_t a = (o * 7) % states;
    if (o % 3 == 0)
      y += "  gdp_" + id(a) + ": {series: gdp." + id(a) + ", scale: 0.001}\n";
    else if (o % 3 == 1)
      y += "  dep_" + std::to_string(o) + ": {series: dependence." + id(a) + "." + id((a + 1) % states) + "}\n";
    else
      y += "  event_" + std::to_string(o) + ": {series: event.event" + std::to_string(o % size.events) + "}\n";
  }

  y += "policies:\n";
  y += "  pressure:\n    description: generated\n    levers:\n      lever0: {schedule: [{year: " +
       std::to_string(start + 2) + ", intensity: 0.8}, {year: " + std::to_string(start + 4) + ", intensity: 1.0}]}\n";
  y += "  relief:\n    description: generated\n    levers:\n      lever1: {intensity: 0.0}\n";
  return y;
}

}  // namespace entente::test
