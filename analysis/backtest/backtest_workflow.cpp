#include "analysis/backtest/backtest_workflow.hpp"
#include "analysis/writers/csv_field.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/backtest/outcome_sketches.hpp"
#include "analysis/report/backtest_charts.hpp"
#include "analysis/report/chart_gnuplot.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/writers/number_format.hpp"
#include "analysis/writers/text_table.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/util/progress.hpp"

namespace entente::analysis {

namespace {

Bands bands_of(const QuantileSketch& sk, double year) {
  return {year, sk.quantile(0.05), sk.quantile(0.25), sk.quantile(0.5), sk.quantile(0.75), sk.quantile(0.95)};
}

std::optional<double> skill(double model, double naive) {
  if (!(naive > 0)) return std::nullopt;
  return 1.0 - model / naive;
}

SeriesScores score_rows(const std::vector<BacktestRow>& rows, bool in_sample) {
  SeriesScores s;
  for (const auto& r : rows) {
    if (r.in_sample != in_sample) continue;
    ++s.n;
    s.coverage_50 += r.in_50 ? 1 : 0;
    s.coverage_90 += r.in_90 ? 1 : 0;
    s.crps_model += r.crps_model;
    s.crps_persistence += r.crps_persistence;
    s.crps_trend += r.crps_trend;
  }
  if (s.n == 0) return s;
  const double n = static_cast<double>(s.n);
  s.coverage_50 /= n;
  s.coverage_90 /= n;
  s.crps_model /= n;
  s.crps_persistence /= n;
  s.crps_trend /= n;
  s.skill_persistence = skill(s.crps_model, s.crps_persistence);
  s.skill_trend = skill(s.crps_model, s.crps_trend);
  return s;
}

std::string opt_number(const std::optional<double>& v) { return v ? format_number(*v) : std::string(); }
nlohmann::ordered_json opt_json(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json scores_json(const SeriesScores& s) {
  nlohmann::ordered_json j;
  j["n"] = s.n;
  j["coverage_50"] = s.coverage_50;
  j["coverage_90"] = s.coverage_90;
  j["crps_model"] = s.crps_model;
  j["crps_persistence"] = s.crps_persistence;
  j["crps_trend"] = s.crps_trend;
  j["skill_vs_persistence"] = opt_json(s.skill_persistence);
  j["skill_vs_trend"] = opt_json(s.skill_trend);
  return j;
}

nlohmann::ordered_json bands_json(const Bands& b) {
  return {{"year", b.year}, {"median", b.q50}, {"q05", b.q05}, {"q25", b.q25}, {"q75", b.q75}, {"q95", b.q95}};
}

}  // namespace

BacktestResult execute_backtest(const BacktestRequest& req, const ModelRegistry& registry) {
  BacktestResult res;
  res.loaded = load_scenario(req.load, registry);
  res.compiled = compile_for_policy(res.loaded, registry, req.policy);
  res.observed = read_observations(req.observed);
  const CompiledScenario& sc = *res.compiled;
  res.map = parse_series_map(req.map, res.observed, sc);
  const ObservationMatch match = match_observations(res.observed, sc, res.map);
  res.notes = match_notes(match);
  res.trend_window = req.trend_window;
  if (req.trend_window < 1) {
    Diagnostics d;
    d.error({"--trend-window", 0, 0}, "must be at least 1, got " + std::to_string(req.trend_window));
    d.throw_if_any();
  }
  res.until = req.until ? *req.until : static_cast<int>(match.last_year);
  if (res.until < sc.years.front() || res.until > sc.years.back()) {
    Diagnostics d;
    d.error({"--until", 0, 0}, std::to_string(res.until) + " is not a year of the scenario (" +
                                   format_number(sc.years.front()) + " to " + format_number(sc.years.back()) + ")");
    d.throw_if_any();
  }

  std::vector<std::size_t> outcomes;
  for (const auto& m : match.series)
    if (std::find(outcomes.begin(), outcomes.end(), m.outcome) == outcomes.end()) outcomes.push_back(m.outcome);
  OutcomeSketches sketches(sc, outcomes, kBacktestSketchAccuracy, kBacktestSketchBuckets);

  EnsembleOptions opt;
  opt.seed = req.seed;
  opt.runs = req.runs;
  opt.threads = req.threads;
  opt.stop = req.stop;
  ProgressBar bar(req.runs, "runs", req.progress && stderr_is_terminal());
  opt.on_progress = [&](std::uint64_t done) { bar.update(done); };
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t done = run_ensemble(sc, opt, sketches);
  bar.finish();

  RunSettings& st = res.settings;
  st.command = "backtest";
  st.seed = req.seed;
  st.runs = req.runs;
  st.runs_completed = done;
  st.threads = resolve_threads(req.threads);
  st.policy = req.policy;
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  res.interrupted = done < req.runs;
  if (res.interrupted) return res;

  const auto levels = crps_levels();
  double scaled_model = 0, scaled_persistence = 0, scaled_trend = 0;
  std::size_t scaled_n = 0, pooled_n = 0;
  double pooled_50 = 0, pooled_90 = 0;
  for (const auto& m : match.series) {
    BacktestSeries bs;
    const auto& spec = sc.outcomes[m.outcome].spec;
    bs.series = m.series;
    bs.outcome = spec.id;
    bs.label = spec.label.empty() ? spec.id : spec.label;
    bs.outcome_unit = spec.unit;
    bs.observed_unit = m.observed_unit;
    std::vector<std::pair<double, double>> points;
    for (const auto& o : m.obs) points.emplace_back(o.year, o.value);
    bs.naive = make_naive_forecasts(points, req.trend_window);
    double abs_sum = 0;
    std::size_t abs_n = 0;
    for (const auto& o : m.obs) {
      const QuantileSketch& sk = sketches.sketch(m.outcome, o.step);
      BacktestRow r;
      r.year = o.year;
      r.observed = o.value;
      r.model = bands_of(sk, o.year);
      r.in_50 = covered(r.model.q25, r.model.q75, o.value);
      r.in_90 = covered(r.model.q05, r.model.q95, o.value);
      r.crps_model = std::max(0.0, crps_from_quantiles(sketch_quantiles(sk, levels), o.value));
      r.crps_persistence = std::fabs(bs.naive.persistence(o.year) - o.value);
      r.crps_trend = std::fabs(bs.naive.trend(o.year) - o.value);
      r.in_sample = o.year <= res.until;
      if (r.in_sample) {
        abs_sum += std::fabs(o.value);
        ++abs_n;
      }
      bs.rows.push_back(r);
    }
    for (std::size_t s = 0; s < sketches.steps(); ++s) {
      const Bands b = bands_of(sketches.sketch(m.outcome, s), sc.years[s]);
      bs.bands.push_back(b);
      if (sc.years[s] > res.until + 1e-9)
        bs.forecast.push_back({b, bs.naive.persistence(sc.years[s]), bs.naive.trend(sc.years[s])});
    }
    bs.in_sample = score_rows(bs.rows, true);
    const SeriesScores out = score_rows(bs.rows, false);
    if (out.n > 0) bs.out_of_sample = out;
    bs.scale = abs_n > 0 && abs_sum > 0 ? abs_sum / static_cast<double>(abs_n) : 1.0;
    if (bs.in_sample.n > 0) {
      scaled_model += bs.in_sample.crps_model / bs.scale;
      scaled_persistence += bs.in_sample.crps_persistence / bs.scale;
      scaled_trend += bs.in_sample.crps_trend / bs.scale;
      ++scaled_n;
      pooled_50 += bs.in_sample.coverage_50 * static_cast<double>(bs.in_sample.n);
      pooled_90 += bs.in_sample.coverage_90 * static_cast<double>(bs.in_sample.n);
      pooled_n += bs.in_sample.n;
    }
    res.series.push_back(std::move(bs));
  }
  SeriesScores& all = res.overall;
  all.n = pooled_n;
  if (pooled_n > 0) {
    all.coverage_50 = pooled_50 / static_cast<double>(pooled_n);
    all.coverage_90 = pooled_90 / static_cast<double>(pooled_n);
  }
  if (scaled_n > 0) {
    const double k = static_cast<double>(scaled_n);
    all.crps_model = scaled_model / k;
    all.crps_persistence = scaled_persistence / k;
    all.crps_trend = scaled_trend / k;
    all.skill_persistence = skill(all.crps_model, all.crps_persistence);
    all.skill_trend = skill(all.crps_model, all.crps_trend);
  }
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

std::string backtest_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,year,observed,median,q05,q25,q75,q95,in_50,in_90,crps_model,crps_persistence,crps_trend,"
         "sample\n";
  for (const auto& s : r.series)
    for (const auto& row : s.rows)
      out << csv_field(s.series) << ',' << csv_field(s.outcome) << ',' << format_number(row.year) << ','
          << format_number(row.observed) << ',' << format_number(row.model.q50) << ',' << format_number(row.model.q05)
          << ',' << format_number(row.model.q25) << ',' << format_number(row.model.q75) << ','
          << format_number(row.model.q95) << ',' << (row.in_50 ? 1 : 0) << ',' << (row.in_90 ? 1 : 0) << ','
          << format_number(row.crps_model) << ',' << format_number(row.crps_persistence) << ','
          << format_number(row.crps_trend) << ',' << (row.in_sample ? "in" : "out") << '\n';
  return out.str();
}

std::string scores_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,sample,n,coverage_50,coverage_90,crps_model,crps_persistence,crps_trend,"
         "skill_vs_persistence,skill_vs_trend,outcome_unit,observed_unit\n";
  auto line = [&](const std::string& series, const std::string& outcome, const char* sample, const SeriesScores& s,
                  const std::string& ou, const std::string& cu) {
    out << csv_field(series) << ',' << csv_field(outcome) << ',' << sample << ',' << s.n << ','
        << format_number(s.coverage_50) << ',' << format_number(s.coverage_90) << ',' << format_number(s.crps_model)
        << ',' << format_number(s.crps_persistence) << ',' << format_number(s.crps_trend) << ','
        << opt_number(s.skill_persistence) << ',' << opt_number(s.skill_trend) << ',' << csv_field(ou) << ','
        << csv_field(cu) << '\n';
  };
  for (const auto& s : r.series)
    if (s.in_sample.n > 0) line(s.series, s.outcome, "in", s.in_sample, s.outcome_unit, s.observed_unit);
  line("(all)", "", "in", r.overall, "", "");
  for (const auto& s : r.series)
    if (s.out_of_sample) line(s.series, s.outcome, "out", *s.out_of_sample, s.outcome_unit, s.observed_unit);
  return out.str();
}

std::string forecast_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,year,median,q05,q25,q75,q95,persistence,trend\n";
  for (const auto& s : r.series)
    for (const auto& f : s.forecast)
      out << csv_field(s.series) << ',' << csv_field(s.outcome) << ',' << format_number(f.model.year) << ','
          << format_number(f.model.q50) << ',' << format_number(f.model.q05) << ',' << format_number(f.model.q25)
          << ',' << format_number(f.model.q75) << ',' << format_number(f.model.q95) << ','
          << format_number(f.persistence) << ',' << format_number(f.trend) << '\n';
  return out.str();
}

