// Size limits (sim/util/limits.hpp) and scale: a scenario over a limit is
// one clear diagnostic at the first entry over it; a large scenario within
// them (200 actors, 2,000 dependencies) validates, compiles and runs.
// Timing is measured by bench/bench_large_scenario.cpp, not asserted here.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "sim/io/node.hpp"
#include "sim/util/limits.hpp"
#include "support/cli_runner.hpp"
#include "support/fixtures.hpp"
#include "support/large_scenario.hpp"

namespace {

using entente::test::generate_large_scenario;
using entente::test::LargeScenarioSize;

// The formatted diagnostics of loading `yaml` ("test.yaml:L:C: error: ..."),
// empty when it loads.
std::vector<std::string> load_errors(const std::string& yaml) {
  try {
    entente::test::load_text(yaml);
  } catch (const entente::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

// 1-based line of the first line of `text` that starts with `prefix`.
int line_of(const std::string& text, const std::string& prefix) {
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, prefix.size(), prefix) == 0) return line;
    pos = text.find('\n', pos);
    if (pos == std::string::npos) break;
    ++pos;
    ++line;
  }
  FAIL("no line starts with " << prefix);
  return 0;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a generated scenario with 200 actors and 2000 dependencies validates and runs", "[limits][scale]") {
  const std::string yaml = generate_large_scenario();
  const auto loaded = entente::test::load_text(yaml);
  CHECK(loaded.spec.actors.size() == 200);
  CHECK(loaded.spec.dependencies.size() == 2002);  // and the two payments rows
  for (const std::string policy : {"", "pressure", "relief"}) {
    auto sc = entente::compile_for_policy(loaded, entente::builtin_registry(), policy);
    REQUIRE(sc);
    CHECK(sc->n_actors == 200);
    // A small ensemble: every outcome of every step of every run is finite.
    std::vector<double> trace(static_cast<std::size_t>(sc->n_steps + 1) * sc->outcomes.size());
    entente::RunState state;
    for (std::uint64_t run = 0; run < 4; ++run) {
      entente::run_trace(*sc, {7, 0, run}, state, trace.data());
      for (double v : trace) REQUIRE(std::isfinite(v));
    }
  }
}

TEST_CASE("entente validate accepts the generated large scenario", "[limits][scale][cli]") {
  const auto dir = entente::test::scratch_dir("large_scenario");
  const auto file = dir / "large.yaml";
  std::ofstream(file) << generate_large_scenario();
  const auto r = entente::test::run_cli("validate " + file.string());
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("200 actors, 2002 dependencies, 40 levers, 3 uncertainties, 20 events") != std::string::npos);
}

TEST_CASE("too many actors is one diagnostic at the first actor over the limit", "[limits]") {
  LargeScenarioSize size;
  size.actors = entente::limits::kMaxActors + 3;
  size.dependencies = 100;
  const std::string yaml = generate_large_scenario(size);
  const int line = line_of(yaml, "  a1000:");
  CHECK(load_errors(yaml) == std::vector<std::string>{"test.yaml:" + std::to_string(line) +
                                                      ":3: error: 1,003 actors; a scenario may have at most 1,000"});
}

TEST_CASE("too many dependencies is one diagnostic at the first one over the limit", "[limits]") {
  entente::test::MiniScenario m;
  m.deps = repeat("  - {from: a, to: b, channel: goods, value: 10, unit: USD bn, source: test}\n",
                  entente::limits::kMaxDependencies + 1);
  const std::string yaml = m.yaml();
  const int first = line_of(yaml, "  - {from: a");
  CHECK(load_errors(yaml) ==
        std::vector<std::string>{"test.yaml:" + std::to_string(first + 10000) +
                                 ":5: error: 10,001 dependencies; a scenario may have at most 10,000"});
}

