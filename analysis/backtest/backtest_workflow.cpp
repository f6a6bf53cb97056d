#include "analysis/backtest/backtest_workflow.hpp"
#include "analysis/writers/csv_field.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "analysis/backtest/outcome_sketches.hpp"
#include "analysis/backtest/weighted_ensemble.hpp"
#include "analysis/workflows/result_set.hpp"
#include "analysis/writers/number_format.hpp"
#include "analysis/writers/text_table.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/rng/stream.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/util/progress.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace {

Bands bands_of(const QuantileSketch& sk, double year) {
  return {year, sk.quantile(0.05), sk.quantile(0.25), sk.quantile(0.5), sk.quantile(0.75), sk.quantile(0.95)};
}

Bands bands_of(const WeightedEnsemble& e, double year) {
  return {year, e.quantile(0.05), e.quantile(0.25), e.quantile(0.5), e.quantile(0.75), e.quantile(0.95)};
}

// The model's distribution at one outcome and step: from the open-loop
// ensemble's sketch or from the filter's weighted particles.
struct ModelAt {
  Bands bands;
  double crps = 0, pit = 0.5;
};

ModelAt model_from_sketch(const QuantileSketch& sk, double year, double y) {
  ModelAt m;
  m.bands = bands_of(sk, year);
  const auto q = sketch_quantiles(sk, crps_levels());
  m.crps = std::max(0.0, crps_from_quantiles(q, y));
  // PIT from the quantile function: the share of levels whose quantile lies below y.
  double below = 0;
  for (double v : q) below += v < y ? 1.0 : (v == y ? 0.5 : 0.0);
  m.pit = below / static_cast<double>(q.size());
  return m;
}

// The filter's forecast of what will be observed: each particle's value plus
// an observation error drawn with the sd the likelihood assumes (the stated
// sd when the observation has one, else relative_error × |particle value|:
// never the observed value itself), from its own kFilter stream per step and
// outcome. Without it the ensemble would be scored as if observations were
// exact, and the intervals would be too narrow by construction.
ModelAt model_from_filter(const FilterResult& f, std::size_t o, std::size_t step, double year, double y,
                          std::optional<double> stated_sd, double relative_error, std::uint64_t seed) {
  const std::size_t n = static_cast<std::size_t>(f.particles);
  const double* x = f.values_at(step, o);
  std::vector<double> noisy(n);
  Stream noise({seed, 0, step * f.n_outcomes + o, StreamPurpose::kFilter, stream_id("observation error")});
  for (std::size_t i = 0; i < n; ++i) {
    const double sd = stated_sd ? *stated_sd : relative_error * std::fabs(x[i]);
    noisy[i] = x[i] + sd * noise.normal();
  }
  const WeightedEnsemble e(noisy.data(), f.weights_at(step), n);
  return {bands_of(e, year), e.crps(y), e.pit(y)};
}

std::optional<double> skill(double model, double naive) {
  if (!(naive > 0)) return std::nullopt;
  return 1.0 - model / naive;
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double relative_width(const Bands& b) {
  const double m = std::fabs(b.q50);
  return m > 0 ? (b.q95 - b.q05) / m : 0.0;
}

// Scores over the scored rows that `keep` selects; CRPS and interval-score
// columns divided by `scale` (1 for one series' own units).
template <class Keep>
SeriesScores score_rows(const std::vector<const BacktestRow*>& rows, Keep keep,
                        const std::vector<double>& scales) {
  SeriesScores s;
  std::vector<double> widths;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const BacktestRow& r = *rows[k];
    if (!r.scored || !keep(r)) continue;
    const double c = scales[k];
    ++s.n;
    s.coverage_50 += r.in_50 ? 1 : 0;
    s.coverage_90 += r.in_90 ? 1 : 0;
    s.coverage_90_walk += r.walk_in_90 ? 1 : 0;
    s.crps_model += r.crps_model / c;
    s.crps_persistence += r.crps_persistence / c;
    s.crps_trend += r.crps_trend / c;
    s.crps_walk += r.crps_walk / c;
    s.interval_score += r.interval_score / c;
    s.interval_score_walk += r.interval_score_walk / c;
    widths.push_back(relative_width(r.model));
    const int bin = std::clamp(static_cast<int>(r.pit * kPitBins), 0, kPitBins - 1);
    ++s.pit_histogram[static_cast<std::size_t>(bin)];
  }
  if (s.n == 0) return s;
  const double n = static_cast<double>(s.n);
  for (double* x : {&s.coverage_50, &s.coverage_90, &s.coverage_90_walk, &s.crps_model, &s.crps_persistence,
                    &s.crps_trend, &s.crps_walk, &s.interval_score, &s.interval_score_walk})
    *x /= n;
  s.sharpness = median_of(widths);
  s.skill_persistence = skill(s.crps_model, s.crps_persistence);
  s.skill_trend = skill(s.crps_model, s.crps_trend);
  s.skill_walk = skill(s.crps_model, s.crps_walk);
  return s;
}

}  // namespace