std::string backtest_json(const BacktestResult& r) {
  nlohmann::ordered_json j;
  j["format"] = "entente-backtest";
  j["format_version"] = kBacktestFormatVersion;
  j["manifest"] = "manifest.json";
  j["scenario"] = r.loaded.spec.name;
  j["observed"] = {{"file", r.observed.file}, {"sha256", r.observed.sha256}};
  j["policy"] = r.settings.policy;
  j["runs"] = r.settings.runs;
  j["seed"] = r.settings.seed;
  j["until"] = r.until;
  j["trend_window"] = r.trend_window;
  j["crps_levels"] = kCrpsLevels;
  j["sketch_accuracy"] = kBacktestSketchAccuracy;
  auto map = nlohmann::ordered_json::object();
  for (const auto& [s, o] : r.map) map[s] = o;
  j["map"] = map;
  j["notes"] = r.notes;
  j["overall"] = scores_json(r.overall);
  auto series = nlohmann::ordered_json::array();
  for (const auto& s : r.series) {
    nlohmann::ordered_json e;
    e["series"] = s.series;
    e["outcome"] = s.outcome;
    e["label"] = s.label;
    e["outcome_unit"] = s.outcome_unit;
    e["observed_unit"] = s.observed_unit;
    e["scale"] = s.scale;
    e["naive"] = {{"origin_year", s.naive.origin_year},
                  {"persistence", s.naive.origin_value},
                  {"trend_intercept", s.naive.intercept},
                  {"trend_slope", s.naive.slope},
                  {"trend_points", s.naive.trend_points}};
    e["scores"] = scores_json(s.in_sample);
    e["scores_out_of_sample"] = s.out_of_sample ? scores_json(*s.out_of_sample) : nlohmann::ordered_json(nullptr);
    auto rows = nlohmann::ordered_json::array();
    for (const auto& row : s.rows) {
      nlohmann::ordered_json x = bands_json(row.model);
      x["observed"] = row.observed;
      x["in_50"] = row.in_50;
      x["in_90"] = row.in_90;
      x["crps_model"] = row.crps_model;
      x["crps_persistence"] = row.crps_persistence;
      x["crps_trend"] = row.crps_trend;
      x["sample"] = row.in_sample ? "in" : "out";
      rows.push_back(std::move(x));
    }
    e["observations"] = rows;
    auto fc = nlohmann::ordered_json::array();
    for (const auto& f : s.forecast) {
      nlohmann::ordered_json x = bands_json(f.model);
      x["persistence"] = f.persistence;
      x["trend"] = f.trend;
      fc.push_back(std::move(x));
    }
    e["forecast"] = fc;
    auto bands = nlohmann::ordered_json::array();
    for (const auto& b : s.bands) bands.push_back(bands_json(b));
    e["bands"] = bands;
    series.push_back(std::move(e));
  }
  j["series"] = series;
  return j.dump(2) + "\n";
}

