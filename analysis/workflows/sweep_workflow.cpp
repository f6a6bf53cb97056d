#include "analysis/workflows/sweep_workflow.hpp"
#include "analysis/workflows/sweep_key_diff.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/design/make_design.hpp"
#include "analysis/sweep/point_summary.hpp"
#include "analysis/sweep/sweep_db.hpp"
#include "analysis/sweep/sweep_lock.hpp"
#include "analysis/sweep/sweep_wire.hpp"
#include "analysis/writers/number_format.hpp"
#include "entente/version.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/distributed_wire.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/io/node_json.hpp"
#include "sim/output/formats.hpp"
#include "sim/output/manifest.hpp"
#include "sim/scenario/year_step.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/sha256.hpp"
#include "sim/util/suggest.hpp"

namespace entente::analysis {

namespace {

// A design parameter bound to what it replaces in a run.
struct BoundParameter {
  DesignParameter param;
  std::string kind;  // "uncertainty" or "lever"
  std::size_t index = 0;  // slot (uncertainty) or lever index
};

nlohmann::ordered_json dist_json(const Distribution& d) {
  nlohmann::ordered_json j;
  j["dist"] = dist_kind_name(d.kind);
  j["p"] = {d.p1, d.p2, d.p3};
  if (d.truncated) j["truncate"] = {d.lo, d.hi};
  return j;
}

std::vector<BoundParameter> bind_parameters(const SweepRequest& req, const ParamsFile* file, const CompiledScenario& sc) {
  Diagnostics d;
  std::vector<std::pair<std::string, std::optional<Distribution>>> wanted;
  if (file)
    for (const auto& p : file->parameters) wanted.emplace_back(p.name, p.dist);
  for (const auto& name : req.params) wanted.emplace_back(name, std::nullopt);
  if (wanted.empty())
    for (const auto& u : sc.spec.uncertainties) wanted.emplace_back(u.id, std::nullopt);
  std::vector<std::string> known;
  for (const auto& u : sc.spec.uncertainties) known.push_back(u.id);
  for (const auto& l : sc.levers) known.push_back("levers." + l.id);

  std::vector<BoundParameter> out;
  for (const auto& [name, dist] : wanted) {
    BoundParameter b;
    b.param.name = name;
    if (name.rfind("levers.", 0) == 0) {
      auto idx = sc.lever_index(name.substr(7));
      if (!idx) {
        d.error({"--param", 0, 0}, "unknown lever '" + name.substr(7) + "'" + did_you_mean(name, known));
        continue;
      }
      const CompiledLever& lv = sc.levers[*idx];
      if (!(lv.range_min < lv.range_max)) {
        d.error({"--param", 0, 0}, "lever '" + lv.id + "' has a fixed range and cannot vary");
        continue;
      }
      b.kind = "lever";
      b.index = *idx;
      b.param.dist = dist ? *dist : Distribution{DistKind::kUniform, lv.range_min, lv.range_max, 0, false, 0, 0};
      if (b.param.dist.support_min() < lv.range_min || b.param.dist.support_max() > lv.range_max)
        d.error({"--params", 0, 0}, "the distribution of '" + name + "' leaves the lever's range [" +
                                        format_number(lv.range_min) + ", " + format_number(lv.range_max) + "]");
    } else {
      const std::string key = "uncertainties." + name;
      std::optional<std::size_t> slot;
      for (std::size_t i = 0; i < sc.slots.size(); ++i)
        if (sc.slots[i].key == key) slot = i;
      if (!slot) {
        d.error({"--param", 0, 0}, "unknown uncertainty '" + name + "'" + did_you_mean(name, known) +
                                       "; sweep parameters are the scenario's uncertainties and levers.<id>");
        continue;
      }
      b.kind = "uncertainty";
      b.index = *slot;
      b.param.dist = dist ? *dist : sc.slots[*slot].dist;
      if (b.param.dist.is_fixed()) {
        d.error({"--param", 0, 0}, "uncertainty '" + name + "' is a fixed value and cannot vary");
        continue;
      }
    }
    for (const auto& other : out)
      if (other.param.name == name) d.error({"--param", 0, 0}, "parameter '" + name + "' is listed twice");
    out.push_back(std::move(b));
  }
  if (out.empty() && d.empty())
    d.error({req.load.file, 0, 0}, "nothing to sweep: the scenario has no uncertainties; name parameters with --param");
  d.throw_if_any();
  return out;
}

// The design through the same entry point as `entente design`.
Design build_design(const SweepRequest& req, const ParamsFile& params) {
  DesignRequest dr;
  dr.kind = req.design;
  dr.samples = req.samples;
  dr.levels = req.levels;
  dr.seed = req.seed;
  dr.second_order = req.second_order;
  dr.maximin = req.maximin;
  try {
    return make_design(params, dr);
  } catch (const std::invalid_argument& e) {
    Diagnostics d;
    d.error({"--design", 0, 0}, e.what());
    d.throw_if_any();
  }
  return {};
}

std::vector<std::size_t> report_steps(const CompiledScenario& sc, const std::vector<double>& years, bool every_year) {
  std::vector<std::size_t> steps;
  if (years.empty()) {
    // The default a researcher reads a sweep in: the milestones (years
    // divisible by 5) and the horizon, 2025, 2030 and 2035 for a 2021-2035
    // scenario. Every year multiplied the database by 5 and the rows a point
    // writes by as much (docs/performance.md, "Sweeps"); --years all asks for it.
    for (std::size_t s = 0; s < sc.years.size(); ++s) {
      const double y = sc.years[s];
      const bool milestone = std::fabs(y - 5.0 * std::round(y / 5.0)) < 1e-9;
      if (every_year || milestone || s + 1 == sc.years.size()) steps.push_back(s);
    }
    return steps;
  }
  Diagnostics d;
  for (double y : years) {
    const std::optional<std::size_t> found = year_step(sc.years, y);
    if (found) steps.push_back(*found);
    if (!found)
      d.error({"--years", 0, 0}, format_number(y) + " is not a year of the scenario (" +
                                     format_number(sc.years.front()) + " to " + format_number(sc.years.back()) + ")");
  }
  d.throw_if_any();
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

}  // namespace

SweepResult execute_sweep(const SweepRequest& req, const ModelRegistry& registry) {
  const auto started = std::chrono::steady_clock::now();
  const std::string started_utc = utc_timestamp();
  LoadedScenario loaded = load_scenario(req.load, registry);
  std::vector<std::unique_ptr<CompiledScenario>> compiled;
  std::vector<std::string> policy_names;
  if (req.policies.empty()) {
    compiled.push_back(compile_for_policy(loaded, registry, ""));
    policy_names.push_back("scenario");
  }
  for (const auto& p : req.policies) {
    compiled.push_back(compile_for_policy(loaded, registry, p));
    policy_names.push_back(p);
  }
  const CompiledScenario& sc = *compiled.front();
  std::optional<ParamsFile> file;
  if (!req.params_file.empty()) file = load_params_file(req.params_file);
  const auto bound = bind_parameters(req, file ? &*file : nullptr, sc);
  ParamsFile params;
  for (const auto& b : bound) params.parameters.push_back(b.param);
  if (file && file->has_correlations) {
    if (!req.params.empty()) {
      Diagnostics d;
      d.error({req.params_file, 0, 0}, "its correlations cover only its own parameters; do not add --param to it");
      d.throw_if_any();
    }
    params.correlation = file->correlation;
    params.has_correlations = true;
  }
  if (req.condition) {
    // A conditioned replicate's uncertainties were drawn, weighted and
    // jittered by the filter on the history before the origin: a design value
    // for one would contradict the past that chose it. Levers act from the
    // origin on, on a past the record fixes.
    Diagnostics d;
    for (const auto& b : bound)
      if (b.kind == "uncertainty")
        d.error({"--param", 0, 0},
                "'" + b.param.name + "' is an uncertainty; with --condition-on the uncertainties are the "
                "particle filter's posterior draws, fixed by the history up to the origin, so a design cannot set "
                "them: sweep levers (--param levers.<id>, held from the origin on) or drop --condition-on");
    d.throw_if_any();
  }
  Design design = build_design(req, params);
  const auto steps = report_steps(sc, req.years, req.every_year);
  std::optional<ConditionedEnsemble> conditioned;
  if (req.condition) {
    if (req.particles < 2) {
      Diagnostics d;
      d.error({"--particles", 0, 0}, "the particle filter needs at least 2 particles");
      d.throw_if_any();
    }
    // Every rank runs the same filter (deterministic for the seed, any
    // thread count), under the first policy, as compare does.
    conditioned = condition_ensemble(sc, *req.condition, req.seed, req.particles, req.threads, req.stop);
    if (conditioned->interrupted) {
      SweepResult stopped;
      stopped.points = design.x.size();
      stopped.interrupted = true;
      stopped.db = req.db;
      return stopped;
    }
  }

  // What identifies this sweep: a resumed database must hold the same one.
  nlohmann::ordered_json key;
  key["scenario_hash"] = loaded.scenario_hash;
  key["design"] = req.design;
  key["samples"] = req.samples;
  key["levels"] = req.levels;
  key["second_order"] = req.second_order;
  key["maximin"] = req.maximin;
  key["seed"] = req.seed;
  key["replicates"] = req.replicates;
  key["policies"] = policy_names;
  std::vector<double> years;
  for (std::size_t s : steps) years.push_back(sc.years[s]);
  key["years"] = years;
  auto pj = nlohmann::ordered_json::array();
  for (const auto& b : bound) pj.push_back({{"name", b.param.name}, {"kind", b.kind}, {"distribution", dist_json(b.param.dist)}});
  key["parameters"] = pj;
  // Only conditioned sweeps carry it: the keys of every earlier sweep stay valid.
  nlohmann::ordered_json condition_json;
  if (conditioned) {
    condition_json = {{"file", conditioned->observed_file},
                      {"sha256", conditioned->observed_sha256},
                      {"origin", conditioned->origin},
                      {"observations", conditioned->observations},
                      {"particles", req.particles},
                      {"relative_error", req.condition->relative_error}};
    key["conditioned_on"] = {{"sha256", conditioned->observed_sha256},
                             {"origin", conditioned->origin},
                             {"particles", req.particles},
                             {"relative_error", req.condition->relative_error}};
  }
  const std::string sweep_key = sha256_hex(key.dump());

  // Under mpirun only rank 0 touches the database; it tells the other ranks
  // which points to compute (or that it failed, so they stop too).
  const bool root = distributed::rank() == 0;
  const int n_ranks = distributed::ranks();
  std::unique_ptr<SweepLock> lock;  // released after db_holder closes (declared first)
  std::unique_ptr<SweepDatabase> db_holder;
  std::uint64_t finished_count = 0;
  std::vector<std::uint64_t> todo;
  if (root) {
    try {
      // ":memory:" is SQLite's database in memory: a throwaway sweep (no
      // file, no lock, nothing left to resume or analyse afterwards).
      const bool in_memory = req.db == ":memory:";
      if (in_memory && req.resume) {
        Diagnostics d;
        d.error({req.db, 0, 0}, "a sweep in memory ends with its process, so there is nothing to resume; give --db FILE");
        d.throw_if_any();
      }
      const bool existed = !in_memory && std::filesystem::exists(req.db);
      if (existed != req.resume) {
        Diagnostics d;
        d.error({req.db, 0, 0}, existed ? "already exists; use --resume to continue that sweep, or choose another --db"
                                        : "does not exist, so there is no sweep to resume; drop --resume to start one");
        d.throw_if_any();
      }
      try {
        if (!in_memory) lock = std::make_unique<SweepLock>(req.db);
        db_holder = std::make_unique<SweepDatabase>(req.db);
        if (existed && db_holder->layout_version() != 2)
          throw std::runtime_error(
              req.db + ": was written in format_version " + std::to_string(db_holder->layout_version()) + " of " +
              kSweepFormat.name + "; this entente still reads it (entente analyze, entente.read_sweep) but resumes "
              "only version " + std::to_string(kSweepFormat.version) +
              " sweeps: run the sweep again into a new --db (the same options give the same design)");
        // Started without --resume, the database must still be new once the
        // lock is ours: another sweep may have created it meanwhile.
        if (!existed && db_holder->initialized())
          throw std::runtime_error(req.db + ": was started by another entente sweep meanwhile; use --resume to "
                                            "continue that sweep, or choose another --db");
        // A database with the tables but no manifest is a sweep killed
        // before its design was committed: resuming it starts from point 0.
        if (existed && db_holder->initialized() && db_holder->manifest_value("format") != kSweepFormat.name)
          throw std::runtime_error(kNotSweepDatabase);
      } catch (const std::runtime_error& e) {
        Diagnostics d;
        const std::string what = e.what();
        d.error({req.db, 0, 0}, what.rfind(req.db + ": ", 0) == 0 ? what.substr(req.db.size() + 2) : what);
        d.throw_if_any();
      }
      SweepDatabase& db = *db_holder;
      if (!db.initialized()) {
        std::vector<SweepParameterRow> rows;
        for (const auto& b : bound) rows.push_back({b.param.name, b.kind, dist_json(b.param.dist).dump()});
        std::vector<std::pair<std::string, std::string>> manifest = {
            {"format", kSweepFormat.name},
            {"format_version", std::to_string(kSweepFormat.version)},
            {"entente_version", kVersion},
            {"git_revision", kGitRevision},
            {"scenario_name", loaded.spec.name},
            {"scenario_file", loaded.file},
            {"scenario_hash", loaded.scenario_hash},
            {"resolved_scenario", node_to_json(*loaded.resolved).dump()},
            {"sweep", key.dump()},
            {"sweep_key", sweep_key},
            {"design", req.design},
            {"base_samples", std::to_string(design.base_samples)},
            {"second_order", design.second_order ? "1" : "0"},
            {"levels", std::to_string(design.levels)},
            {"seed", std::to_string(req.seed)},
            {"replicates", std::to_string(req.replicates)},
            {"policies", nlohmann::json(policy_names).dump()},
            {"years", nlohmann::json(years).dump()},
            // The stats table's key: point x rows_per_point + the row's place.
            {"rows_per_point", std::to_string(policy_names.size() * sc.outcomes.size() * years.size())},
        };
        if (conditioned) manifest.emplace_back("conditioned_on", condition_json.dump());
        std::vector<std::string> outcome_names;
        for (const auto& o : sc.outcomes) outcome_names.push_back(o.spec.id);
        db.initialize(manifest, rows, policy_names, outcome_names, design.x, design.u);
      } else if (db.manifest_value("sweep_key") != sweep_key) {
        Diagnostics d;
        const std::string differs =
            sweep_key_difference(nlohmann::ordered_json::parse(db.manifest_value("sweep"), nullptr, false), key);
        d.error({req.db, 0, 0},
                "holds a different sweep (" +
                    (differs.empty() ? std::string("scenario, design, seed, replicates, policies, years, parameters "
                                                   "or the history conditioned on differ")
                                     : "differs in " + differs) +
                    "); resume it with the options it was started with, or use another --db");
        d.throw_if_any();
      } else {
        // Resuming: what is there must be what was committed (docs/reliability.md).
        try {
          db.require_intact();
        } catch (const std::runtime_error& e) {
          Diagnostics d;
          const std::string what = e.what();
          d.error({req.db, 0, 0}, what.rfind(req.db + ": ", 0) == 0 ? what.substr(req.db.size() + 2) : what);
          d.throw_if_any();
        }
      }
      // Only once the file is known to be this sweep's, intact: a refused
      // resume leaves it byte for byte as it was.
      db.begin_writing();
      const std::set<std::uint64_t> finished = db.finished_points();
      finished_count = finished.size();
      for (std::uint64_t p = 0; p < design.x.size(); ++p)
        if (!finished.count(p)) todo.push_back(p);
      if (req.limit > 0 && todo.size() > req.limit) todo.resize(static_cast<std::size_t>(req.limit));
    } catch (const ScenarioError&) {
      std::string none;
      if (n_ranks > 1) distributed::broadcast(none, 2);
      throw;
    } catch (...) {
      std::string none;
      if (n_ranks > 1) distributed::broadcast(none, 1);
      throw;
    }
  }
  if (n_ranks > 1) {
    distributed::ByteWriter w;
    w.u64(finished_count);
    w.u64(todo.size());
    for (std::uint64_t p : todo) w.u64(p);
    std::string bytes = root ? w.take() : std::string();
    distributed::broadcast(bytes);
    if (!root) {
      distributed::ByteReader r(bytes);
      finished_count = r.u64();
      todo.resize(static_cast<std::size_t>(r.u64()));
      for (auto& p : todo) p = r.u64();
    }
  }

  PointJob job;
  for (const auto& c : compiled) job.variants.push_back(c.get());
  job.policy_names = policy_names;
  job.report_steps = steps;
  job.seed = req.seed;
  job.replicates = req.replicates;
  if (conditioned) {
    job.starts = &conditioned->states;
    job.start_prefixes = &conditioned->paths;
  }

  const int threads = resolve_threads(req.threads);
  // Points per transaction: large enough that a commit (SQLite's bookkeeping;
  // no fsync since the write-ahead log, begin_writing) costs little against
  // the points' runs, small enough that an interrupted sweep loses little.
  const std::uint64_t wave = static_cast<std::uint64_t>(std::max(16 * threads, 64));
  std::vector<std::vector<SweepResultRow>> pending(static_cast<std::size_t>(wave));
  ProgressBar bar(todo.size(), "points", req.progress && stderr_is_terminal());
  std::uint64_t committed = 0;
  auto overrides_of = [&](std::uint64_t point) {
    PointOverrides overrides;
    for (std::size_t k = 0; k < bound.size(); ++k) {
      const double v = design.x[static_cast<std::size_t>(point)][k];
      if (bound[k].kind == "lever") overrides.levers.emplace_back(bound[k].index, v);
      else overrides.slots.emplace_back(bound[k].index, v);
    }
    return overrides;
  };
  auto task = [&](std::uint64_t i) {
    const std::uint64_t point = todo[static_cast<std::size_t>(i)];
    pending[static_cast<std::size_t>(i % wave)] = summarize_point(job, point, overrides_of(point));
  };
  auto commit = [&](std::uint64_t first, std::uint64_t count) {
    std::vector<std::uint64_t> points;
    std::vector<SweepResultRow> rows;
    for (std::uint64_t i = first; i < first + count; ++i) {
      points.push_back(todo[static_cast<std::size_t>(i)]);
      auto& r = pending[static_cast<std::size_t>(i % wave)];
      rows.insert(rows.end(), r.begin(), r.end());
      r.clear();
    }
    db_holder->commit_points(points, rows);
    committed = first + count;
    bar.update(committed);
    if (req.on_progress) req.on_progress(committed);
    test_phase("committed", req.stop);  // lets a test kill -9 a sweep with a known part on disk
  };
  // Points poll the flag too, so a stop never waits for a point's replicates.
  job.stop = req.stop;
  if (n_ranks > 1) {
    // Points are the units: any rank computes a chunk of them on its threads
    // and sends their rows; rank 0 commits them in the order of `todo`, a
    // transaction per `wave` points, so a rank that dies loses at most the
    // points since the last commit and --resume continues from the rest.
    distributed::WorkPlan plan;
    plan.units = todo.size();
    // A chunk holds about 128 runs per thread of the asking rank (as many as
    // two blocks of an ensemble), so a round trip to rank 0 costs little
    // against it, but at most a quarter of each rank's share, so the
    // end of a small sweep stays balanced.
    const std::uint64_t runs_per_point = req.replicates * job.variants.size();
    const std::uint64_t per_thread = std::max<std::uint64_t>(2, (128 + runs_per_point - 1) / runs_per_point);
    const std::uint64_t cap = std::max<std::uint64_t>(1, todo.size() / (4 * static_cast<std::uint64_t>(n_ranks)));
    plan.chunk = std::min(per_thread * static_cast<std::uint64_t>(threads), cap);
    plan.stop = req.stop;
    std::vector<std::uint64_t> wave_points;
    std::vector<SweepResultRow> wave_rows;
    auto commit_wave = [&] {
      if (wave_points.empty()) return;
      db_holder->commit_points(wave_points, wave_rows);
      committed += wave_points.size();
      wave_points.clear();
      wave_rows.clear();
      bar.update(committed);
      if (req.on_progress) req.on_progress(committed);
      test_phase("committed", req.stop);
    };
    const std::uint64_t consumed = distributed::distribute(
        plan,
        [&](std::uint64_t first, std::uint64_t count) {
          return distributed::compute_chunk(count, threads, req.stop, [&](std::uint64_t i, std::string& out) {
            const std::uint64_t point = todo[static_cast<std::size_t>(first + i)];
            const auto rows = summarize_point(job, point, overrides_of(point));
            if (rows.empty()) return false;  // stopped: the point is not finished
            out = encode_point_rows(rows);
            return true;
          });
        },
        [&](std::uint64_t unit, std::string& bytes) {
          wave_points.push_back(todo[static_cast<std::size_t>(unit)]);
          decode_point_rows(bytes, wave_rows);
          if (wave_points.size() >= wave) commit_wave();
        });
    if (root) commit_wave();
    committed = consumed;  // the same on every rank
  } else {
    run_in_waves(todo.size(), threads, wave, task, commit, req.stop);
  }
  bar.finish();

  SweepResult result;
  result.points = design.x.size();
  result.points_done_before = finished_count;
  result.points_done_now = committed;
  result.parameters = bound.size();
  result.threads = threads;
  result.db = req.db;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.interrupted = committed < todo.size();
  result.ranks = n_ranks;
  result.complete = finished_count + committed == design.x.size();
  result.conditioned = std::move(conditioned);
  if (root) {
    db_holder->log_session(started_utc, utc_timestamp(), committed, result.wall_seconds, threads);
    db_holder->finish_writing();
  }
  return result;
}

}  // namespace entente::analysis