SeriesScores score_backtest_rows(const std::vector<const BacktestRow*>& rows,
                                 const std::function<bool(const BacktestRow&)>& keep,
                                 const std::vector<double>& scales) {
  return score_rows(rows, keep, scales);
}

namespace {

std::string opt_number(const std::optional<double>& v) { return v ? format_number(*v) : std::string(); }
nlohmann::ordered_json opt_json(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json scores_json(const SeriesScores& s) {
  nlohmann::ordered_json j;
  j["n"] = s.n;
  j["coverage_50"] = s.coverage_50;
  j["coverage_90"] = s.coverage_90;
  j["coverage_90_walk"] = s.coverage_90_walk;
  j["crps_model"] = s.crps_model;
  j["crps_persistence"] = s.crps_persistence;
  j["crps_trend"] = s.crps_trend;
  j["crps_walk"] = s.crps_walk;
  j["interval_score"] = s.interval_score;
  j["interval_score_walk"] = s.interval_score_walk;
  j["sharpness"] = s.sharpness;
  j["skill_vs_persistence"] = opt_json(s.skill_persistence);
  j["skill_vs_trend"] = opt_json(s.skill_trend);
  j["skill_vs_walk"] = opt_json(s.skill_walk);
  j["pit_histogram"] = s.pit_histogram;
  return j;
}

nlohmann::ordered_json bands_json(const Bands& b) {
  return {{"year", b.year}, {"median", b.q50}, {"q05", b.q05}, {"q25", b.q25}, {"q75", b.q75}, {"q95", b.q95}};
}

void fill_baseline_scores(BacktestRow& r) {
  const Baselines& b = *r.baselines;
  r.crps_persistence = std::fabs(b.persistence(r.year) - r.observed);
  r.crps_trend = std::fabs(b.trend(r.year) - r.observed);
  r.crps_walk = walk_crps(b, r.year, r.observed);
  const auto [lo, hi] = walk_interval(b, r.year, 0.9);
  r.walk_in_90 = covered(lo, hi, r.observed);
  r.interval_score_walk = interval_score(lo, hi, r.observed, 0.1);
}

// The open-loop ensemble beside a conditioned backtest: the same N runs the
// filter starts from (run keys (seed, 0, i)), never weighted or resampled.
// Returns false when stopped.
bool add_open_loop(BacktestResult& res, const BacktestRequest& req) {
  const CompiledScenario& sc = *res.compiled;
  std::vector<std::size_t> outcomes;
  for (const auto& s : res.series)
    for (std::size_t o = 0; o < sc.outcomes.size(); ++o)
      if (sc.outcomes[o].spec.id == s.outcome && std::find(outcomes.begin(), outcomes.end(), o) == outcomes.end())
        outcomes.push_back(o);
  if (outcomes.empty()) return true;
  OutcomeSketches sketches(sc, outcomes, kBacktestSketchAccuracy, kBacktestSketchBuckets);
  EnsembleOptions opt;
  opt.seed = req.seed;
  opt.runs = req.runs;
  opt.threads = req.threads;
  opt.stop = req.stop;
  if (run_ensemble(sc, opt, sketches) < req.runs) return false;
  for (auto& s : res.series) {
    std::size_t o = 0;
    while (sc.outcomes[o].spec.id != s.outcome) ++o;
    s.open_loop.clear();
    for (std::size_t step = 0; step <= static_cast<std::size_t>(sc.n_steps); ++step)
      s.open_loop.push_back(bands_of(sketches.sketch(o, step), sc.years[step]));
  }
  return true;
}

void check_options(const BacktestRequest& req) {
  Diagnostics d;
  if (req.trend_window < 1)
    d.error({"--trend-window", 0, 0}, "must be at least 1, got " + std::to_string(req.trend_window));
  if (!(req.ess_threshold >= 0 && req.ess_threshold <= 1))
    d.error({"--ess-threshold", 0, 0}, "must be a fraction between 0 and 1, got " + format_number(req.ess_threshold));
  if (!(req.discount > 0 && req.discount <= 1))
    d.error({"--discount", 0, 0}, "must be in (0, 1], got " + format_number(req.discount));
  if (!(req.relative_error > 0 && std::isfinite(req.relative_error)))
    d.error({"--obs-error", 0, 0}, "must be greater than 0, got " + format_number(req.relative_error));
  if (req.max_lead < 0) d.error({"--max-lead", 0, 0}, "must be 0 (all) or more, got " + std::to_string(req.max_lead));
  if (req.condition && req.runs < 2) d.error({"--runs", 0, 0}, "the particle filter needs at least 2 runs");
  d.throw_if_any();
}

}  // namespace

BacktestResult execute_backtest(const BacktestRequest& req, const ModelRegistry& registry) {
  if (req.tune_error && req.condition) {
    // Only in-sample scores (years up to the origin) choose: the forecast
    // years never influence the choice.
    std::vector<std::pair<double, double>> grid;
    std::optional<BacktestResult> best;
    double best_gap = 0;
    for (double e : kRelativeErrorGrid) {
      BacktestRequest one = req;
      one.tune_error = false;
      one.open_loop_reference = false;
      one.relative_error = e;
      one.progress = false;
      BacktestResult r = execute_backtest(one, registry);
      if (r.interrupted) return r;
      const double gap = std::fabs(r.overall.coverage_90 - 0.9);
      grid.emplace_back(e, r.overall.coverage_90);
      if (!best || gap < best_gap - 1e-12) {
        best = std::move(r);
        best_gap = gap;
      }
    }
    best->error_grid = std::move(grid);
    if (!req.per_series_error) {
      if (req.open_loop_reference && !add_open_loop(*best, req)) best->interrupted = true;
      return std::move(*best);
    }
    // One R per outcome from the chosen run's in-sample rows only (each
    // scored before its year was assimilated): the years after the origin
    // never choose. Floor 1%: a series the model tracks exactly still has a
    // measurement error.
    BacktestRequest one = req;
    one.tune_error = false;
    one.per_series_error = false;
    one.relative_error = best->relative_error;
    one.open_loop_reference = false;
    one.progress = false;
    std::vector<std::pair<std::string, double>> chosen;
    const CompiledScenario& sc = *best->compiled;
    for (const auto& s : best->series) {
      double sum = 0;
      std::size_t n = 0;
      for (const auto& r : s.rows)
        if (r.in_sample && r.scored && std::fabs(r.model.q50) > 0) {
          const double e = (r.observed - r.model.q50) / std::fabs(r.model.q50);
          sum += e * e;
          ++n;
        }
      if (n == 0) continue;
      const double rel = std::clamp(std::sqrt(sum / static_cast<double>(n)), 0.01, 1.0);
      for (std::size_t o = 0; o < sc.outcomes.size(); ++o)
        if (sc.outcomes[o].spec.id == s.outcome) one.outcome_error[o] = rel;
      chosen.emplace_back(s.series, rel);
    }
    BacktestResult r = execute_backtest(one, registry);
    if (r.interrupted) return r;
    r.error_grid = std::move(best->error_grid);
    r.series_error = std::move(chosen);
    if (req.open_loop_reference && !add_open_loop(r, req)) r.interrupted = true;
    return r;
  }
  BacktestResult res;
  res.loaded = load_scenario(req.load, registry);
  res.compiled = compile_for_policy(res.loaded, registry, req.policy);
  res.observed = read_observations(req.observed);
  const CompiledScenario& sc = *res.compiled;
  res.map = parse_series_map(req.map, res.observed, sc);
  const ObservationMatch match = match_observations(res.observed, sc, res.map);
  res.notes = match_notes(match);
  check_options(req);
  res.trend_window = req.trend_window;
  res.conditioned = req.condition;
  res.ess_threshold = req.ess_threshold;
  res.discount = req.discount;
  res.discrepancy = req.condition && req.discrepancy;
  res.relative_error = req.relative_error;
  res.max_lead = req.max_lead;
  res.until = req.until ? *req.until : static_cast<int>(match.last_year);
  if (res.until < sc.years.front() || res.until > sc.years.back()) {
    Diagnostics d;
    d.error({req.condition ? "--origin" : "--until", 0, 0},
            std::to_string(res.until) + " is not a year of the scenario (" + format_number(sc.years.front()) +
                " to " + format_number(sc.years.back()) + ")");
    d.throw_if_any();
  }
  // The observation error of one matched observation.
  auto error_of = [&](std::size_t outcome) {
    const auto it = req.outcome_error.find(outcome);
    return it != req.outcome_error.end() ? it->second : req.relative_error;
  };
  auto obs_sd = [&](std::size_t outcome, const MatchedObservation& o) {
    const auto& stated = res.observed.rows[o.row].sd;
    if (stated) return *stated;
    const double rel = error_of(outcome);
    const double sd = rel * std::fabs(o.value);
    return sd > 0 ? sd : rel;  // a zero observation: an absolute floor in its units
  };

  RunSettings& st = res.settings;
  st.command = "backtest";
  st.seed = req.seed;
  st.runs = req.runs;
  st.threads = resolve_threads(req.threads);
  st.policy = req.policy;
  st.overlays = req.load.overlays;
  st.sets = req.load.sets;
  const auto start = std::chrono::steady_clock::now();

  std::vector<std::size_t> outcomes;
  for (const auto& m : match.series)
    if (std::find(outcomes.begin(), outcomes.end(), m.outcome) == outcomes.end()) outcomes.push_back(m.outcome);
  std::optional<OutcomeSketches> sketches;
  FilterResult filter;
  if (req.condition) {
    std::vector<FilterObservation> fobs;
    for (const auto& m : match.series)
      for (const auto& o : m.obs)
        if (o.year <= res.until) fobs.push_back({m.outcome, o.step, o.value, obs_sd(m.outcome, o)});
    FilterOptions fo;
    fo.seed = req.seed;
    fo.particles = req.runs;
    fo.threads = req.threads;
    fo.ess_threshold = req.ess_threshold;
    fo.discount = req.discount;
    if (req.discrepancy) fo.discrepancy_outcomes = outcomes;
    fo.stop = req.stop;
    const auto origin_it = std::find_if(sc.years.begin(), sc.years.end(),
                                        [&](double y) { return y > res.until + 1e-9; });
    fo.origin_step = static_cast<std::size_t>(origin_it - sc.years.begin()) - 1;
    filter = run_particle_filter(sc, fobs, fo);
    st.runs_completed = filter.interrupted ? 0 : req.runs;
    res.filter = filter.steps;
  } else {
    sketches.emplace(sc, outcomes, kBacktestSketchAccuracy, kBacktestSketchBuckets);
    EnsembleOptions opt;
    opt.seed = req.seed;
    opt.runs = req.runs;
    opt.threads = req.threads;
    opt.stop = req.stop;
    ProgressBar bar(req.runs, "runs", req.progress && stderr_is_terminal());
    opt.on_progress = [&](std::uint64_t done) { bar.update(done); };
    st.runs_completed = run_ensemble(sc, opt, *sketches);
    bar.finish();
  }
  res.interrupted = st.runs_completed < req.runs;
  if (res.interrupted) return res;
  auto model_at = [&](std::size_t o, std::size_t step, double y, std::optional<double> stated_sd = std::nullopt) {
    return sketches ? model_from_sketch(sketches->sketch(o, step), sc.years[step], y)
                    : model_from_filter(filter, o, step, sc.years[step], y, stated_sd, error_of(o), req.seed);
  };

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
    bs.baselines = make_baselines(points, res.until, req.trend_window);
    double abs_sum = 0;
    std::size_t abs_n = 0;
    for (const auto& o : m.obs) {
      BacktestRow r;
      r.year = o.year;
      r.observed = o.value;
      r.sd = obs_sd(m.outcome, o);
      r.in_sample = o.year <= res.until;
      const ModelAt ma = model_at(m.outcome, o.step, o.value, res.observed.rows[o.row].sd);
      r.model = ma.bands;
      r.crps_model = ma.crps;
      r.pit = ma.pit;
      r.in_50 = covered(r.model.q25, r.model.q75, o.value);
      r.in_90 = covered(r.model.q05, r.model.q95, o.value);
      r.interval_score = interval_score(r.model.q05, r.model.q95, o.value, 0.1);
      // In sample: the baselines of the year before (what was known before
      // this year); out of sample: those of the origin.
      r.baselines = r.in_sample ? make_baselines(points, o.year - 1, req.trend_window) : bs.baselines;
      if (!r.in_sample) r.lead = static_cast<int>(std::lround(o.year - res.until));
      r.scored = r.baselines.has_value() && (r.in_sample || req.max_lead == 0 || r.lead <= req.max_lead);
      if (r.baselines) fill_baseline_scores(r);
      if (r.in_sample) {
        abs_sum += std::fabs(o.value);
        ++abs_n;
      }
      bs.rows.push_back(r);
    }
    for (std::size_t s = 0; s <= static_cast<std::size_t>(sc.n_steps); ++s) {
      const Bands b = model_at(m.outcome, s, 0).bands;
      bs.bands.push_back(b);
      if (sc.years[s] > res.until + 1e-9 && bs.baselines) {
        ForecastRow f{b, static_cast<int>(std::lround(sc.years[s] - res.until)), bs.baselines->persistence(sc.years[s]),
                      bs.baselines->trend(sc.years[s]), 0, bs.baselines->walk_mean(sc.years[s]), 0};
        std::tie(f.walk_q05, f.walk_q95) = walk_interval(*bs.baselines, sc.years[s], 0.9);
        bs.forecast.push_back(f);
      }
    }
    bs.scale = abs_n > 0 && abs_sum > 0 ? abs_sum / static_cast<double>(abs_n) : 1.0;
    std::vector<const BacktestRow*> rows;
    for (const auto& r : bs.rows) rows.push_back(&r);
    const std::vector<double> ones(rows.size(), 1.0);
    bs.in_sample = score_rows(rows, [](const BacktestRow& r) { return r.in_sample; }, ones);
    const SeriesScores out = score_rows(rows, [](const BacktestRow& r) { return !r.in_sample; }, ones);
    if (out.n > 0) bs.out_of_sample = out;
    res.series.push_back(std::move(bs));
  }