void write_backtest_outputs(const BacktestResult& r, const std::string& dir, bool charts) {
  ResultFiles files = {
      {"backtest.csv", backtest_csv(r)},
      {"scores.csv", scores_csv(r)},
      {"forecast.csv", forecast_csv(r)},
      {"backtest.json", backtest_json(r)},
  };
  nlohmann::ordered_json manifest = make_manifest(r.loaded, r.settings);
  manifest["observed"] = {{"file", r.observed.file}, {"sha256", r.observed.sha256}};
  auto map = nlohmann::ordered_json::object();
  for (const auto& [s, o] : r.map) map[s] = o;
  manifest["backtest"] = {{"until", r.until}, {"trend_window", r.trend_window}, {"map", map}};
  write_result_set(dir, files, manifest);
  if (!charts) return;
  std::vector<report::BacktestChartSeries> cs;
  for (const auto& s : r.series) {
    report::BacktestChartSeries c;
    c.series = s.series;
    c.label = s.label;
    c.unit = s.outcome_unit;
    for (const auto& b : s.bands) {
      c.years.push_back(b.year);
      c.q05.push_back(b.q05);
      c.q25.push_back(b.q25);
      c.q50.push_back(b.q50);
      c.q75.push_back(b.q75);
      c.q95.push_back(b.q95);
    }
    for (const auto& row : s.rows) c.observed.emplace_back(row.year, row.observed);
    cs.push_back(std::move(c));
  }
  const auto jobs = report::backtest_chart_jobs(cs, r.until, r.settings.runs);
  const std::string charts_dir = (std::filesystem::path(dir) / "charts").string();
  ensure_directory(charts_dir);
  report::draw_charts(report::find_gnuplot(), charts_dir, jobs);
}

