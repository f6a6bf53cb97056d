#include "analysis/backtest/calibration_workflow.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/backtest/scores.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/writers/number_format.hpp"
#include "analysis/writers/text_table.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/suggest.hpp"
#include "analysis/writers/csv_field.hpp"
#include "sim/output/formats.hpp"
#include "sim/util/sample_quantile.hpp"

namespace entente::analysis {

namespace {

std::vector<CalibrationParameter> bind_uncertainties(const CalibrateRequest& req, const CompiledScenario& sc) {
  Diagnostics d;
  std::vector<std::string> known;
  for (const auto& u : sc.spec.uncertainties) known.push_back(u.id);
  std::vector<std::string> wanted = req.params;
  const bool all = wanted.empty();
  if (all) wanted = known;
  std::vector<CalibrationParameter> out;
  for (const auto& name : wanted) {
    std::optional<std::size_t> slot;
    for (std::size_t i = 0; i < sc.slots.size(); ++i)
      if (sc.slots[i].key == "uncertainties." + name) slot = i;
    if (!slot) {
      d.error({"--param", 0, 0}, "unknown uncertainty '" + name + "'" + did_you_mean(name, known) +
                                     "; calibration parameters are the scenario's uncertainties");
      continue;
    }
    if (sc.slots[*slot].dist.is_fixed()) {
      if (!all) d.error({"--param", 0, 0}, "uncertainty '" + name + "' is a fixed value and cannot be calibrated");
      continue;
    }
    bool twice = false;
    for (const auto& p : out) twice = twice || p.name == name;
    if (twice) {
      d.error({"--param", 0, 0}, "parameter '" + name + "' is listed twice");
      continue;
    }
    CalibrationParameter p;
    p.name = name;
    p.slot = *slot;
    p.prior = sc.slots[*slot].dist;
    out.push_back(std::move(p));
  }
  if (out.empty() && d.empty())
    d.error({req.load.file, 0, 0}, "nothing to calibrate: the scenario has no uncertainty that varies");
  d.throw_if_any();
  return out;
}

}  // namespace

double interpolated_quantile(std::vector<double> x, double p) { return sample_quantile(std::move(x), p); }

std::string suggest_distribution(const std::vector<double>& x) {
  if (x.empty()) return "";
  const double lo = *std::min_element(x.begin(), x.end());
  const double hi = *std::max_element(x.begin(), x.end());
  if (!(hi > lo)) return "{dist: fixed, value: " + format_number(lo) + "}";
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  const double mode = std::clamp(3 * mean - lo - hi, lo, hi);
  return "{dist: triangular, min: " + format_number(lo) + ", mode: " + format_number(mode) +
         ", max: " + format_number(hi) + "}";
}

CalibrateResult execute_calibrate(const CalibrateRequest& req, const ModelRegistry& registry) {
  CalibrateResult res;
  {
    Diagnostics d;
    if (req.samples < 2 || req.samples > 1'000'000) d.error({"--samples", 0, 0}, "must be between 2 and 10^6");
    if (req.runs_per_point < 1 || req.runs_per_point > 1'000'000)
      d.error({"--runs-per-point", 0, 0}, "must be between 1 and 10^6");
    if (!(req.accept > 0 && req.accept <= 1))
      d.error({"--accept", 0, 0}, "must be a fraction in (0, 1], got " + format_number(req.accept));
    d.throw_if_any();
  }
  res.loaded = load_scenario(req.load, registry);
  res.compiled = compile_for_policy(res.loaded, registry, req.policy);
  const CompiledScenario& sc = *res.compiled;
  res.observed = read_observations(req.observed);
  const auto map = parse_series_map(req.map, res.observed, sc);
  const ObservationMatch match = match_observations(res.observed, sc, map);
  res.notes = match_notes(match);
  res.until = req.until;
  res.accept = req.accept;
  res.runs_per_point = req.runs_per_point;
  if (req.until < sc.years.front() || req.until > sc.years.back()) {
    Diagnostics d;
    d.error({"--until", 0, 0}, std::to_string(req.until) + " is not a year of the scenario (" +
                                   format_number(sc.years.front()) + " to " + format_number(sc.years.back()) + ")");
    d.throw_if_any();
  }
  res.params = bind_uncertainties(req, sc);

  // The observations the distance uses, flattened: (series index, step, value).
  struct Target {
    std::size_t series, outcome, step;
    double value;
  };
  std::vector<Target> targets;
  for (const auto& m : match.series) {
    CalibrationSeries cs;
    cs.series = m.series;
    cs.outcome = sc.outcomes[m.outcome].spec.id;
    double abs_sum = 0;
    for (const auto& o : m.obs) {
      if (o.year > req.until) continue;
      targets.push_back({res.series.size(), m.outcome, o.step, o.value});
      abs_sum += std::fabs(o.value);
      ++cs.observations;
    }
    if (cs.observations == 0) continue;
    cs.scale = abs_sum > 0 ? abs_sum / static_cast<double>(cs.observations) : 1.0;
    res.series.push_back(cs);
  }
  if (targets.empty()) {
    Diagnostics d;
    d.error({"--until", 0, 0}, "no matched observation lies in " + format_number(sc.years.front()) + " to " +
                                   std::to_string(req.until));
    d.throw_if_any();
  }

  std::vector<DesignParameter> dp;
  for (const auto& p : res.params) dp.push_back({p.name, p.prior});
  try {
    res.design = make_lhs(dp, req.samples, req.seed);
  } catch (const std::invalid_argument& e) {
    Diagnostics d;
    d.error({"--param", 0, 0}, e.what());
    d.throw_if_any();
  }

  const std::size_t n_points = res.design.rows();
  const std::size_t n_rep = static_cast<std::size_t>(req.runs_per_point);
  const std::size_t n_out = sc.outcomes.size();
  const std::size_t trace_len = static_cast<std::size_t>(sc.n_steps + 1) * n_out;
  res.distance.assign(n_points, 0.0);
  const int threads = resolve_threads(req.threads);
  const std::uint64_t wave = static_cast<std::uint64_t>(std::max(16 * threads, 32));
  ProgressBar bar(n_points, "points", req.progress && stderr_is_terminal());
  const auto start = std::chrono::steady_clock::now();
  auto task = [&](std::uint64_t point) {
    PointOverrides ov;
    for (std::size_t k = 0; k < res.params.size(); ++k)
      ov.slots.emplace_back(res.params[k].slot, res.design.x[static_cast<std::size_t>(point)][k]);
    std::vector<double> values(targets.size() * n_rep);  // [target * n_rep + r]
    std::vector<double> trace(trace_len);
    RunState state;
    for (std::size_t r = 0; r < n_rep; ++r) {
      run_trace(sc, {req.seed, 0, r}, state, trace.data(), &ov);
      for (std::size_t t = 0; t < targets.size(); ++t)
        values[t * n_rep + r] = trace[targets[t].step * n_out + targets[t].outcome];
    }
    std::vector<double> per_series(res.series.size(), 0.0);
    std::vector<double> sample(n_rep);
    for (std::size_t t = 0; t < targets.size(); ++t) {
      std::copy(values.begin() + static_cast<std::ptrdiff_t>(t * n_rep),
                values.begin() + static_cast<std::ptrdiff_t>((t + 1) * n_rep), sample.begin());
      per_series[targets[t].series] += crps_sample(sample, targets[t].value);
    }
    double d = 0;
    for (std::size_t s = 0; s < res.series.size(); ++s)
      d += per_series[s] / static_cast<double>(res.series[s].observations) / res.series[s].scale;
    res.distance[static_cast<std::size_t>(point)] = d / static_cast<double>(res.series.size());
  };
  auto commit = [&](std::uint64_t first, std::uint64_t count) { bar.update(first + count); };
  const std::uint64_t done = run_in_waves(n_points, threads, wave, task, commit, req.stop);
  bar.finish();

  RunSettings& st = res.settings;
  st.command = "calibrate";
  st.seed = req.seed;
  st.runs = static_cast<std::uint64_t>(n_points) * req.runs_per_point;
  st.runs_completed = done * req.runs_per_point;
  st.threads = threads;
  st.policy = req.policy;
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  res.interrupted = done < n_points;
  if (res.interrupted) return res;

  std::vector<std::size_t> order(n_points);
  for (std::size_t i = 0; i < n_points; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return res.distance[a] < res.distance[b]; });
  const auto keep = std::max<std::size_t>(
      1, std::min(n_points, static_cast<std::size_t>(std::ceil(req.accept * static_cast<double>(n_points) - 1e-9))));
  res.accepted.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep));

  for (std::size_t k = 0; k < res.params.size(); ++k) {
    CalibrationParameter& p = res.params[k];
    p.prior_q05 = p.prior.quantile(0.05);
    p.prior_q50 = p.prior.quantile(0.5);
    p.prior_q95 = p.prior.quantile(0.95);
    std::vector<double> post;
    for (std::size_t i : res.accepted) post.push_back(res.design.x[i][k]);
    p.post_q05 = interpolated_quantile(post, 0.05);
    p.post_q50 = interpolated_quantile(post, 0.5);
    p.post_q95 = interpolated_quantile(post, 0.95);
    p.post_min = *std::min_element(post.begin(), post.end());
    p.post_max = *std::max_element(post.begin(), post.end());
    double mean = 0;
    for (double v : post) mean += v;
    p.post_mean = mean / static_cast<double>(post.size());
    p.suggestion = suggest_distribution(post);
  }
  return res;
}