  // Pooled over series: coverage over every row, CRPS and interval scores
  // divided by each series' scale (unitless).
  std::vector<const BacktestRow*> all_rows;
  std::vector<double> scales;
  int max_lead_seen = 0;
  for (const auto& s : res.series)
    for (const auto& r : s.rows) {
      all_rows.push_back(&r);
      scales.push_back(s.scale);
      if (r.scored) max_lead_seen = std::max(max_lead_seen, r.lead);
    }
  res.overall = score_rows(all_rows, [](const BacktestRow& r) { return r.in_sample; }, scales);
  const SeriesScores out = score_rows(all_rows, [](const BacktestRow& r) { return !r.in_sample; }, scales);
  if (out.n > 0) res.overall_out_of_sample = out;
  for (int lead = 1; lead <= max_lead_seen; ++lead) {
    auto at_lead = [lead](const BacktestRow& r) { return !r.in_sample && r.lead == lead; };
    for (const auto& s : res.series) {
      std::vector<const BacktestRow*> rows;
      for (const auto& r : s.rows) rows.push_back(&r);
      const SeriesScores sl = score_rows(rows, at_lead, std::vector<double>(rows.size(), 1.0));
      if (sl.n > 0) res.leads.push_back({s.series, lead, sl});
    }
    const SeriesScores pooled = score_rows(all_rows, at_lead, scales);
    if (pooled.n > 0) res.leads.push_back({"(all)", lead, pooled});
  }
  if (req.condition && req.open_loop_reference && !add_open_loop(res, req)) {
    res.interrupted = true;
    return res;
  }
  st.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

std::string backtest_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,year,observed,sd,median,q05,q25,q75,q95,in_50,in_90,crps_model,pit,interval_score,"
         "crps_persistence,crps_trend,crps_walk,interval_score_walk,sample,lead,scored\n";
  for (const auto& s : r.series)
    for (const auto& row : s.rows) {
      auto base = [&](double v) { return row.baselines ? format_number(v) : std::string(); };
      out << csv_field(s.series) << ',' << csv_field(s.outcome) << ',' << format_number(row.year) << ','
          << format_number(row.observed) << ',' << format_number(row.sd) << ',' << format_number(row.model.q50) << ','
          << format_number(row.model.q05) << ',' << format_number(row.model.q25) << ','
          << format_number(row.model.q75) << ',' << format_number(row.model.q95) << ',' << (row.in_50 ? 1 : 0) << ','
          << (row.in_90 ? 1 : 0) << ',' << format_number(row.crps_model) << ',' << format_number(row.pit) << ','
          << format_number(row.interval_score) << ',' << base(row.crps_persistence) << ',' << base(row.crps_trend)
          << ',' << base(row.crps_walk) << ',' << base(row.interval_score_walk) << ','
          << (row.in_sample ? "in" : "out") << ',' << row.lead << ',' << (row.scored ? 1 : 0) << '\n';
    }
  return out.str();
}

