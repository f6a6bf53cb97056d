// entente._core: the engine's workflows for Python. Bindings only: load,
// run, compare, sweep and analyze call the same library functions as the CLI
// commands (analysis/workflows, analysis/sensitivity) and hand back the same
// CSV text the CLI prints, which python/entente/ turns into DataFrames, so
// the numbers are the CLI's byte for byte. Input errors become
// entente.ScenarioError with every diagnostic (python/entente/errors.py).
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/sensitivity/condition.hpp"
#include "analysis/sensitivity/input_error.hpp"
#include "analysis/sensitivity/morris_effects.hpp"
#include "analysis/sensitivity/prim.hpp"
#include "analysis/sensitivity/sensitivity_writers.hpp"
#include "analysis/sensitivity/sobol_indices.hpp"
#include "analysis/compare/compare_writers.hpp"
#include "analysis/design/design_csv.hpp"
#include "analysis/design/make_design.hpp"
#include "analysis/sweep/analysis_input.hpp"
#include "analysis/sweep/point_summary.hpp"
#include "analysis/workflows/compare_workflow.hpp"
#include "analysis/workflows/run_workflow.hpp"
#include "analysis/workflows/sweep_workflow.hpp"
#include "analysis/writers/summary_writers.hpp"
#include "entente/version.hpp"
#include "models/register_builtin.hpp"
#include "python/interruptible.hpp"
#include "sim/output/manifest.hpp"
#include "sim/util/suggest.hpp"

namespace py = pybind11;

