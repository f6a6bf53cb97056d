#include "analysis/backtest/conditioning.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/backtest/observation_match.hpp"
#include "analysis/backtest/observations.hpp"
#include "analysis/writers/number_format.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/scenario/year_step.hpp"

namespace entente::analysis {

ConditionedEnsemble condition_ensemble(const CompiledScenario& sc, const ConditionRequest& req, std::uint64_t seed,
                                       std::uint64_t particles, int threads, const std::atomic<bool>* stop) {
  ConditionedEnsemble out;
  const ObservedData data = read_observations(req.observed);
  out.observed_file = data.file;
  out.observed_sha256 = data.sha256;
  const auto map = parse_series_map(req.map, data, sc);
  const ObservationMatch match = match_observations(data, sc, map);
  out.notes = match_notes(match);
  out.origin = req.origin ? *req.origin : static_cast<int>(std::min(match.last_year, sc.years.back()));
  const std::optional<std::size_t> origin_step = year_step(sc.years, out.origin);
  if (!origin_step) {
    Diagnostics d;
    d.error({"--origin", 0, 0}, std::to_string(out.origin) + " is not a year of the scenario (" +
                                    format_number(sc.years.front()) + " to " + format_number(sc.years.back()) + ")");
    d.throw_if_any();
  }
  std::vector<FilterObservation> obs;
  for (const auto& m : match.series)
    for (const auto& o : m.obs) {
      if (o.year > out.origin) continue;
      const auto& stated = data.rows[o.row].sd;
      double sd = stated ? *stated : req.relative_error * std::fabs(o.value);
      if (!(sd > 0)) sd = req.relative_error;
      obs.push_back({m.outcome, o.step, o.value, sd});
    }
  out.observations = obs.size();
  FilterOptions fo;
  fo.seed = seed;
  fo.particles = particles;
  fo.threads = threads;
  fo.origin_step = *origin_step;
  fo.ess_threshold = req.ess_threshold;
  fo.discount = req.discount;
  fo.stop_at_origin = true;
  fo.stop = stop;
  FilterResult f = run_particle_filter(sc, obs, fo);
  out.interrupted = f.interrupted;
  out.steps = std::move(f.steps);
  out.steps.resize(std::min(out.steps.size(), fo.origin_step + 1));
  out.states = std::move(f.origin_states);
  out.paths = std::move(f.origin_paths);
  return out;
}

std::string filter_steps_csv(const std::vector<FilterStep>& steps) {
  std::string out = "year,observations,ess,resampled\n";
  for (const auto& f : steps)
    out += format_number(f.year) + "," + std::to_string(f.observations) + "," + format_number(f.ess) + "," +
           (f.resampled ? "1" : "0") + "\n";
  return out;
}

std::string ess_line(const std::vector<FilterStep>& steps) {
  std::string s = "effective sample size per year (* resampled):";
  for (const auto& f : steps) {
    char buf[48];
    std::snprintf(buf, sizeof buf, " %s %.1f%s", format_number(f.year).c_str(), f.ess, f.resampled ? "*" : "");
    s += buf;
  }
  return s;
}

}  // namespace entente::analysis
