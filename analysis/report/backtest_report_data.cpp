#include "analysis/report/backtest_report_data.hpp"

#include <filesystem>

#include "analysis/backtest/backtest_workflow.hpp"
#include "analysis/report/report.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace fs = std::filesystem;

namespace {

BacktestBand band(const JsonFile& f, const Json& j, const std::string& where) {
  return {f.number(j, "year", where), f.number(j, "q05", where), f.number(j, "q25", where),
          f.number(j, "median", where), f.number(j, "q75", where), f.number(j, "q95", where)};
}

std::vector<BacktestBand> bands(const JsonFile& f, const Json& obj, const std::string& key, const std::string& where) {
  std::vector<BacktestBand> out;
  const Json& a = f.array(obj, key, where);
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(band(f, a[i], item_path(field_path(where, key), i)));
  return out;
}

BacktestScoreLine score_line(const JsonFile& f, const Json& j, const std::string& where) {
  BacktestScoreLine s;
  s.n = f.count(j, "n", where);
  s.coverage_50 = f.number(j, "coverage_50", where);
  s.coverage_90 = f.number(j, "coverage_90", where);
  s.coverage_90_walk = f.number(j, "coverage_90_walk", where);
  s.crps_model = f.number(j, "crps_model", where);
  s.crps_persistence = f.number(j, "crps_persistence", where);
  s.crps_trend = f.number(j, "crps_trend", where);
  s.crps_walk = f.number(j, "crps_walk", where);
  s.sharpness = f.number(j, "sharpness", where);
  s.pit_histogram = f.numbers(j, "pit_histogram", where, 0);
  return s;
}

std::optional<BacktestScoreLine> optional_score_line(const JsonFile& f, const Json& obj, const std::string& key,
                                                     const std::string& where) {
  const Json& j = f.member(obj, key, where);
  if (j.is_null()) return std::nullopt;
  return score_line(f, j, field_path(where, key));
}

}  // namespace

BacktestReportData load_backtest_report_data(const std::string& dir) {
  BacktestReportData d;
  d.dir = dir;
  const JsonFile manifest((fs::path(dir) / "manifest.json").string(), kManifestFormat,
                          "expected the output directory of 'entente backtest --out'");
  d.manifest = manifest.root();
  if (manifest.string(manifest.root(), "command", "") != "backtest")
    manifest.fail("command", "is not 'backtest'");
  const Json& scenario = manifest.object(manifest.root(), "scenario", "");
  d.scenario_name = manifest.string(scenario, "name", "scenario");
  d.scenario_hash = manifest.string_or(scenario, "hash_sha256", "scenario", "");

  const JsonFile f((fs::path(dir) / "backtest.json").string(), kBacktestFormat,
                   "expected backtest.json beside manifest.json (entente backtest --out DIR)");
  const Json& r = f.root();
  d.observed_file = f.string(f.object(r, "observed", ""), "file", "observed");
  d.policy = f.string_or(r, "policy", "", "");
  d.runs = f.count(r, "runs", "");
  d.seed = f.count(r, "seed", "");
  d.origin = static_cast<int>(f.number(r, "origin", ""));
  d.conditioned = f.boolean_or(r, "conditioned", "", false);
  d.max_lead = static_cast<int>(f.number(r, "max_lead", ""));
  d.trend_window = static_cast<int>(f.number(r, "trend_window", ""));
  if (d.conditioned) d.relative_error = f.number(f.object(r, "filter", ""), "default_relative_error", "filter");
  if (const Json* grid = f.find(r, "obs_error_auto", ""); grid && grid->is_array())
    for (std::size_t i = 0; i < grid->size(); ++i) {
      const std::string at = item_path("obs_error_auto", i);
      d.error_grid.emplace_back(f.number((*grid)[i], "relative_error", at),
                                f.number((*grid)[i], "coverage_90_in_sample", at));
    }
  if (const Json* per = f.find(r, "obs_error_per_series", ""); per && per->is_object())
    for (const auto& [name, e] : per->items()) {
      if (!e.is_number()) f.fail(field_path("obs_error_per_series", name), "expected a number");
      d.series_error.emplace_back(name, e.get<double>());
    }
  for (const auto& n : f.array(r, "notes", ""))
    if (n.is_string()) d.notes.push_back(n.get<std::string>());
  d.overall = score_line(f, f.object(r, "overall", ""), "overall");
  d.overall_out_of_sample = optional_score_line(f, r, "overall_out_of_sample", "");
  const Json& leads = f.array(r, "leads", "");
  for (std::size_t i = 0; i < leads.size(); ++i) {
    const std::string at = item_path("leads", i);
    d.leads.push_back({f.string(leads[i], "series", at), static_cast<int>(f.number(leads[i], "lead", at)),
                       score_line(f, leads[i], at)});
  }
  const Json& steps = f.array(r, "filter_steps", "");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string at = item_path("filter_steps", i);
    BacktestFilterLine l;
    l.year = f.number(steps[i], "year", at);
    l.observations = f.count(steps[i], "observations", at);
    l.ess = f.number(steps[i], "ess", at);
    l.resampled = f.boolean_or(steps[i], "resampled", at, false);
    d.filter.push_back(l);
  }
  const Json& series = f.array(r, "series", "");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string at = item_path("series", i);
    const Json& s = series[i];
    BacktestReportSeries out;
    out.series = f.string(s, "series", at);
    out.outcome = f.string(s, "outcome", at);
    out.label = f.string_or(s, "label", at, out.outcome);
    out.outcome_unit = f.string_or(s, "outcome_unit", at, "");
    out.observed_unit = f.string_or(s, "observed_unit", at, "");
    out.bands = bands(f, s, "bands", at);
    if (out.bands.empty()) f.fail(field_path(at, "bands"), "is empty: expected one entry per year");
    if (f.find(s, "open_loop_bands", at)) out.open_loop = bands(f, s, "open_loop_bands", at);
    const Json& obs = f.array(s, "observations", at);
    for (std::size_t k = 0; k < obs.size(); ++k) {
      const std::string ok = item_path(field_path(at, "observations"), k);
      BacktestObservation o;
      o.year = f.number(obs[k], "year", ok);
      o.value = f.number(obs[k], "observed", ok);
      o.in_sample = f.string(obs[k], "sample", ok) == "in";
      o.scored = f.boolean_or(obs[k], "scored", ok, true);
      out.observations.push_back(o);
    }
    out.in_sample = score_line(f, f.object(s, "scores", at), field_path(at, "scores"));
    out.out_of_sample = optional_score_line(f, s, "scores_out_of_sample", at);
    d.series.push_back(std::move(out));
  }
  return d;
}

}  // namespace entente::analysis::report
