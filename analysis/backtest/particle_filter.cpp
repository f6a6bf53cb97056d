#include "analysis/backtest/particle_filter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/numeric_guard.hpp"
#include "sim/engine/run.hpp"
#include "sim/rng/stream.hpp"

namespace entente::analysis {

double liu_west_shrinkage(double discount) { return (3.0 * discount - 1.0) / (2.0 * discount); }

namespace {

// Advance every particle one step (or initialise them at step 0) in
// parallel and record their outcomes; false when stopped.
bool advance_all(const CompiledScenario& sc, const FilterOptions& opt, std::vector<RunState>& states,
                 std::vector<RunKey>& keys, FilterResult& res, std::size_t step) {
  const std::uint64_t n = res.particles;
  std::vector<double> row(static_cast<std::size_t>(n) * res.n_outcomes);
  auto task = [&](std::uint64_t i) {
    RunState& s = states[i];
    try {
      if (step == 0)
        initialize_run(sc, keys[i], s);
      else
        advance_step(sc, s);
    } catch (const ComponentFault& f) {
      throw run_error(keys[i], f.what());
    }
    record_outcomes(sc, s, keys[i], row.data() + i * res.n_outcomes);
  };
  const std::uint64_t done = run_in_waves(n, opt.threads, n, task, [](std::uint64_t, std::uint64_t) {}, opt.stop);
  if (done < n) return false;
  for (std::size_t o = 0; o < res.n_outcomes; ++o) {
    double* dst = res.values.data() + (step * res.n_outcomes + o) * n;
    for (std::uint64_t i = 0; i < n; ++i) dst[i] = row[i * res.n_outcomes + o];
  }
  return true;
}

// Systematic resampling: one uniform u, the particle whose cumulative
// weight first reaches (u + j)/N for j = 0..N-1.
std::vector<std::size_t> systematic_resample(const std::vector<double>& w, Stream& stream) {
  const std::size_t n = w.size();
  std::vector<std::size_t> pick(n);
  const double u = stream.uniform();
  double cum = w[0];
  std::size_t i = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double target = (u + static_cast<double>(j)) / static_cast<double>(n);
    while (cum < target && i + 1 < n) cum += w[++i];
    pick[j] = i;
  }
  return pick;
}

void jitter_parameters(const CompiledScenario& sc, const FilterOptions& opt, std::vector<RunState>& states,
                       std::size_t step) {
  const double a = liu_west_shrinkage(opt.discount);
  const double h = std::sqrt(std::max(0.0, 1.0 - a * a));
  const std::size_t n = states.size();
  for (std::size_t k = 0; k < sc.slots.size(); ++k) {
    const ParamSlot& slot = sc.slots[k];
    if (slot.dist.is_fixed()) continue;
    double mean = 0;
    for (const auto& s : states) mean += s.sampled[k];
    mean /= static_cast<double>(n);
    double var = 0;
    for (const auto& s : states) var += (s.sampled[k] - mean) * (s.sampled[k] - mean);
    var /= static_cast<double>(n > 1 ? n - 1 : 1);
    if (!(var > 0)) continue;
    const double sd = std::sqrt(var), lo = slot.dist.support_min(), hi = slot.dist.support_max();
    for (std::size_t j = 0; j < n; ++j) {
      Stream eps({opt.seed, 0, (step + 1) * n + j, StreamPurpose::kFilter, slot.stream_id});
      const double v = a * states[j].sampled[k] + (1 - a) * mean + h * sd * eps.normal();
      states[j].sampled[k] = std::clamp(v, lo, hi);
    }
  }
}

}  // namespace