namespace entente::python {

namespace {

LoadRequest load_request(const std::string& file, const std::vector<std::string>& overlays,
                         const std::vector<std::string>& sets) {
  LoadRequest r;
  r.file = file;
  r.overlays = overlays;
  r.sets = sets;
  return r;
}

py::dict run(const LoadRequest& load, const std::string& policy, std::uint64_t runs, std::uint64_t seed, int threads,
             const py::object& progress) {
  auto result = run_interruptible(
      [&](const std::atomic<bool>& stop, std::atomic<std::uint64_t>& done) {
        analysis::RunRequest req;
        req.load = load;
        req.policy = policy;
        req.runs = runs;
        req.seed = seed;
        req.threads = threads;
        req.stop = &stop;
        req.on_progress = [&done](std::uint64_t d) { done = d; };
        return analysis::execute_run(req, builtin_registry());
      },
      progress);
  py::dict out;
  out["summary_csv"] = analysis::summary_csv(*result.summary);
  out["thresholds_csv"] = analysis::thresholds_csv(*result.summary);
  out["manifest"] = make_manifest(result.loaded, result.settings).dump();
  return out;
}

py::dict compare(const LoadRequest& load, const std::vector<std::string>& policies, std::uint64_t runs,
                 std::uint64_t seed, int threads, const std::vector<double>& years, const py::object& progress) {
  auto result = run_interruptible(
      [&](const std::atomic<bool>& stop, std::atomic<std::uint64_t>& done) {
        analysis::CompareRequest req;
        req.load = load;
        req.policies = policies;
        req.runs = runs;
        req.seed = seed;
        req.threads = threads;
        req.years = years;
        req.stop = &stop;
        req.on_progress = [&done](std::uint64_t d) { done = d; };
        return analysis::execute_compare(req, builtin_registry());
      },
      progress);
  py::dict out;
  out["compare_csv"] = analysis::compare_csv(*result.comparison);
  out["compare_json"] = analysis::compare_json(*result.comparison, result.context).dump();
  out["manifest"] = make_manifest(result.loaded, result.settings).dump();
  return out;
}

py::dict sweep(const LoadRequest& load, const py::dict& o, const py::object& progress) {
  analysis::SweepRequest req;
  req.load = load;
  req.design = o["design"].cast<std::string>();
  req.samples = o["samples"].cast<std::size_t>();
  req.levels = o["levels"].cast<int>();
  req.second_order = o["second_order"].cast<bool>();
  req.maximin = o["maximin"].cast<int>();
  req.params = o["params"].cast<std::vector<std::string>>();
  req.params_file = o["params_file"].cast<std::string>();
  req.replicates = o["replicates"].cast<std::uint64_t>();
  req.policies = o["policies"].cast<std::vector<std::string>>();
  req.years = o["years"].cast<std::vector<double>>();
  req.db = o["db"].cast<std::string>();
  req.resume = o["resume"].cast<bool>();
  req.limit = o["limit"].cast<std::uint64_t>();
  req.seed = o["seed"].cast<std::uint64_t>();
  req.threads = o["threads"].cast<int>();
  auto r = run_interruptible(
      [&](const std::atomic<bool>& stop, std::atomic<std::uint64_t>& done) {
        analysis::SweepRequest q = req;
        q.stop = &stop;
        q.on_progress = [&done](std::uint64_t d) { done = d; };
        return analysis::execute_sweep(q, builtin_registry());
      },
      progress);
  py::dict out;
  out["db"] = r.db;
  out["points"] = r.points;
  out["points_done_before"] = r.points_done_before;
  out["points_done_now"] = r.points_done_now;
  out["parameters"] = r.parameters;
  out["complete"] = r.complete;
  out["interrupted"] = r.interrupted;
  out["wall_seconds"] = r.wall_seconds;
  out["threads"] = r.threads;
  return out;
}

// The response of `entente analyze --db` (the mean over each point's
// replicates, or the statistic `stat`: --stat), with --where's indicator when
// given: the CLI's read_input.
analysis::AnalysisInput analysis_input(const std::string& db, const std::string& outcome, double year,
                                       const std::string& policy, const std::string& versus, const std::string& stat,
                                       const std::string& kind, std::optional<analysis::Condition>& where,
                                       const std::string& where_text) {
  analysis::AnalysisInput in = analysis::read_sweep_for_analysis(db, outcome, year, policy, versus, stat);
  if (kind != "prim" && !in.design_kind.empty() && in.design_kind != kind)
    throw analysis::AnalysisInputError("the sweep ran a " + in.design_kind + " design; " + kind + " needs a " + kind +
                                       " design");
  if (!where_text.empty()) where = analysis::parse_condition(where_text, outcome);
  return in;
}

std::string analyze(const std::string& kind, const std::string& db, const std::string& outcome, double year,
                    const std::string& policy, const std::string& versus, const std::string& stat,
                    const std::string& where_text, std::uint64_t bootstrap, std::uint64_t seed, bool second_order, double threshold,
                    double peel_alpha, double paste_alpha, double mass_min) {
  std::optional<analysis::Condition> where;
  analysis::AnalysisInput in = analysis_input(db, outcome, year, policy, versus, stat, kind, where, where_text);
  if (kind == "prim") {
    std::vector<bool> interesting;
    if (where) {
      interesting = analysis::evaluate(*where, in.y);
    } else {
      for (double v : in.y)
        if (v != 0 && v != 1)
          throw analysis::AnalysisInputError("prim needs where=\"NAME OP VALUE\" unless the response is 0 or 1 at every point");
      interesting = analysis::evaluate(analysis::Condition{"y", analysis::Condition::Op::kGreater, 0.5}, in.y);
    }
    analysis::PrimOptions o;
    o.threshold = threshold;
    o.peel_alpha = peel_alpha;
    o.paste_alpha = paste_alpha;
    o.mass_min = mass_min;
    analysis::PrimResult r = analysis::prim(in.x, interesting, in.names, o);
    r.response = in.response;
    r.condition = where ? where->text() : outcome + " = 1";
    return analysis::prim_csv(r);
  }
  if (where) {
    for (double& v : in.y) v = where->holds(v) ? 1.0 : 0.0;
    in.response = "1(" + where->text() + ")";
  }
  if (kind == "sobol") {
    analysis::SobolOptions o;
    o.second_order = second_order;
    o.bootstrap = static_cast<std::size_t>(bootstrap);
    o.seed = seed;
    return analysis::sobol_csv(analysis::sobol_analyze(in, o));
  }
  if (kind == "morris") {
    analysis::MorrisOptions o;
    o.bootstrap = static_cast<std::size_t>(bootstrap);
    o.seed = seed;
    return analysis::morris_csv(analysis::morris_analyze(in, o));
  }
  throw py::value_error("unknown analysis '" + kind + "'; expected sobol, morris or prim");
}

// model_function's engine: the scenario compiled once under one policy;
// each call runs the same replicates (run keys (seed, 0, r), common random
// numbers across calls) with the given parameters replacing their draws,
// through summarize_point, the code a sweep runs for each of its points.
class PointModel {
 public:
  PointModel(const LoadRequest& load, const std::string& policy, std::vector<std::string> outcomes,
             std::vector<double> years, std::uint64_t replicates, std::uint64_t seed)
      : loaded_(load_scenario(load, builtin_registry())),
        compiled_(compile_for_policy(loaded_, builtin_registry(), policy)),
        outcomes_(std::move(outcomes)) {
    const CompiledScenario& sc = *compiled_;
    Diagnostics d;
    std::vector<std::string> known_outcomes;
    for (const auto& o : sc.outcomes) known_outcomes.push_back(o.spec.id);
    for (const auto& name : outcomes_)
      if (std::find(known_outcomes.begin(), known_outcomes.end(), name) == known_outcomes.end())
        d.error({"outcomes", 0, 0}, "unknown outcome '" + name + "'" + did_you_mean(name, known_outcomes));
    for (double y : years) {
      bool found = false;
      for (std::size_t s = 0; s < sc.years.size(); ++s)
        if (std::fabs(sc.years[s] - y) < 1e-9) {
          job_.report_steps.push_back(s);
          years_.push_back(sc.years[s]);
          found = true;
        }
      if (!found) d.error({"years", 0, 0}, "year " + std::to_string(y) + " is not a year of the scenario");
    }
    if (replicates < 1) d.error({"replicates", 0, 0}, "replicates must be at least 1");
    d.throw_if_any();
    // The names a call may pass: uncertainties and levers.<id>, bound to
    // their slot or lever index as `entente sweep --param` binds them.
    for (std::size_t i = 0; i < sc.slots.size(); ++i)
      if (sc.slots[i].key.rfind("uncertainties.", 0) == 0) slots_[sc.slots[i].key.substr(14)] = i;
    for (std::size_t i = 0; i < sc.levers.size(); ++i) levers_["levers." + sc.levers[i].id] = i;
    job_.variants = {compiled_.get()};
    job_.policy_names = {policy.empty() ? "scenario" : policy};
    job_.seed = seed;
    job_.replicates = replicates;
  }