std::string posterior_csv(const CalibrateResult& r) {
  std::ostringstream out;
  out << "rank,point,distance";
  for (const auto& p : r.params) out << ',' << csv_field(p.name);
  out << '\n';
  for (std::size_t k = 0; k < r.accepted.size(); ++k) {
    const std::size_t i = r.accepted[k];
    out << k + 1 << ',' << i << ',' << format_number(r.distance[i]);
    for (double v : r.design.x[i]) out << ',' << format_number(v);
    out << '\n';
  }
  return out.str();
}

std::string points_csv(const CalibrateResult& r) {
  std::vector<bool> acc(r.distance.size(), false);
  for (std::size_t i : r.accepted) acc[i] = true;
  std::ostringstream out;
  out << "point,distance,accepted";
  for (const auto& p : r.params) out << ',' << csv_field(p.name);
  out << '\n';
  for (std::size_t i = 0; i < r.distance.size(); ++i) {
    out << i << ',' << format_number(r.distance[i]) << ',' << (acc[i] ? 1 : 0);
    for (double v : r.design.x[i]) out << ',' << format_number(v);
    out << '\n';
  }
  return out.str();
}

std::string calibration_csv(const CalibrateResult& r) {
  std::ostringstream out;
  out << "parameter,prior_q05,prior_q50,prior_q95,posterior_q05,posterior_q50,posterior_q95,posterior_min,"
         "posterior_max,suggested\n";
  for (const auto& p : r.params)
    out << csv_field(p.name) << ',' << format_number(p.prior_q05) << ',' << format_number(p.prior_q50) << ','
        << format_number(p.prior_q95) << ',' << format_number(p.post_q05) << ',' << format_number(p.post_q50) << ','
        << format_number(p.post_q95) << ',' << format_number(p.post_min) << ',' << format_number(p.post_max)
        << ',' << csv_field(p.suggestion) << '\n';
  return out.str();
}

