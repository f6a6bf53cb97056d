// entente play fork: from a turn of the game, M futures to the scenario's
// horizon, written as a `run` result set (summary, thresholds, manifest,
// fan charts, report.html) whose manifest says where in which game it forked.
#include <chrono>
#include <filesystem>

#include "analysis/play/play_session.hpp"
#include "analysis/report/report.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/workflows/run_workflow.hpp"
#include "analysis/writers/number_format.hpp"
#include "analysis/writers/summary_writers.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

namespace {

// Outcome rows 0..k of the line: the start, then each turn's path.
}  // namespace

std::vector<double> line_path(const play::Game& g, int turn) {
  const CompiledScenario& sc = g.scenario();
  const std::size_t n_out = sc.outcomes.size();
  // Turn 0's rows: the start year's values, or a conditioned game's history
  // up to its origin.
  std::vector<double> out;
  if (g.setup().conditioned)
    out = g.setup().conditioned->history;
  else
    for (std::size_t o = 0; o < n_out; ++o) out.push_back(g.line().front().state.series[sc.outcomes[o].series_slot]);
  for (int t = 1; t <= turn; ++t)
    for (const auto& p : g.line()[static_cast<std::size_t>(t)].adjudication->path)
      for (std::size_t o = 0; o < n_out; ++o) out.push_back(p.values.at(o));
  return out;
}

int check_play_fork(const OpenSession& s, const PlayForkRequest& req) {
  const play::Game& g = *s.game;
  const int k = req.turn.value_or(g.turn());
  g.check_turn(k, "fork");
  if (req.runs < 1 || req.runs > 1'000'000'000ULL) throw play::PlayError("--runs must be between 1 and 10^9");
  const int step = k == g.turn() ? g.prepared_world().step : g.line()[static_cast<std::size_t>(k)].state.step;
  if (step >= s.compiled->n_steps)
    throw play::PlayError("fork --turn " + std::to_string(k) + ": that turn is the scenario's end; nothing is left to run");
  if (!req.policy.empty() && !s.loaded.spec.policy(req.policy)) {
    const auto ids = s.loaded.spec.policy_ids();
    throw play::PlayError("unknown policy '" + req.policy + "'" + did_you_mean(req.policy, ids) +
                          "; the scenario's policies: " + (ids.empty() ? std::string("none") : join_alternatives(ids)));
  }
  return k;
}

PlayForkResult play_fork(const PlayForkRequest& req, const ModelRegistry& registry) {
  OpenSession s = open_session(req.session, registry);
  const play::Game& g = *s.game;
  const int k = check_play_fork(s, req);
  RunState start = k == g.turn() ? g.prepared_world() : g.line()[static_cast<std::size_t>(k)].state;

  // A policy's lever settings on top: its levers follow the policy's
  // schedules (dropping what held them), its triggers start unfired.
  std::unique_ptr<CompiledScenario> variant;
  const CompiledScenario* sc = s.compiled.get();
  if (!req.policy.empty()) {
    const PolicySpec* p = s.loaded.spec.policy(req.policy);
    variant = compile_for_policy(s.loaded, registry, req.policy);
    if (variant->n_slots() != s.compiled->n_slots() || variant->levers.size() != s.compiled->levers.size())
      throw std::runtime_error("policy '" + req.policy + "' changes the scenario's parameters; it cannot be forked onto the game");
    for (const auto& [lever, _] : p->levers)
      if (auto l = variant->lever_index(lever)) start.lever_override[*l] = -1;
    start.trigger_fired.assign(variant->triggers.size(), 0);
    sc = variant.get();
  }
  const std::vector<double> prefix = line_path(g, k);

  RunResult result;
  result.loaded = s.loaded;
  result.summary = std::make_unique<EnsembleSummary>(*sc);
  EnsembleOptions opt;
  opt.seed = g.setup().seed;
  opt.design_point = play::fork_point(g.branch(), k);
  opt.runs = req.runs;
  opt.threads = req.threads;
  opt.stop = req.stop;
  opt.start = &start;
  opt.start_prefix = prefix.data();
  ProgressBar bar(req.runs, "futures", req.progress && stderr_is_terminal());
  opt.on_progress = [&](std::uint64_t done) {
    bar.update(done);
    if (req.on_progress) req.on_progress(done);
  };
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t done = run_ensemble(*sc, opt, *result.summary);
  bar.finish();
  if (done < req.runs) return {"", true, done};

  RunSettings& st = result.settings;
  st.command = "run";
  st.seed = g.setup().seed;
  st.runs = req.runs;
  st.runs_completed = done;
  st.threads = resolve_threads(req.threads);
  st.policy = req.policy.empty() ? s.info.policy : req.policy;
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::string text = "fork of " + req.session + " at turn " + std::to_string(k) + " (" +
                     format_number(start.year) + "), branch " + std::to_string(g.branch()) + ": " +
                     std::to_string(req.runs) + " futures to " + format_number(sc->years.back()) +
                     (req.policy.empty() ? " under the game's lever settings" : " under policy " + req.policy +
                                                                                      " on top of the game's settings") +
                     "\n\n" + headline_table(*result.summary);
  if (!req.out.empty()) {
    ResultFiles files = {
        {"summary.csv", summary_csv(*result.summary)},
        {"thresholds.csv", thresholds_csv(*result.summary)},
        {"summary.json", summary_json(*result.summary).dump(2) + "\n"},
    };
    auto manifest = make_manifest(result.loaded, st);
    manifest["play_fork"] = {{"session", req.session},
                             {"turn", k},
                             {"branch", g.branch()},
                             {"year", start.year},
                             {"design_point", opt.design_point},
                             {"policy_on_top", req.policy},
                             {"pending_inputs_included", k == g.turn() ? g.pending().size() : 0}};
    // Staged and put in place whole (sim/output/staged_dir.hpp); a stop
    // while writing throws Interrupted: nothing written, nothing journalled.
    write_staged(req.out, req.stop, [&](const std::string& path) {
      write_result_set(path, files, std::move(manifest));
      if (req.report) write_report(path, req.stop);
    });
    if (req.report) text += "\nreport: " + (std::filesystem::path(req.out) / "report.html").string() + "\n";
    else text += "\nwritten to " + req.out + "\n";
  }
  s.store->append(play::Action::of(play::ForkRecord{k, req.runs, req.policy, req.out}, g.turn(), g.branch()), nullptr);
  s.store->commit();
  return {text, false, done};
}

}  // namespace entente::analysis
