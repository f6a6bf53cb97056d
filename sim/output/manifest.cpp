#include "sim/output/manifest.hpp"


#include <boost/version.hpp>
#include <ctime>

#include "entente/version.hpp"
#include "sim/io/node_json.hpp"
#include "sim/output/formats.hpp"

namespace entente {

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::ordered_json make_manifest(const LoadedScenario& loaded, const RunSettings& st) {
  nlohmann::ordered_json m;
  m["format"] = kManifestFormat.name;
  m["format_version"] = kManifestFormat.version;
  m["entente_version"] = kVersion;
  m["git_revision"] = kGitRevision;
  m["command"] = st.command;
  m["created_utc"] = utc_timestamp();
  m["scenario"] = {{"name", loaded.spec.name}, {"file", loaded.file}, {"hash_sha256", loaded.scenario_hash}};
  auto inputs = nlohmann::ordered_json::array();
  for (const auto& [file, hash] : loaded.input_hashes) inputs.push_back({{"file", file}, {"sha256", hash}});
  m["inputs"] = inputs;
  m["overlays"] = st.overlays;
  m["sets"] = st.sets;
  m["policy"] = st.policy;
  m["seed"] = st.seed;
  m["runs"] = st.runs;
  m["runs_completed"] = st.runs_completed;
  m["threads"] = st.threads;
  m["ranks"] = st.ranks;
  m["wall_seconds"] = st.wall_seconds;
  m["libraries"] = {{"boost", BOOST_LIB_VERSION}};
  m["resolved_scenario"] = node_to_json(*loaded.resolved);
  return m;
}

}  // namespace entente