  std::vector<std::string> parameters() const {
    std::vector<std::string> names;
    for (const auto& [n, i] : slots_) names.push_back(n);
    for (const auto& [n, i] : levers_) names.push_back(n);
    return names;
  }

  // {outcome: [mean at each year]}.
  py::dict call(const std::map<std::string, double>& params, const py::object& progress) {
    PointOverrides overrides;
    std::vector<std::string> known = parameters();
    for (const auto& [name, value] : params) {
      if (!std::isfinite(value)) throw py::value_error("parameter '" + name + "' is not a finite number");
      if (auto s = slots_.find(name); s != slots_.end()) overrides.slots.emplace_back(s->second, value);
      else if (auto l = levers_.find(name); l != levers_.end()) overrides.levers.emplace_back(l->second, value);
      else
        throw py::key_error("unknown parameter '" + name + "'" + did_you_mean(name, known) +
                            "; parameters are the scenario's uncertainties and levers.<id>");
    }
    auto rows = run_interruptible(
        [&](const std::atomic<bool>& stop, std::atomic<std::uint64_t>&) {
          analysis::PointJob job = job_;
          job.stop = &stop;
          // Stopped, it returns no rows; run_interruptible raises the
          // KeyboardInterrupt instead of returning them.
          return analysis::summarize_point(job, 0, overrides);
        },
        progress, &worker_);
    py::dict out;
    const auto& all = compiled_->outcomes;
    for (const auto& name : outcomes_) {
      py::list values;
      // Rows carry the outcome's index in the scenario (validated above).
      const auto index = static_cast<std::uint32_t>(
          std::find_if(all.begin(), all.end(), [&](const auto& o) { return o.spec.id == name; }) - all.begin());
      for (double y : years_)
        for (const auto& row : rows)
          if (row.outcome == index && row.year == y) values.append(row.mean);
      out[py::str(name)] = values;
    }
    return out;
  }

 private:
  LoadedScenario loaded_;
  std::unique_ptr<CompiledScenario> compiled_;
  std::vector<std::string> outcomes_;
  std::vector<double> years_;
  analysis::PointJob job_;
  std::map<std::string, std::size_t> slots_, levers_;
  // Every call's replicates run on this one thread (started by the first
  // call), warm from call to call like a sweep's thread from point to point;
  // last, so it is stopped and joined before the scenario it runs is freed.
  WorkerThread worker_;
};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "entente's engine (bindings; use the package `entente`, not this module)";
  m.attr("version") = kVersion;

