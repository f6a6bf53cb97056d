// The manifest every result set carries (ARCHITECTURE.md, "Self-describing
// outputs"): what produced it, from which inputs, with which settings.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/output/formats.hpp"

namespace entente {

struct RunSettings {
  std::string command;  // "run", "compare", ...
  std::uint64_t seed = 0;
  std::uint64_t runs = 0;
  std::uint64_t runs_completed = 0;
  int threads = 1;
  int ranks = 1;
  std::string policy;
  std::vector<std::string> overlays, sets;
  double wall_seconds = 0;
};

nlohmann::ordered_json make_manifest(const LoadedScenario& loaded, const RunSettings& settings);

// UTC time now, ISO 8601.
std::string utc_timestamp();

}  // namespace entente
