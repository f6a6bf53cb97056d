#include "support/fixtures.hpp"

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

std::string source_path(const std::string& relative) { return std::string(ENTENTE_SOURCE_DIR) + "/" + relative; }

}  // namespace entente::test