const char* const kScoreColumns =
    "n,coverage_50,coverage_90,coverage_90_walk,crps_model,crps_persistence,crps_trend,crps_walk,interval_score,"
    "interval_score_walk,sharpness,skill_vs_persistence,skill_vs_trend,skill_vs_walk,pit_histogram";

std::string score_csv_fields(const SeriesScores& s) {
  std::string pit;
  for (std::size_t b = 0; b < s.pit_histogram.size(); ++b) pit += (b ? " " : "") + std::to_string(s.pit_histogram[b]);
  std::ostringstream out;
  out << s.n << ',' << format_number(s.coverage_50) << ',' << format_number(s.coverage_90) << ','
      << format_number(s.coverage_90_walk) << ',' << format_number(s.crps_model) << ','
      << format_number(s.crps_persistence) << ',' << format_number(s.crps_trend) << ',' << format_number(s.crps_walk)
      << ',' << format_number(s.interval_score) << ',' << format_number(s.interval_score_walk) << ','
      << format_number(s.sharpness) << ',' << opt_number(s.skill_persistence) << ',' << opt_number(s.skill_trend)
      << ',' << opt_number(s.skill_walk) << ',' << pit;
  return out.str();
}

std::string scores_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,sample," << kScoreColumns << ",outcome_unit,observed_unit\n";
  auto line = [&](const std::string& series, const std::string& outcome, const char* sample, const SeriesScores& s,
                  const std::string& ou, const std::string& cu) {
    out << csv_field(series) << ',' << csv_field(outcome) << ',' << sample << ',' << score_csv_fields(s) << ','
        << csv_field(ou) << ',' << csv_field(cu) << '\n';
  };
  for (const auto& s : r.series)
    if (s.in_sample.n > 0) line(s.series, s.outcome, "in", s.in_sample, s.outcome_unit, s.observed_unit);
  line("(all)", "", "in", r.overall, "", "");
  for (const auto& s : r.series)
    if (s.out_of_sample) line(s.series, s.outcome, "out", *s.out_of_sample, s.outcome_unit, s.observed_unit);
  if (r.overall_out_of_sample) line("(all)", "", "out", *r.overall_out_of_sample, "", "");
  return out.str();
}

