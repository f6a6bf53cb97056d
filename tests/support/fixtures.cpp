#include "support/fixtures.hpp"

#include <catch2/catch.hpp>

namespace entente::test {

std::string MiniScenario::yaml() const {
  auto actor = [&](const char* id, const char* gdp, const std::string& g) {
    return std::string("  ") + id + ": {kind: state, attributes: {gdp: " + gdp + ", growth: " + g +
           ", growth_sd: " + growth_sd + "}}\n";
  };
  return "entente: 1\nname: mini\ntime: {start: 2020, end: 2030, step: year}\nactors:\n" +
         actor("a", "100", growth_a) + actor("b", "300", growth_b) + actor("c", "200", growth_c) +
         "dependencies:\n" + deps + "models:\n  - {name: TradeSanctions, parameters: " + trade_params +
         "}\n  - {name: Dependence}\n  - {name: PowerArms}\noutcomes:\n" + outcomes + extra;
}

LoadedScenario load_text(const std::string& yaml) { return load_scenario_text(yaml, "test.yaml", builtin_registry()); }

std::unique_ptr<CompiledScenario> compile_text(const std::string& yaml, const std::string& policy) {
  return compile_for_policy(load_text(yaml), builtin_registry(), policy);
}

Run::Run(const std::string& yaml, const std::string& policy, std::uint64_t seed, std::uint64_t run)
    : sc(compile_text(yaml, policy)) {
  REQUIRE(sc);
  initialize_run(*sc, {seed, 0, run}, s);
}

void Run::steps(int n) {
  for (int i = 0; i < n; ++i) {
    REQUIRE(s.step < sc->n_steps);  // advance_step past the horizon would read past sc->years
    advance_step(*sc, s);
  }
}

std::size_t Run::id(std::string_view actor) const { return *sc->actor_index(actor); }

std::size_t Run::ev(std::string_view event) const { return *sc->event_index(event); }

double Run::out(std::size_t outcome) const { return outcome_value(*sc, s, outcome); }

double Run::out(std::string_view outcome) const {
  for (std::size_t o = 0; o < sc->outcomes.size(); ++o)
    if (sc->outcomes[o].spec.id == outcome) return outcome_value(*sc, s, o);
  FAIL("no outcome " << outcome);
  return 0;
}

std::string source_path(const std::string& relative) { return std::string(ENTENTE_SOURCE_DIR) + "/" + relative; }

}  // namespace entente::test