TEST_CASE("too many levers, events, uncertainties, outcomes and policies are each reported", "[limits]") {
  using namespace entente::limits;
  entente::test::MiniScenario m;
  std::string levers = "levers:\n", events = "events:\n", policies = "policies:\n";
  for (std::size_t i = 0; i <= kMaxLevers; ++i)
    levers += "  l" + std::to_string(i) + ": {kind: sanctions, owner: a, target: b, intensity: 0, source: t}\n";
  for (std::size_t i = 0; i <= kMaxEvents; ++i) events += "  e" + std::to_string(i) + ": {hazard: 0.01, source: t}\n";
  for (std::size_t i = 0; i <= kMaxPolicies; ++i) policies += "  p" + std::to_string(i) + ": {description: t}\n";
  std::string uncertainties = "uncertainties:\n";
  for (std::size_t i = 0; i <= kMaxUncertainties; ++i)
    uncertainties += "  u" + std::to_string(i) + ": {dist: uniform, min: 0, max: 1, source: t}\n";
  for (std::size_t i = 0; i < kMaxOutcomes; ++i) m.outcomes += "  o" + std::to_string(i) + ": {series: gdp.a}\n";
  m.extra = levers + events + policies + uncertainties;
  const std::string yaml = m.yaml();
  const auto at = [&](const std::string& key) {
    return "test.yaml:" + std::to_string(line_of(yaml, key)) + ":3: error: ";
  };
  CHECK(load_errors(yaml) == std::vector<std::string>{
                                 at("  o498:") + "502 outcomes; a scenario may have at most 500",
                                 at("  l1000:") + "1,001 levers; a scenario may have at most 1,000",
                                 at("  e1000:") + "1,001 events; a scenario may have at most 1,000",
                                 at("  p100:") + "101 policies; a scenario may have at most 100",
                                 at("  u1000:") + "1,001 uncertainties; a scenario may have at most 1,000",
                             });
}

TEST_CASE("a file over the size limit is refused before it is parsed", "[limits]") {
  const std::string yaml = "entente: 1\ndescription: \"" + std::string(entente::limits::kMaxFileBytes, 'x') + "\"\n";
  CHECK(load_errors(yaml) == std::vector<std::string>{"test.yaml: error: file larger than 16 MiB"});
}

TEST_CASE("an alias bomb stops at the alias budget", "[limits]") {
  // Each level refers to the previous one ten times: 10^8 nodes once
  // expanded, from a few hundred bytes of text.
  std::string yaml = "entente: 1\nl0: &l0 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n";
  for (int i = 1; i <= 8; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    yaml += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + repeat(prev + ", ", 9) + prev + "]\n";
  }
  // Stopped at the alias that crosses the budget: l3 is 11,111 nodes, so the
  // ninth *l3 on line 6 (l4) makes the copies pass 100,000.
  CHECK(load_errors(yaml) ==
        std::vector<std::string>{"test.yaml:6:45: error: aliases expand to more than 100,000 nodes"});
}

TEST_CASE("a long flat list stops at the node limit", "[limits]") {
  // 2 bytes a node: the file is within the size limit, the tree is not. The
  // 500,001st node is item 499,996 of the list (the five before it: the
  // root, entente, 1, x and the list).
  std::string yaml = "entente: 1\nx: [";
  for (std::size_t i = 0; i < entente::limits::kMaxNodes; ++i) yaml += "0,";
  yaml += "0]\n";
  CHECK(load_errors(yaml) ==
        std::vector<std::string>{"test.yaml:2:999995: error: document too large (more than 500,000 nodes)"});
}

TEST_CASE("the reader keeps aliases, duplicate keys and non-string keys as before", "[limits]") {
  // Aliases copy their anchor (an edit of one copy leaves the other alone).
  entente::Diagnostics d;
  auto root = entente::parse_yaml("a: &x {k: [1, 2]}\nb: *x\n", "t.yaml", d);
  REQUIRE(d.empty());
  REQUIRE(root->entries.size() == 2);
  CHECK(root->entries[1].value->entries[0].value->items.size() == 2);
  CHECK(root->entries[1].value.get() != root->entries[0].value.get());
  CHECK(root->entries[1].value->location.line == 1);  // where the anchored node is
  entente::Diagnostics d2;
  entente::parse_yaml("a: 1\n? [x]\n: 2\na: 3\n", "t.yaml", d2);
  std::vector<std::string> got;
  for (const auto& x : d2.sorted()) got.push_back(x.format());
  CHECK(got == std::vector<std::string>{"t.yaml:2:3: error: map keys must be plain strings",
                                        "t.yaml:4:1: error: duplicate key 'a' (first at line 1)"});
}