  static py::object scenario_error_class;  // entente.errors.ScenarioError, set by init_errors
  m.def("init_errors", [](py::object cls) { scenario_error_class = cls; });
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioError& e) {
      py::list diags;
      for (const auto& d : e.diagnostics())
        diags.append(py::make_tuple(d.where.file, d.where.line, d.where.column, d.message));
      py::object err = scenario_error_class(diags);
      PyErr_SetObject(scenario_error_class.ptr(), err.ptr());
    } catch (const analysis::AnalysisInputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const RunError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });

  m.def("validate", [](const std::string& file, const std::vector<std::string>& overlays,
                       const std::vector<std::string>& sets, const std::vector<std::string>& policies) {
    const LoadRequest req = load_request(file, overlays, sets);
    LoadedScenario loaded = load_scenario(req, builtin_registry());
    compile_for_policy(loaded, builtin_registry(), "");
    for (const auto& p : policies) compile_for_policy(loaded, builtin_registry(), p);
    py::dict info;
    info["name"] = loaded.spec.name;
    info["hash"] = loaded.scenario_hash;
    info["policies"] = loaded.spec.policy_ids();
    std::vector<std::string> unc, outcomes;
    for (const auto& u : loaded.spec.uncertainties) unc.push_back(u.id);
    for (const auto& o : loaded.spec.outcomes) outcomes.push_back(o.id);
    info["uncertainties"] = unc;
    info["outcomes"] = outcomes;
    info["start"] = loaded.spec.time.start;
    info["end"] = loaded.spec.time.end;
    return info;
  });
  m.def("run", [](const std::string& file, const std::vector<std::string>& overlays,
                  const std::vector<std::string>& sets, const std::string& policy, std::uint64_t runs,
                  std::uint64_t seed, int threads, py::object progress) {
    return run(load_request(file, overlays, sets), policy, runs, seed, threads, progress);
  });
  m.def("compare", [](const std::string& file, const std::vector<std::string>& overlays,
                      const std::vector<std::string>& sets, const std::vector<std::string>& policies,
                      std::uint64_t runs, std::uint64_t seed, int threads, const std::vector<double>& years,
                      py::object progress) {
    return compare(load_request(file, overlays, sets), policies, runs, seed, threads, years, progress);
  });
  m.def("sweep", [](const std::string& file, const std::vector<std::string>& overlays,
                    const std::vector<std::string>& sets, const py::dict& options, py::object progress) {
    return sweep(load_request(file, overlays, sets), options, progress);
  });
  m.def("analyze", &analyze);
  // entente design KIND --params FILE ...: the design's CSV (exactly what the
  // CLI writes) and what describes it; entente/design.py makes the DataFrame.
  m.def("design", [](const std::string& kind, const std::string& params_file, std::uint64_t samples, int levels,
                     std::uint64_t seed, bool second_order, int maximin) {
    analysis::DesignRequest request;
    request.kind = kind;
    request.samples = static_cast<std::size_t>(samples);
    request.levels = levels;
    request.seed = seed;
    request.second_order = second_order;
    request.maximin = maximin;
    const analysis::ParamsFile params = analysis::load_params_file(params_file);
    const analysis::Design d = analysis::make_design(params, request);  // std::invalid_argument: ValueError
    py::dict out;
    out["csv"] = analysis::design_csv(d);
    out["kind"] = d.kind;
    out["base_samples"] = d.base_samples;
    out["second_order"] = d.second_order;
    out["levels"] = d.levels;
    out["seed"] = d.seed;
    out["rows"] = d.rows();
    return out;
  });
  py::class_<PointModel>(m, "PointModel")
      .def(py::init([](const std::string& file, const std::vector<std::string>& overlays,
                       const std::vector<std::string>& sets, const std::string& policy,
                       std::vector<std::string> outcomes, std::vector<double> years, std::uint64_t replicates,
                       std::uint64_t seed) {
        return std::make_unique<PointModel>(load_request(file, overlays, sets), policy, std::move(outcomes),
                                            std::move(years), replicates, seed);
      }))
      .def("parameters", &PointModel::parameters)
      .def("__call__", &PointModel::call);
}

}  // namespace entente::python