std::string backtest_table(const BacktestResult& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"series", "n", "cov50", "cov90", "CRPS model", "persistence", "trend", "skill/pers", "skill/trend",
                  "unit (model | observed)"});
  auto opt = [](const std::optional<double>& v) { return v ? format_short(*v) : std::string("-"); };
  auto add = [&](const std::string& name, const SeriesScores& s, const std::string& units) {
    rows.push_back({name, std::to_string(s.n), format_short(s.coverage_50), format_short(s.coverage_90),
                    format_short(s.crps_model), format_short(s.crps_persistence), format_short(s.crps_trend),
                    opt(s.skill_persistence), opt(s.skill_trend), units});
  };
  for (const auto& s : r.series) {
    if (s.in_sample.n == 0) continue;
    const std::string name = s.series == s.outcome ? s.series : s.series + " -> " + s.outcome;
    add(name, s.in_sample, (s.outcome_unit.empty() ? "-" : s.outcome_unit) + " | " +
                               (s.observed_unit.empty() ? "-" : s.observed_unit));
  }
  add("all (CRPS / mean |obs|)", r.overall, "");
  std::ostringstream out;
  out << format_text_table(rows, {.rule_before_last = true});
  out << "in sample " << format_number(r.loaded.spec.time.start) << "-" << r.until << ": coverage of the model's 50% and "
      << "90% central intervals, mean CRPS (model, and the naive forecasts as absolute errors), skill = 1 - "
         "CRPS model / CRPS naive; "
      << r.settings.runs << " runs\n";
  return out.str();
}

}  // namespace entente::analysis
