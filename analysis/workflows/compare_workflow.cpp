#include "analysis/workflows/compare_workflow.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "analysis/writers/number_format.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/ensemble.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/workflows/run_workflow.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/suggest.hpp"
#include "sim/scenario/year_step.hpp"

namespace entente::analysis {

namespace {

std::vector<std::size_t> resolve_report_steps(const CompiledScenario& sc, const std::vector<double>& years) {
  const std::size_t last = static_cast<std::size_t>(sc.n_steps);
  if (years.empty()) {
    std::vector<std::size_t> steps;
    if (last / 2 > 0 && last / 2 < last) steps.push_back(last / 2);
    steps.push_back(last);
    return steps;
  }
  Diagnostics d;
  std::vector<std::size_t> steps;
  for (double y : years) {
    const std::optional<std::size_t> found = year_step(sc.years, y);
    if (!found) {
      d.error({"--years", 0, 0}, format_number(y) + " is not a year of the scenario (" + format_number(sc.years.front()) +
                                     " to " + format_number(sc.years.back()) + " by " +
                                     (sc.spec.time.quarterly ? "quarter" : "year") + ")");
      continue;
    }
    steps.push_back(*found);
  }
  d.throw_if_any();
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

}  // namespace

CompareResult execute_compare(const CompareRequest& req, const ModelRegistry& registry) {
  CompareResult result;
  result.loaded = load_scenario(req.load, registry);
  std::vector<std::string> policies = req.policies.empty() ? result.loaded.spec.policy_ids() : req.policies;
  Diagnostics d;
  if (policies.size() < 2) {
    d.error({result.loaded.file, 0, 0},
            "compare needs at least two policies (--policy A --policy B); the scenario defines " +
                (result.loaded.spec.policies.empty() ? std::string("none")
                                                     : join_alternatives(result.loaded.spec.policy_ids())));
  }
  for (std::size_t i = 0; i < policies.size(); ++i)
    for (std::size_t k = 0; k < i; ++k)
      if (policies[i] == policies[k]) d.error({"--policy", 0, 0}, "policy '" + policies[i] + "' is listed twice");
  d.throw_if_any();
  for (const auto& p : policies) result.compiled.push_back(compile_for_policy(result.loaded, registry, p));

  std::vector<const CompiledScenario*> variants;
  for (const auto& c : result.compiled) variants.push_back(c.get());
  result.context.loaded = &result.loaded;
  result.context.seed = req.seed;
  result.context.report_steps = resolve_report_steps(*variants.front(), req.years);
  result.comparison = std::make_unique<PairedComparison>(variants, result.context.report_steps);

  EnsembleOptions opt;
  opt.seed = req.seed;
  opt.runs = req.runs;
  opt.threads = req.threads;
  opt.stop = req.stop;
  opt.distribute = true;  // over MPI ranks under mpirun (rank 0 gets the summary)
  ProgressBar bar(req.runs, "runs x " + std::to_string(variants.size()) + " policies",
                  req.progress && stderr_is_terminal());
  opt.on_progress = [&](std::uint64_t done) {
    bar.update(done);
    if (req.on_progress) req.on_progress(done);
  };
  const auto start = std::chrono::steady_clock::now();
  if (req.condition) {
    // The history is filtered under the reference policy; every policy's
    // run r then continues particle r mod N from the origin.
    result.conditioned = condition_ensemble(*variants.front(), *req.condition, req.seed, req.runs, req.threads, req.stop);
    if (result.conditioned->interrupted) {
      result.interrupted = true;
      return result;
    }
    opt.starts = &result.conditioned->states;
    opt.start_prefixes = &result.conditioned->paths;
  }
  const std::uint64_t done = run_ensemble(variants, opt, *result.comparison);
  bar.finish();

  RunSettings& st = result.settings;
  st.command = "compare";
  st.seed = req.seed;
  st.runs = req.runs;
  st.runs_completed = done;
  st.threads = resolve_threads(req.threads);
  st.ranks = distributed::ranks();
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.interrupted = done < req.runs;
  return result;
}

void write_compare_outputs(const CompareResult& r, const std::string& dir) {
  ResultFiles files = {
      {"compare.csv", compare_csv(*r.comparison)},
      {"compare.json", compare_json(*r.comparison, r.context).dump(2) + "\n"},
  };
  auto manifest = make_manifest(r.loaded, r.settings);
  std::vector<std::string> ids;
  for (const auto& c : r.compiled) ids.push_back(c->policy);
  manifest["policies"] = ids;
  manifest["reference"] = ids.front();
  if (r.conditioned) add_conditioning_outputs(*r.conditioned, files, manifest);
  write_result_set(dir, files, std::move(manifest));
}

}  // namespace entente::analysis
