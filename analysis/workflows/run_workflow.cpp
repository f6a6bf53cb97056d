#include "analysis/workflows/run_workflow.hpp"

#include <chrono>

#include "analysis/writers/summary_writers.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/ensemble.hpp"
#include "analysis/workflows/result_set.hpp"
#include "sim/util/progress.hpp"

namespace entente::analysis {

void add_conditioning_outputs(const ConditionedEnsemble& c, ResultFiles& files, nlohmann::ordered_json& manifest) {
  files.emplace_back("filter.csv", filter_steps_csv(c.steps));
  manifest["conditioned_on"] = {{"file", c.observed_file},
                                {"sha256", c.observed_sha256},
                                {"origin", c.origin},
                                {"observations", c.observations}};
}

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
  opt.distribute = true;  // over MPI ranks under mpirun (rank 0 gets the summary)
  ProgressBar bar(req.runs, "runs", req.progress && stderr_is_terminal());
  opt.on_progress = [&](std::uint64_t done) {
    bar.update(done);
    if (req.on_progress) req.on_progress(done);
  };

  const auto start = std::chrono::steady_clock::now();
  if (req.condition) {
    // Every rank runs the same filter (deterministic), then the ensemble's
    // run r continues particle r mod N from the origin.
    result.conditioned = condition_ensemble(*result.compiled, *req.condition, req.seed, req.runs, req.threads, req.stop);
    if (result.conditioned->interrupted) {
      result.interrupted = true;
      result.settings.runs = req.runs;
      return result;
    }
    opt.starts = &result.conditioned->states;
    opt.start_prefixes = &result.conditioned->paths;
  }
  test_phase("running", req.stop);  // loaded and compiled: the runs start
  const std::uint64_t done = run_ensemble(*result.compiled, opt, *result.summary);
  bar.finish();

  RunSettings& st = result.settings;
  st.command = "run";
  st.seed = req.seed;
  st.runs = req.runs;
  st.runs_completed = done;
  st.threads = resolve_threads(req.threads);
  st.ranks = distributed::ranks();
  st.policy = req.policy;
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.interrupted = done < req.runs;
  if (req.trace_run && !result.interrupted && distributed::rank() == 0) result.story = tell_run(*result.compiled, req.seed, *req.trace_run);
  return result;
}

void write_run_outputs(const RunResult& r, const std::string& dir) {
  // Render everything first, so a failure while formatting writes nothing.
  ResultFiles files = {
      {"summary.csv", summary_csv(*r.summary)},
      {"thresholds.csv", thresholds_csv(*r.summary)},
      {"summary.json", summary_json(*r.summary).dump(2) + "\n"},
  };
  if (r.story) {
    files.emplace_back("trace.csv", trace_csv(*r.compiled, *r.story));
    files.emplace_back("events.csv", events_csv(*r.compiled, *r.story));
  }
  auto manifest = make_manifest(r.loaded, r.settings);
  if (r.conditioned) add_conditioning_outputs(*r.conditioned, files, manifest);
  write_result_set(dir, files, manifest);
}

}  // namespace entente::analysis
