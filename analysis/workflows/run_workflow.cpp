#include "analysis/workflows/run_workflow.hpp"

#include <chrono>

#include "analysis/writers/summary_writers.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/util/sha256.hpp"
#include "sim/util/progress.hpp"

namespace entente::analysis {

RunResult execute_run(const RunRequest& req, const ModelRegistry& registry) {
  RunResult result;
  result.loaded = load_scenario(req.load, registry);
  result.compiled = compile_for_policy(result.loaded, registry, req.policy);
  result.summary = std::make_unique<EnsembleSummary>(*result.compiled);

  EnsembleOptions opt;
  opt.seed = req.seed;
  opt.runs = req.runs;
  opt.threads = req.threads;
  opt.stop = req.stop;
  ProgressBar bar(req.runs, "runs", req.progress && stderr_is_terminal());
  opt.on_progress = [&](std::uint64_t done) { bar.update(done); };

  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t done = run_ensemble(*result.compiled, opt, *result.summary);
  bar.finish();

  RunSettings& st = result.settings;
  st.command = "run";
  st.seed = req.seed;
  st.runs = req.runs;
  st.runs_completed = done;
  st.threads = resolve_threads(req.threads);
  st.policy = req.policy;
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.interrupted = done < req.runs;
  return result;
}

void write_run_outputs(const RunResult& r, const std::string& dir) {
  ensure_directory(dir);
  // Render everything first, so a failure while formatting writes nothing.
  const std::vector<std::pair<std::string, std::string>> files = {
      {"summary.csv", summary_csv(*r.summary)},
      {"thresholds.csv", thresholds_csv(*r.summary)},
      {"summary.json", summary_json(*r.summary).dump(2) + "\n"},
  };
  // The manifest, written last, lists the hash of every file of the set: a
  // reader can tell a complete result set from one a crash left mixed with
  // an older run's files.
  auto manifest = make_manifest(r.loaded, r.settings);
  auto listing = nlohmann::ordered_json::object();
  for (const auto& [name, content] : files) listing[name] = sha256_hex(content);
  manifest["files"] = listing;
  for (const auto& [name, content] : files) write_file_atomic(dir + "/" + name, content);
  write_file_atomic(dir + "/manifest.json", manifest.dump(2) + "\n");
}

}  // namespace entente::analysis