void write_calibration_outputs(const CalibrateResult& r, const std::string& dir) {
  ResultFiles files = {
      {"posterior.csv", posterior_csv(r)},
      {"points.csv", points_csv(r)},
      {"calibration.csv", calibration_csv(r)},
  };
  nlohmann::ordered_json manifest = make_manifest(r.loaded, r.settings);
  manifest["observed"] = {{"file", r.observed.file}, {"sha256", r.observed.sha256}};
  auto series = nlohmann::ordered_json::array();
  for (const auto& s : r.series)
    series.push_back({{"series", s.series}, {"outcome", s.outcome}, {"observations", s.observations}, {"scale", s.scale}});
  auto params = nlohmann::ordered_json::array();
  for (const auto& p : r.params) params.push_back(p.name);
  manifest["calibration"] = {{"format_version", kCalibrationSectionVersion},
                             {"method", "rejection ABC, LHS prior sample, CRPS distance (docs/calibration.md)"},
                             {"until", r.until},
                             {"samples", r.design.rows()},
                             {"runs_per_point", r.runs_per_point},
                             {"accept", r.accept},
                             {"accepted", r.accepted.size()},
                             {"parameters", params},
                             {"series", series},
                             {"notes", r.notes}};
  write_result_set(dir, files, manifest);
}

std::string calibration_table(const CalibrateResult& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"parameter", "prior 5%", "50%", "95%", "posterior 5%", "50%", "95%", "suggested"});
  for (const auto& p : r.params)
    rows.push_back({p.name, format_short(p.prior_q05), format_short(p.prior_q50), format_short(p.prior_q95),
                    format_short(p.post_q05), format_short(p.post_q50), format_short(p.post_q95), p.suggestion});
  std::ostringstream out;
  out << format_text_table(rows);
  const double best = r.accepted.empty() ? 0 : r.distance[r.accepted.front()];
  const double worst = r.accepted.empty() ? 0 : r.distance[r.accepted.back()];
  out << "rejection ABC: " << r.accepted.size() << " of " << r.design.rows() << " prior points kept (distance "
      << format_short(best) << " to " << format_short(worst) << ", mean CRPS / mean |obs| over " << r.series.size()
      << " series, " << format_number(r.loaded.spec.time.start) << "-" << r.until << "), " << r.runs_per_point
      << " runs per point\n";
  return out.str();
}

}  // namespace entente::analysis
