// Small scenarios built in code for tests: a minimal valid scenario whose
// parts a test can replace, loaded and compiled through the real loader.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "models/register_builtin.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/loader.hpp"

namespace entente::test {

// A three-actor scenario (a, b, c; 2020-2030 by year) with TradeSanctions,
// Dependence and PowerArms (GDP growth). `extra` is appended verbatim (levers:, events:, ...);
// `deps` replaces the dependency list; `trade_params` the TradeSanctions
// parameters map (YAML flow map).
struct MiniScenario {
  std::string deps =
      "  - {from: a, to: b, channel: goods, value: 10, unit: USD bn, source: test}\n"
      "  - {from: b, to: a, channel: goods, value: 6, unit: USD bn, source: test}\n"
      "  - {from: a, to: c, channel: goods, value: 4, unit: USD bn, source: test}\n"
      "  - {from: c, to: a, channel: goods, value: 3, unit: USD bn, source: test}\n"
      "  - {from: b, to: c, channel: goods, value: 8, unit: USD bn, source: test}\n"
      "  - {from: c, to: b, channel: goods, value: 5, unit: USD bn, source: test}\n";
  std::string growth_a = "0.02", growth_b = "0.03", growth_c = "0.01";
  std::string growth_sd = "0";
  std::string trade_params = "{adjustment_rate: 1.0}";
  std::string outcomes =
      "  dep_ab: {series: dependence.a.b}\n"
      "  trade_ab: {series: trade.a.b}\n";
  std::string extra;

  std::string yaml() const;
};

LoadedScenario load_text(const std::string& yaml);
std::unique_ptr<CompiledScenario> compile_text(const std::string& yaml, const std::string& policy = "");

// One run of a scenario given as text, compiled under `policy`, initialised
// with RunKey {seed, 0, run} and stepped by hand; look-ups by id for checks.
// A test that needs more (flows of a channel, stances) derives from it.
struct Run {
  std::unique_ptr<CompiledScenario> sc;
  RunState s;

  explicit Run(const std::string& yaml, const std::string& policy = "", std::uint64_t seed = 1,
               std::uint64_t run = 0);
  void steps(int n);
  std::size_t id(std::string_view actor) const;  // actor index
  std::size_t ev(std::string_view event) const;  // event index
  double out(std::size_t outcome) const;         // series of the outcome at that position in `outcomes:`
  double out(std::string_view outcome) const;    // series of the outcome with that id (fails the test if none)
};

// Path of a file in the source tree.
std::string source_path(const std::string& relative);

}  // namespace entente::test