std::string leads_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,lead," << kScoreColumns << "\n";
  for (const auto& l : r.leads) out << csv_field(l.series) << ',' << l.lead << ',' << score_csv_fields(l.scores) << '\n';
  return out.str();
}

std::string filter_csv(const BacktestResult& r) { return filter_steps_csv(r.filter); }

std::string forecast_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "series,outcome,year,lead,median,q05,q25,q75,q95,persistence,trend,walk_median,walk_q05,walk_q95\n";
  for (const auto& s : r.series)
    for (const auto& f : s.forecast)
      out << csv_field(s.series) << ',' << csv_field(s.outcome) << ',' << format_number(f.model.year) << ','
          << f.lead << ',' << format_number(f.model.q50) << ',' << format_number(f.model.q05) << ','
          << format_number(f.model.q25) << ',' << format_number(f.model.q75) << ',' << format_number(f.model.q95)
          << ',' << format_number(f.persistence) << ',' << format_number(f.trend) << ','
          << format_number(f.walk_q50) << ',' << format_number(f.walk_q05) << ',' << format_number(f.walk_q95)
          << '\n';
  return out.str();
}

std::string backtest_json(const BacktestResult& r) {
  nlohmann::ordered_json j;
  j["format"] = kBacktestFormat.name;
  j["format_version"] = kBacktestFormat.version;
  j["manifest"] = "manifest.json";
  j["scenario"] = r.loaded.spec.name;
  j["observed"] = {{"file", r.observed.file}, {"sha256", r.observed.sha256}};
  j["policy"] = r.settings.policy;
  j["runs"] = r.settings.runs;
  j["seed"] = r.settings.seed;
  j["origin"] = r.until;
  j["conditioned"] = r.conditioned;
  if (r.conditioned)
    j["filter"] = {{"ess_threshold", r.ess_threshold},
                   {"discount", r.discount},
                   {"shrinkage", liu_west_shrinkage(r.discount)},
                   {"default_relative_error", r.relative_error},
                   {"discrepancy", r.discrepancy ? "ar1" : "none"}};
  if (r.discrepancy) {
    const DiscrepancyPrior prior;
    j["filter"]["discrepancy_prior"] = {{"persistence", {prior.phi_min, prior.phi_max}},
                                        {"sd", {prior.sd_min, prior.sd_max}}};
  }
  if (!r.error_grid.empty()) {
    auto grid = nlohmann::ordered_json::array();
    for (const auto& [e, c] : r.error_grid) grid.push_back({{"relative_error", e}, {"coverage_90_in_sample", c}});
    j["obs_error_auto"] = grid;
  }
  if (!r.series_error.empty()) {
    auto per = nlohmann::ordered_json::object();
    for (const auto& [name, e] : r.series_error) per[name] = e;
    j["obs_error_per_series"] = per;
  }
  j["max_lead"] = r.max_lead;
  j["trend_window"] = r.trend_window;
  j["crps_levels"] = kCrpsLevels;
  j["sketch_accuracy"] = kBacktestSketchAccuracy;
  auto map = nlohmann::ordered_json::object();
  for (const auto& [s, o] : r.map) map[s] = o;
  j["map"] = map;
  j["notes"] = r.notes;
  j["overall"] = scores_json(r.overall);
  j["overall_out_of_sample"] = r.overall_out_of_sample ? scores_json(*r.overall_out_of_sample) : nlohmann::ordered_json(nullptr);
  auto leads = nlohmann::ordered_json::array();
  for (const auto& l : r.leads) {
    nlohmann::ordered_json x = scores_json(l.scores);
    x["series"] = l.series;
    x["lead"] = l.lead;
    leads.push_back(std::move(x));
  }
  j["leads"] = leads;
  auto series = nlohmann::ordered_json::array();
  for (const auto& s : r.series) {
    nlohmann::ordered_json e;
    e["series"] = s.series;
    e["outcome"] = s.outcome;
    e["label"] = s.label;
    e["outcome_unit"] = s.outcome_unit;
    e["observed_unit"] = s.observed_unit;
    e["scale"] = s.scale;
    if (s.baselines)
      e["baselines"] = {{"last_year", s.baselines->last_year},
                        {"persistence", s.baselines->last_value},
                        {"trend_intercept", s.baselines->intercept},
                        {"trend_slope", s.baselines->slope},
                        {"trend_points", s.baselines->trend_points},
                        {"walk_drift", s.baselines->drift},
                        {"walk_sd", s.baselines->step_sd},
                        {"walk_points", s.baselines->drift_points}};
    else
      e["baselines"] = nullptr;
    e["scores"] = scores_json(s.in_sample);
    e["scores_out_of_sample"] = s.out_of_sample ? scores_json(*s.out_of_sample) : nlohmann::ordered_json(nullptr);
    auto rows = nlohmann::ordered_json::array();
    for (const auto& row : s.rows) {
      nlohmann::ordered_json x = bands_json(row.model);
      x["observed"] = row.observed;
      x["sd"] = row.sd;
      x["in_50"] = row.in_50;
      x["in_90"] = row.in_90;
      x["crps_model"] = row.crps_model;
      x["pit"] = row.pit;
      x["interval_score"] = row.interval_score;
      x["crps_persistence"] = row.baselines ? nlohmann::ordered_json(row.crps_persistence) : nlohmann::ordered_json(nullptr);
      x["crps_trend"] = row.baselines ? nlohmann::ordered_json(row.crps_trend) : nlohmann::ordered_json(nullptr);
      x["crps_walk"] = row.baselines ? nlohmann::ordered_json(row.crps_walk) : nlohmann::ordered_json(nullptr);
      x["sample"] = row.in_sample ? "in" : "out";
      x["lead"] = row.lead;
      x["scored"] = row.scored;
      rows.push_back(std::move(x));
    }
    e["observations"] = rows;
    auto fc = nlohmann::ordered_json::array();
    for (const auto& f : s.forecast) {
      nlohmann::ordered_json x = bands_json(f.model);
      x["lead"] = f.lead;
      x["persistence"] = f.persistence;
      x["trend"] = f.trend;
      x["walk_median"] = f.walk_q50;
      x["walk_q05"] = f.walk_q05;
      x["walk_q95"] = f.walk_q95;
      fc.push_back(std::move(x));
    }
    e["forecast"] = fc;
    auto bands = nlohmann::ordered_json::array();
    for (const auto& b : s.bands) bands.push_back(bands_json(b));
    e["bands"] = bands;
    if (!s.open_loop.empty()) {
      auto open = nlohmann::ordered_json::array();
      for (const auto& b : s.open_loop) open.push_back(bands_json(b));
      e["open_loop_bands"] = open;
    }
    series.push_back(std::move(e));
  }
  j["series"] = series;
  auto filter = nlohmann::ordered_json::array();
  for (const auto& f : r.filter)
    filter.push_back({{"year", f.year}, {"observations", f.observations}, {"ess", f.ess}, {"resampled", f.resampled}});
  j["filter_steps"] = filter;
  return j.dump(2) + "\n";
}