FilterResult run_particle_filter(const CompiledScenario& sc, const std::vector<FilterObservation>& observations,
                                 const FilterOptions& opt) {
  if (opt.particles < 2) throw std::invalid_argument("particle filter: at least 2 particles");
  if (!(opt.ess_threshold >= 0 && opt.ess_threshold <= 1))
    throw std::invalid_argument("particle filter: the ESS threshold must be in [0, 1]");
  if (!(opt.discount > 0 && opt.discount <= 1))
    throw std::invalid_argument("particle filter: the discount must be in (0, 1]");
  if (!opt.discrepancy_outcomes.empty() && opt.stop_at_origin)
    throw std::invalid_argument("particle filter: a model discrepancy is not carried into runs from the origin");
  FilterResult res;
  res.particles = opt.particles;
  res.n_outcomes = sc.outcomes.size();
  res.n_steps = static_cast<std::size_t>(sc.n_steps);
  const std::size_t n = static_cast<std::size_t>(opt.particles);
  const std::size_t steps = res.n_steps + 1;
  const std::size_t origin = std::min(opt.origin_step, res.n_steps);
  res.values.assign(steps * res.n_outcomes * n, 0.0);
  res.weights.assign(steps * n, 0.0);
  res.steps.resize(steps);

  std::vector<std::vector<const FilterObservation*>> by_step(steps);
  for (const auto& o : observations)
    if (o.step <= origin && o.step < steps) by_step[o.step].push_back(&o);

  std::vector<RunState> states(n);
  std::vector<RunKey> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = {opt.seed, 0, i};
  std::vector<double> w(n, 1.0 / static_cast<double>(n)), logw(n);
  // Each particle's path of outcome values so far (up to the origin), copied with it on resampling.
  std::vector<std::vector<double>> paths(n);
  const std::size_t last = opt.stop_at_origin ? origin : res.n_steps;
  std::vector<std::string> discrepancy_ids;
  for (std::size_t o : opt.discrepancy_outcomes) {
    if (o >= res.n_outcomes) throw std::invalid_argument("particle filter: discrepancy outcome out of range");
    discrepancy_ids.push_back(sc.outcomes[o].spec.id);
  }
  ModelDiscrepancy discrepancy(discrepancy_ids, n, opt.seed, opt.discrepancy_prior);

  for (std::size_t step = 0; step <= last; ++step) {
    if (!advance_all(sc, opt, states, keys, res, step)) {
      res.interrupted = true;
      return res;
    }
    if (step <= origin)
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t o = 0; o < res.n_outcomes; ++o) paths[i].push_back(res.values_at(step, o)[i]);
    if (discrepancy.series_count() > 0) {
      discrepancy.advance(step);
      for (std::size_t k = 0; k < discrepancy.series_count(); ++k) {
        double* x = res.values.data() + (step * res.n_outcomes + opt.discrepancy_outcomes[k]) * n;
        for (std::size_t i = 0; i < n; ++i) x[i] *= discrepancy.factor(i, k);
      }
    }
    std::copy(w.begin(), w.end(), res.weights.begin() + static_cast<std::ptrdiff_t>(step * n));
    FilterStep& fs = res.steps[step];
    fs.year = sc.years[step];
    fs.observations = by_step[step].size();
    if (step > origin) {
      fs.ess = static_cast<double>(n);
      continue;
    }
    // Weight by the likelihood of this year's observations (log scale,
    // normalised by the largest so that no weight underflows to 0 at once).
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
      double ll = std::log(w[i]);
      for (const FilterObservation* ob : by_step[step]) {
        const double z = (res.values_at(step, ob->outcome)[i] - ob->value) / ob->sd;
        ll -= 0.5 * z * z;
      }
      logw[i] = ll;
      top = std::max(top, ll);
    }
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += (w[i] = std::exp(logw[i] - top));
    double sq = 0;
    for (auto& x : w) {
      x /= sum;
      sq += x * x;
    }
    fs.ess = 1.0 / sq;
    if (fs.ess >= opt.ess_threshold * static_cast<double>(n) && step != origin) continue;
    if (step == origin && fs.observations == 0 && fs.ess >= static_cast<double>(n) * (1 - 1e-12)) {
      res.origin_states = states;
      res.origin_paths = paths;
      continue;
    }
    // Resample, then give every copy its own future and move its parameters.
    Stream pick_stream({opt.seed, 0, step, StreamPurpose::kFilter, stream_id("systematic resampling")});
    const auto pick = systematic_resample(w, pick_stream);
    std::vector<RunState> next(n);
    std::vector<std::vector<double>> next_paths(n);
    for (std::size_t j = 0; j < n; ++j) {
      next[j] = states[pick[j]];
      next_paths[j] = paths[pick[j]];
    }
    states.swap(next);
    paths.swap(next_paths);
    jitter_parameters(sc, opt, states, step);
    if (discrepancy.series_count() > 0) {
      discrepancy.resample(pick);
      discrepancy.jitter(liu_west_shrinkage(opt.discount), step);
    }
    for (std::size_t j = 0; j < n; ++j) {
      keys[j] = {opt.seed, 0, (step + 1) * n + j};
      reseed_run(sc, keys[j], states[j]);
    }
    std::fill(w.begin(), w.end(), 1.0 / static_cast<double>(n));
    fs.resampled = true;
    if (step == origin) {
      res.origin_states = states;
      res.origin_paths = paths;
    }
  }
  return res;
}

}  // namespace entente::analysis
