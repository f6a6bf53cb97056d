// From files on disk to a validated scenario: read the base file, merge the
// overlays, apply --set overrides, validate everything and report all
// problems at once.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/io/node.hpp"
#include "sim/model/registry.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/spec.hpp"

namespace entente {

struct LoadRequest {
  std::string file;
  std::vector<std::string> overlays;  // applied in order
  std::vector<std::string> sets;      // "path=value", applied after the overlays
};

struct LoadedScenario {
  std::string file;
  NodePtr resolved;  // the tree after overlays and overrides
  ScenarioSpec spec;
  std::vector<std::pair<std::string, std::string>> input_hashes;  // file -> sha256 of its bytes
  std::string scenario_hash;  // sha256 of the resolved scenario (canonical JSON)
};

// Throws ScenarioError with every problem found.
LoadedScenario load_scenario(const LoadRequest& request, const ModelRegistry& registry);

// The same from YAML text (tests, benchmarks, generated scenarios, fuzzing);
// `name` stands for the file name in diagnostics; `sets` are --set overrides.
LoadedScenario load_scenario_text(const std::string& text, const std::string& name, const ModelRegistry& registry,
                                  const std::vector<std::string>& sets = {});

// Compile for one policy ("" = the file's own settings); throws ScenarioError.
std::unique_ptr<CompiledScenario> compile_for_policy(const LoadedScenario& loaded, const ModelRegistry& registry,
                                                     const std::string& policy);

}  // namespace entente