void write_backtest_outputs(const BacktestResult& r, const std::string& dir) {
  ResultFiles files = {
      {"backtest.csv", backtest_csv(r)},
      {"scores.csv", scores_csv(r)},
      {"forecast.csv", forecast_csv(r)},
      {"leads.csv", leads_csv(r)},
      {"backtest.json", backtest_json(r)},
  };
  if (r.conditioned) files.push_back({"filter.csv", filter_csv(r)});
  nlohmann::ordered_json manifest = make_manifest(r.loaded, r.settings);
  manifest["observed"] = {{"file", r.observed.file}, {"sha256", r.observed.sha256}};
  auto map = nlohmann::ordered_json::object();
  for (const auto& [s, o] : r.map) map[s] = o;
  manifest["backtest"] = {{"origin", r.until},
                          {"conditioned", r.conditioned},
                          {"discrepancy", r.discrepancy ? "ar1" : "none"},
                          {"max_lead", r.max_lead},
                          {"trend_window", r.trend_window},
                          {"map", map}};
  write_result_set(dir, files, manifest);
}

std::string backtest_table(const BacktestResult& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"series", "sample", "n", "cov50", "cov90", "width/med", "CRPS model", "persistence", "trend", "walk",
                  "skill/pers", "skill/trend", "skill/walk", "unit (model | observed)"});
  auto opt = [](const std::optional<double>& v) { return v ? format_short(*v) : std::string("-"); };
  auto add = [&](const std::string& name, const char* sample, const SeriesScores& s, const std::string& units) {
    rows.push_back({name, sample, std::to_string(s.n), format_short(s.coverage_50), format_short(s.coverage_90),
                    format_short(s.sharpness), format_short(s.crps_model), format_short(s.crps_persistence),
                    format_short(s.crps_trend), format_short(s.crps_walk), opt(s.skill_persistence),
                    opt(s.skill_trend), opt(s.skill_walk), units});
  };
  auto units = [](const BacktestSeries& s) {
    return (s.outcome_unit.empty() ? "-" : s.outcome_unit) + " | " + (s.observed_unit.empty() ? "-" : s.observed_unit);
  };
  auto name = [](const BacktestSeries& s) { return s.series == s.outcome ? s.series : s.series + " -> " + s.outcome; };
  for (const auto& s : r.series)
    if (s.in_sample.n > 0) add(name(s), "in", s.in_sample, units(s));
  for (const auto& s : r.series)
    if (s.out_of_sample && s.out_of_sample->n > 0) add(name(s), "out", *s.out_of_sample, units(s));
  add("all (CRPS / mean |obs|)", "in", r.overall, "");
  if (r.overall_out_of_sample) add("all (CRPS / mean |obs|)", "out", *r.overall_out_of_sample, "");
  std::ostringstream out;
  out << format_text_table(rows, {.rule_before_last = !r.overall_out_of_sample.has_value()});
  out << (r.conditioned ? "conditioned on the observations up to the origin " : "open loop (not conditioned), origin ")
      << r.until << "; in sample: each year's " << (r.conditioned ? "predictive distribution before it was assimilated"
                                                                  : "ensemble")
      << " against baselines built from the years before it; out of sample: the forecast from the origin against "
         "baselines built at the origin. cov50/cov90: coverage of the 50%/90% intervals; width/med: median 90% "
         "width / |median|; skill = 1 - CRPS model / CRPS baseline; "
      << r.settings.runs << (r.conditioned ? " particles\n" : " runs\n");
  return out.str();
}

