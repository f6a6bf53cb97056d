// The loop cohesion -> coalition -> trade -> cost -> cohesion across
// components (issue: model library): a member exposed to Russian energy
// softens under the cost of sanctions, leaves the coalition once its stance
// falls below the lever's threshold, and Russia's trade with it recovers.
#include <catch2/catch.hpp>

#include "sim/engine/run.hpp"
#include "support/fixtures.hpp"

using namespace entente;

namespace {

// Russia sells energy to three alliance members and to India; the alliance
// sanctions Russia's energy from 2022. `hu_energy` sets one member's exposure.
std::string scenario(double hu_energy) {
  const std::string hu = std::to_string(hu_energy);
  return "entente: 1\nname: loop\ntime: {start: 2021, end: 2030, step: year}\n"
         "actors:\n"
         "  russia: {kind: state, attributes: {gdp: 1800}}\n"
         "  china: {kind: state, attributes: {gdp: 17000}}\n"
         "  us: {kind: state, attributes: {gdp: 23000}}\n"
         "  de: {kind: state, attributes: {gdp: 4000}}\n"
         "  hu: {kind: state, attributes: {gdp: 180}}\n"
         "  india: {kind: state, attributes: {gdp: 3000}}\n"
         "  nato: {kind: alliance, members: [us, de, hu]}\n"
         "dependencies:\n"
         "  - {from: russia, to: de, channel: energy, value: 40, unit: USD bn, source: test}\n"
         "  - {from: russia, to: hu, channel: energy, value: " + hu + ", unit: USD bn, source: test}\n"
         "  - {from: russia, to: us, channel: energy, value: 10, unit: USD bn, source: test}\n"
         "  - {from: russia, to: india, channel: energy, value: 10, unit: USD bn, source: test}\n"
         "  - {from: russia, to: china, channel: energy, value: 50, unit: USD bn, source: test}\n"
         "levers:\n"
         "  nato_sanctions: {kind: sanctions, owner: nato, target: russia, channels: [energy], intensity: 0,\n"
         "                   schedule: [{year: 2022, intensity: 0.9}], participation: 0.5, source: test}\n"
         "models:\n"
         "  - {name: TradeSanctions, parameters: {adjustment_rate: 1.0}}\n"
         "  - {name: Dependence}\n"
         "  - name: AllianceCohesion\n"
         "    roles: {alliance: nato, dimensions: [russia, china]}\n"
         "    parameters: {spending_noise_sd: 0}\n"
         "    actors:\n"
         "      us: {anchor_1: 0.85, influence: 2}\n"
         "      de: {anchor_1: 0.7}\n"
         "      hu: {anchor_1: 0.55, susceptibility: 0.2}\n"
         "  - {name: PowerArms}\n"
         "outcomes:\n"
         "  coalition: {series: coalition_share.nato_sanctions}\n"
         "  stance_hu: {series: stance.hu.russia}\n"
         "  cohesion: {series: cohesion.nato}\n"
         "  ru_hu: {series: trade.russia.hu.energy}\n"
         "  ru_exports: {series: exports.russia}\n"
         "  loss: {series: export_loss.russia}\n";
}

struct Path {
  std::vector<std::vector<double>> by_step;  // outcome values per step
};

Path run(double hu_energy) {
  auto sc = test::compile_text(scenario(hu_energy));
  REQUIRE(sc);
  RunState s;
  Path p;
  initialize_run(*sc, {3, 0, 0}, s);
  auto record = [&] {
    std::vector<double> v;
    for (const auto& o : sc->outcomes) v.push_back(s.series[o.series_slot]);
    p.by_step.push_back(v);
  };
  record();
  for (int t = 0; t < sc->n_steps; ++t) {
    advance_step(*sc, s);
    record();
  }
  return p;
}

enum { kCoalition, kStanceHu, kCohesion, kRuHu, kRuExports, kLoss };

}  // namespace

TEST_CASE("an exposed member leaves the sanctions coalition and Russia's trade with it recovers",
          "[models][coupling][alliance_cohesion][trade]") {
  const Path low = run(2.0);    // about 1% of Hungary's GDP
  const Path high = run(20.0);  // about 11%
  const std::size_t end = low.by_step.size() - 1;

  // Before sanctions everyone is in, in both cases.
  CHECK(low.by_step[0][kCoalition] == 1.0);
  CHECK(high.by_step[0][kCoalition] == 1.0);

  // Under sanctions the cost of the exposed member's lost energy softens its
  // stance below the lever's threshold, and it stops applying the sanctions.
  CHECK(low.by_step[end][kCoalition] == 1.0);
  CHECK(low.by_step[end][kStanceHu] >= 0.5);
  CHECK(high.by_step[end][kStanceHu] < 0.5);
  CHECK(high.by_step[end][kCoalition] == Approx(2.0 / 3.0));
  CHECK(high.by_step[end][kCohesion] < low.by_step[end][kCohesion]);

  // Its trade with Russia returns towards the gravity path once it leaves,
  // while in the low-exposure case it stays cut.
  const double low_ratio = low.by_step[end][kRuHu] / 2.0;
  const double high_ratio = high.by_step[end][kRuHu] / 20.0;
  CHECK(low_ratio < 0.6);
  CHECK(high_ratio > 0.9);
  // Russia loses a smaller share of its predicted exports.
  CHECK(high.by_step[end][kLoss] < low.by_step[end][kLoss]);

  // The member applied the sanctions in their first year (its trade with
  // Russia was cut), felt the cost, and left at the end of that step.
  std::size_t left = 0;
  for (std::size_t t = 0; t <= end; ++t)
    if (left == 0 && high.by_step[t][kCoalition] < 1.0) left = t;
  CHECK(left == 1);
  CHECK(high.by_step[1][kRuHu] < 0.5 * 20.0);
  CHECK(high.by_step[2][kRuHu] > high.by_step[1][kRuHu]);
}
