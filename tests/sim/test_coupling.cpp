// The coupling contract (docs/models/coupling.md): one writer per shared
// field, roles and per-actor parameters reach the component compiled.
#include <catch2/catch.hpp>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/loader.hpp"

using namespace entente;

namespace {

// A component that writes GDP and remembers what it was given.
class Probe final : public Model {
 public:
  explicit Probe(const ModelParams& p) : params_(p) {}
  bool bind_output(std::string_view, std::size_t, std::string&) override { return false; }
  void initialize(RunState&, std::size_t) const override {}
  void step(RunState&, std::size_t) const override {}
  ModelParams params_;
};

ModelInfo probe_info(const std::string& name) {
  ModelInfo info;
  info.name = name;
  info.summary = "test";
  info.family = "test";
  info.params = {{"rate", 0.5, 0, 1, "1", "a rate", "test"}};
  info.actor_params = {{"weight", 2.0, 0, 10, "1", "a weight", "test"}};
  info.roles = {{"pair", "two actors", 2, 2, RoleActors::kNoAlliances}, {"extra", "optional", 0, 3, RoleActors::kAny}};
  info.writes = {"gdp"};
  info.create = [](const CompiledScenario&, const ModelParams& p) { return std::make_unique<Probe>(p); };
  return info;
}

// A reporter so the scenario has an outcome to bind.
class Reporter final : public Model {
 public:
  bool bind_output(std::string_view s, std::size_t, std::string&) override { return s == "x.y"; }
  void initialize(RunState&, std::size_t) const override {}
  void step(RunState&, std::size_t) const override {}
};

ModelRegistry registry() {
  ModelRegistry r;
  r.add(probe_info("ProbeA"));
  r.add(probe_info("ProbeB"));
  ModelInfo rep;
  rep.name = "Reporter";
  rep.create = [](const CompiledScenario&, const ModelParams&) { return std::make_unique<Reporter>(); };
  r.add(rep);
  return r;
}

std::string scenario(const std::string& models) {
  return "entente: 1\nname: t\ntime: {start: 2020, end: 2022, step: year}\n"
         "actors:\n  a: {kind: state, attributes: {gdp: 1}}\n  b: {kind: state, attributes: {gdp: 2}}\n"
         "  c: {kind: state, attributes: {gdp: 3}}\n"
         "models:\n" + models + "  - {name: Reporter}\noutcomes:\n  o: {series: x.y}\n";
}

std::vector<std::string> errors_of(const std::string& yaml) {
  const ModelRegistry reg = registry();
  try {
    auto loaded = load_scenario_text(yaml, "t.yaml", reg);
    compile_for_policy(loaded, reg, "");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.message);
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("two components may not write the same shared field", "[coupling]") {
  const auto errors = errors_of(scenario("  - {name: ProbeA, roles: {pair: [a, b]}}\n"
                                         "  - {name: ProbeB, roles: {pair: [a, c]}}\n"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        "model component 'ProbeB' writes 'gdp', which 'ProbeA' already writes; only one component may write a "
        "shared field");
}

TEST_CASE("roles and per-actor parameters reach the component", "[coupling]") {
  const ModelRegistry reg = registry();
  auto loaded = load_scenario_text(scenario("  - name: ProbeA\n    roles: {pair: [c, a]}\n"
                                            "    actors: {b: {weight: {dist: uniform, min: 3, max: 4}}}\n"),
                                   "t.yaml", reg);
  auto sc = compile_for_policy(loaded, reg, "");
  const auto& probe = dynamic_cast<const Probe&>(*sc->models[0]);
  CHECK(probe.params_.role("pair") == std::vector<std::size_t>{2, 0});
  CHECK(probe.params_.role("extra").empty());
  const auto& w = probe.params_.actor("weight");
  REQUIRE(w.size() == 3);
  CHECK(sc->slots[w[0].slot].dist.is_fixed());
  CHECK(sc->slots[w[0].slot].dist.p1 == 2.0);
  CHECK_FALSE(sc->slots[w[1].slot].dist.is_fixed());
  CHECK(sc->slots[w[1].slot].key == "models.ProbeA.actors.b.weight");
  CHECK(sc->models[0]->index() == 0);
  CHECK(sc->models[1]->index() == 1);
}

TEST_CASE("role and per-actor parameter mistakes are reported together", "[coupling]") {
  const auto errors = errors_of(scenario("  - name: ProbeA\n    roles: {pair: [a], extra: [a, zz]}\n"
                                         "    actors: {b: {wieght: 1}, d: {weight: 1}, c: {weight: 11}}\n"));
  std::vector<std::string> expected = {
      "model 'ProbeA' role 'pair' takes 2 actor(s), got 1",
      "unknown actor 'zz' in model 'ProbeA' role 'extra' (did you mean 'a'?)",
      "unknown key 'wieght' in model 'ProbeA' actor 'b' (did you mean 'weight'?)",
      "unknown actor 'd' in model 'ProbeA' actors (did you mean 'a'?)",
      "model 'ProbeA' actor 'c' parameter 'weight' must lie in [0, 10], got 11",
  };
  CHECK(errors == expected);
}

TEST_CASE("a role for states or blocs rejects an alliance", "[coupling]") {
  const std::string yaml = scenario("  - {name: ProbeA, roles: {pair: [a, club]}}\n");
  const std::string with_alliance =
      yaml.substr(0, yaml.find("models:")) + "  club: {kind: alliance, members: [a, b]}\n" + yaml.substr(yaml.find("models:"));
  const auto errors = errors_of(with_alliance);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "model 'ProbeA' role 'pair' takes states or blocs; 'club' is an alliance");
}

TEST_CASE("a required role must be given", "[coupling]") {
  const auto errors = errors_of(scenario("  - {name: ProbeA}\n"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "model 'ProbeA' needs roles.pair (two actors)");
}