std::string filter_table(const BacktestResult& r) {
  std::ostringstream out;
  if (!r.error_grid.empty()) {
    out << "--obs-error auto: in-sample 90% coverage";
    for (const auto& [e, c] : r.error_grid) out << "  " << format_number(e) << ": " << format_short(c);
    out << "; kept " << format_number(r.relative_error) << "\n";
  }
  if (!r.series_error.empty()) {
    out << "--obs-error per-series: R from in-sample one-step residuals:";
    for (const auto& [name, e] : r.series_error) out << "  " << name << " " << format_short(e);
    out << "\n";
  }
  if (r.discrepancy) {
    const DiscrepancyPrior prior;
    out << "model discrepancy: AR(1) relative bias per series, persistence U(" << format_number(prior.phi_min) << ", "
        << format_number(prior.phi_max) << "), sd U(" << format_number(prior.sd_min) << ", "
        << format_number(prior.sd_max) << ")\n";
  }
  out << "effective sample size per year (of " << r.settings.runs << "; * resampled):\n";
  int col = 0;
  for (const auto& f : r.filter) {
    if (f.observations == 0 && !f.resampled) continue;
    char buf[48];
    std::snprintf(buf, sizeof buf, "  %s %7.1f%s", format_number(f.year).c_str(), f.ess, f.resampled ? "*" : " ");
    out << buf;
    if (++col % 6 == 0) out << '\n';
  }
  if (col % 6 != 0) out << '\n';
  return out.str();
}

}  // namespace entente::analysis
